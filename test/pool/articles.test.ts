// The two source articles, replayed on the local pool as their readers would (docs/try-the-articles.md):
// 000 builds an Express app that signs in with USER_PASSWORD_AUTH and refreshes with GetTokensFromRefreshToken
// on a rotating app client; 001 takes the three tokens apart with the AWS CLI. Each runs through the AWS SDK
// (000: the article's own server.js, unchanged, pointed at the pool with AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER)
// and, where installed, the AWS CLI (skipped with the reason otherwise). No token ever reaches the output:
// they are compared by fingerprint.
import * as sdkModule from '@aws-sdk/client-cognito-identity-provider';
import { spawn, type ChildProcess } from 'node:child_process';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { jwtDecode } from 'jwt-decode';
import { fingerprint } from '../../src/core/shared/fingerprint';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { freePort } from '../../local-cognito/upstream';
import { sdk } from './poolHelpers';

const root = resolve(__dirname, '../../..');
const fp = (token: string | undefined): string => (token ? fingerprint(token) : '(none)');
const REGION = 'ap-northeast-1';
/** The pool does not check signatures; admin calls only need some credentials, as from any AWS profile. */
const FAKE_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

// The CLI's and the app's JSON answers, read field by field below.
/* eslint-disable @typescript-eslint/no-unsafe-member-access */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A command's exit status and output; -1 when it cannot start (not installed). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => done({ status: -1, stdout, stderr: error.message }));
    child.on('close', (code) => done({ status: code ?? -1, stdout, stderr }));
  });
}

/** The AWS CLI, pointed at the pool, with fake credentials and none of the machine's profiles. */
class Cli {
  constructor(private readonly endpoint: string, private readonly home: string) {}
  env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, ...FAKE_CREDENTIALS, AWS_CONFIG_FILE: join(this.home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(this.home, 'credentials'), AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true', AWS_MAX_ATTEMPTS: '1', AWS_DEFAULT_REGION: REGION };
    for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN']) delete env[name];
    return env;
  }
  /** `aws cognito-idp <args> --endpoint-url <pool>`: the parsed JSON, or the CLI's error line (never tokens). */
  async call(args: string[]): Promise<{ ok: boolean; json: Json; error: string }> {
    const result = await run('aws', ['cognito-idp', ...args, '--endpoint-url', this.endpoint, '--output', 'json'], this.env());
    let json: Json = {};
    try {
      json = result.stdout.trim() ? (JSON.parse(result.stdout) as Json) : {};
    } catch {
      // Not JSON: reported through ok/error.
    }
    return { ok: result.status === 0, json, error: result.stderr.trim() };
  }
  async must(args: string[]): Promise<Json> {
    const result = await this.call(args);
    assert.ok(result.ok, `aws cognito-idp ${args[0]}: ${result.error}`);
    return result.json;
  }
}

/** Article 001's ID token claims (its example shows exactly these). */
function assertArticleIdClaims(idToken: string, clientId: string): void {
  const claims = jwtDecode<Json>(idToken);
  for (const name of ['sub', 'aud', 'email_verified', 'token_use', 'auth_time', 'iss', 'cognito:username', 'exp', 'given_name', 'iat', 'email']) {
    assert.ok(name in claims, `the ID token has ${name}`);
  }
  assert.equal(claims.token_use, 'id');
  assert.equal(claims.aud, clientId);
  assert.equal(claims.given_name, 'Jane');
  assert.equal(claims.email, 'janedoe@example.com');
  assert.equal(claims.email_verified, true);
  assert.equal(claims['cognito:username'], 'janedoe');
  assert.equal(claims.exp - claims.iat, 3600, 'IDトークンとアクセストークンの有効期限は1時間');
}

describe('the articles, replayed on the local pool', function () {
  this.timeout(90_000);
  let pool: LocalPool;
  let admin: sdkModule.CognitoIdentityProviderClient;
  let cli: Cli | undefined;
  let cliSkip = '';
  let home = '';

  before(async () => {
    pool = await startPool();
    admin = sdk(pool.endpoint);
    home = mkdtempSync(join(tmpdir(), 'cti-articles-'));
    const probe = await run('aws', ['--version'], process.env);
    if (probe.status !== 0) cliSkip = `no AWS CLI on PATH (${probe.stderr.trim() || `exit ${probe.status}`})`;
    else cli = new Cli(pool.endpoint, home);
  });
  after(async () => {
    admin.destroy();
    await pool.stop();
    rmSync(home, { recursive: true, force: true });
  });

  function needCli(context: Mocha.Context): Cli {
    if (cli) return cli;
    console.log(`    skipped: ${cliSkip}`);
    return context.skip();
  }

  describe('000: refresh-token rotation with an Express app', () => {
    /** The article's set-up: a pool, an SPA app client (no secret) with rotation, a user with a permanent password. */
    async function setUpWithSdk(): Promise<{ poolId: string; clientId: string }> {
      const created = await admin.send(new sdkModule.CreateUserPoolCommand({ PoolName: 'refresh-rotation-demo' }));
      const poolId = created.UserPool?.Id ?? '';
      const client = await admin.send(new sdkModule.CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'spa',
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'],
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
        CallbackURLs: ['http://localhost:3000/'],
      }));
      await admin.send(new sdkModule.AdminCreateUserCommand({ UserPoolId: poolId, Username: 'test@example.com', TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'test@example.com' }] }));
      await admin.send(new sdkModule.AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'test@example.com', Password: 'YourStrongPassword123!', Permanent: true }));
      return { poolId, clientId: client.UserPoolClient?.ClientId ?? '' };
    }

    it('the article\'s server.js, unchanged: login, then two refreshes that rotate', async () => {
      const { poolId, clientId } = await setUpWithSdk();
      // The article's `npm install express @aws-sdk/client-cognito-identity-provider dotenv`: express and the SDK
      // come from this repository; dotenv (which only reads .env) is a stub, the environment set here instead.
      const modules = join(home, 'node_modules');
      mkdirSync(join(modules, 'dotenv'), { recursive: true });
      writeFileSync(join(modules, 'dotenv', 'index.js'), 'module.exports = { config() {} };\n');
      const port = await freePort();
      const env = {
        ...process.env, ...FAKE_CREDENTIALS,
        NODE_PATH: [modules, join(root, 'node_modules')].join(delimiter),
        COGNITO_REGION: REGION, COGNITO_USER_POOL_ID: poolId, COGNITO_CLIENT_ID: clientId, PORT: String(port),
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: pool.endpoint,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      };
      let output = '';
      const app: ChildProcess = spawn(process.execPath, [join(root, 'test/fixtures/articles/000-server.js')], { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
      // The app logs whole responses (tokens included): kept in memory for the checks below, never printed.
      app.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      app.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        await new Promise<void>((ready, fail) => {
          const timer = setInterval(() => {
            if (output.includes('で起動しました')) { clearInterval(timer); ready(); }
            if (app.exitCode !== null) { clearInterval(timer); fail(new Error(`the article's app exited (${app.exitCode})`)); }
          }, 50);
        });
        const base = `http://127.0.0.1:${port}`;
        const post = async (path: string, body?: object): Promise<{ status: number; json: Json }> => {
          const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
          return { status: response.status, json: (await response.json()) as Json };
        };
        const login = await post('/api/login', { username: 'test@example.com', password: 'YourStrongPassword123!' });
        assert.equal(login.status, 200, `login: ${String(login.json.error)}`);
        assert.deepEqual(login.json, { success: true, expiresIn: 3600 });
        for (let i = 0; i < 2; i++) {
          const refresh = await post('/api/refresh');
          assert.equal(refresh.status, 200, `refresh ${i + 1}: ${String(refresh.json.error)}`);
          assert.equal(refresh.json.rotated, true);
          assert.equal(refresh.json.expiresIn, 3600);
        }
        assert.equal(output.split('リフレッシュトークンがローテーションされました!').length - 1, 2, 'the app logged two rotations');
        const info = (await (await fetch(`${base}/api/token-info`)).json()) as Json;
        assert.equal(info.authenticated, true);
        assert.ok(info.accessTokenExpiresIn > 3500 && info.accessTokenExpiresIn <= 3600);
        const wrong = await post('/api/login', { username: 'test@example.com', password: 'wrong' });
        assert.equal(wrong.status, 401);
        assert.equal(wrong.json.error, 'Incorrect username or password.');
      } finally {
        app.kill();
      }
    });

    it('the same calls through the AWS SDK: ExpiresIn 3600, a new refresh token each time, the replaced one refused', async () => {
      const { clientId } = await setUpWithSdk();
      const previous = process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
      process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = pool.endpoint;
      // As the article's app builds it: a region and nothing else; the endpoint comes from the environment.
      const cognito = new sdkModule.CognitoIdentityProviderClient({ region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
      try {
        const login = await cognito.send(new sdkModule.InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'test@example.com', PASSWORD: 'YourStrongPassword123!' } }));
        const first = login.AuthenticationResult;
        assert.equal(first?.ExpiresIn, 3600);
        assert.equal(first?.TokenType, 'Bearer');
        assert.ok(first?.RefreshToken?.startsWith('eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNI'), 'a JWE-shaped refresh token, as the article shows');
        let current = first?.RefreshToken ?? '';
        const seen = new Set([fp(current)]);
        for (let i = 0; i < 2; i++) {
          const refreshed = await cognito.send(new sdkModule.GetTokensFromRefreshTokenCommand({ RefreshToken: current, ClientId: clientId }));
          assert.equal(refreshed.AuthenticationResult?.ExpiresIn, 3600);
          const next = refreshed.AuthenticationResult?.RefreshToken ?? '';
          assert.ok(next && !seen.has(fp(next)), `refresh ${i + 1} rotated the refresh token`);
          seen.add(fp(next));
          const old = current;
          current = next;
          await assert.rejects(cognito.send(new sdkModule.GetTokensFromRefreshTokenCommand({ RefreshToken: old, ClientId: clientId })), (error: Error) => error.name === 'RefreshTokenReuseException');
        }
      } finally {
        cognito.destroy();
        if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
        else process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = previous;
      }
    });

    it('the same set-up and calls through the AWS CLI', async function () {
      this.timeout(300_000); // The CLI starts a Python process per command: seconds each on a busy machine.
      const aws = needCli(this);
      const poolId = String((await aws.must(['create-user-pool', '--pool-name', 'refresh-rotation-demo'])).UserPool.Id);
      const made = await aws.call(['create-user-pool-client', '--user-pool-id', poolId, '--client-name', 'spa', '--no-generate-secret', '--explicit-auth-flows', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', '--refresh-token-rotation', 'Feature=ENABLED,RetryGracePeriodSeconds=0']);
      if (!made.ok && /Unknown options|Invalid choice/i.test(made.error)) {
        console.log(`    skipped: this AWS CLI predates refresh-token rotation (${made.error.split('\n')[0]})`);
        this.skip();
      }
      assert.ok(made.ok, made.error);
      const clientId = String(made.json.UserPoolClient.ClientId);
      await aws.must(['admin-create-user', '--user-pool-id', poolId, '--username', 'test@example.com', '--temporary-password', 'Temp-Passw0rd!', '--message-action', 'SUPPRESS']);
      await aws.must(['admin-set-user-password', '--user-pool-id', poolId, '--username', 'test@example.com', '--password', 'YourStrongPassword123!', '--permanent']);
      const login = await aws.must(['initiate-auth', '--client-id', clientId, '--auth-flow', 'USER_PASSWORD_AUTH', '--auth-parameters', 'USERNAME=test@example.com,PASSWORD=YourStrongPassword123!']);
      assert.equal(login.AuthenticationResult.ExpiresIn, 3600);
      let current = String(login.AuthenticationResult.RefreshToken);
      for (let i = 0; i < 2; i++) {
        const refreshed = await aws.must(['get-tokens-from-refresh-token', '--client-id', clientId, '--refresh-token', current]);
        const next = String(refreshed.AuthenticationResult.RefreshToken ?? '');
        assert.ok(next && fp(next) !== fp(current), `refresh ${i + 1} rotated`);
        current = next;
      }
    });
  });

  describe('001: the three tokens with the AWS CLI', () => {
    /** A pool like the article's: a user janedoe (email, given_name), a custom attribute, an app client for admin sign-in. */
    async function setUp(): Promise<{ poolId: string; clientId: string }> {
      // The article signs in with the address (USERNAME=janedoe@example.com): its pool takes a verified email as an
      // alias of the user name (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html).
      const poolId = (await admin.send(new sdkModule.CreateUserPoolCommand({ PoolName: 'token-walkthrough', AliasAttributes: ['email'] }))).UserPool?.Id ?? '';
      await admin.send(new sdkModule.AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'my-attribute', AttributeDataType: 'String', Mutable: true }] }));
      const client = await admin.send(new sdkModule.CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'cli', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
      await admin.send(new sdkModule.AdminCreateUserCommand({ UserPoolId: poolId, Username: 'janedoe', TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'janedoe@example.com' }, { Name: 'email_verified', Value: 'true' }, { Name: 'given_name', Value: 'Jane' }] }));
      await admin.send(new sdkModule.AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'janedoe', Password: 'Password01@', Permanent: true }));
      return { poolId, clientId: client.UserPoolClient?.ClientId ?? '' };
    }

    it('step by step through the AWS SDK', async () => {
      const { poolId, clientId } = await setUp();
      const signIn = () => admin.send(new sdkModule.AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_NO_SRP_AUTH', AuthParameters: { USERNAME: 'janedoe@example.com', PASSWORD: 'Password01@' } }));
      const tokens = (await signIn()).AuthenticationResult ?? {};
      assertArticleIdClaims(tokens.IdToken ?? '', clientId);
      const user = await admin.send(new sdkModule.GetUserCommand({ AccessToken: tokens.AccessToken }));
      assert.equal(user.Username, 'janedoe');
      assert.deepEqual(user.UserAttributes?.filter((a) => ['sub', 'email', 'email_verified'].includes(a.Name ?? '')).map((a) => a.Name).sort(), ['email', 'email_verified', 'sub']);
      const update = () => admin.send(new sdkModule.UpdateUserAttributesCommand({ AccessToken: tokens.AccessToken, UserAttributes: [{ Name: 'custom:my-attribute', Value: 'hogepiyo' }] }));
      // Before the app client may write it: Cognito refuses.
      await assert.rejects(update(), (error: Error) => error.name === 'NotAuthorizedException' && /unauthorized attribute/.test(error.message));
      await admin.send(new sdkModule.UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId, ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], WriteAttributes: ['custom:my-attribute', 'email', 'given_name'] }));
      await update();
      const stored = await admin.send(new sdkModule.AdminGetUserCommand({ UserPoolId: poolId, Username: 'janedoe' }));
      assert.equal(stored.UserAttributes?.find((a) => a.Name === 'custom:my-attribute')?.Value, 'hogepiyo');
      const refreshed = await admin.send(new sdkModule.AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken ?? '' } }));
      assert.ok(refreshed.AuthenticationResult?.IdToken && refreshed.AuthenticationResult.AccessToken);
      assert.equal(refreshed.AuthenticationResult.RefreshToken, undefined, '更新トークンはありません');
      await admin.send(new sdkModule.GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));
      await assert.rejects(
        admin.send(new sdkModule.AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken ?? '' } })),
        (error: Error) => error.name === 'NotAuthorizedException' && error.message === 'Refresh Token has been revoked',
      );
    });

    it('step by step through the AWS CLI, with the article\'s commands', async function () {
      this.timeout(300_000);
      const aws = needCli(this);
      const { poolId, clientId } = await setUp();
      const auth = ['admin-initiate-auth', '--user-pool-id', poolId, '--client-id', clientId, '--auth-flow', 'ADMIN_NO_SRP_AUTH', '--auth-parameters', 'USERNAME=janedoe@example.com,PASSWORD=Password01@'];
      // With --query the CLI prints the token alone, as a JSON string (the article strips its quotes with sed).
      const idToken = (await aws.must([...auth, '--query', 'AuthenticationResult.IdToken'])) as unknown as string;
      assert.equal(typeof idToken, 'string');
      assertArticleIdClaims(idToken, clientId);
      const tokens = (await aws.must(auth)).AuthenticationResult as Json;
      const user = await aws.must(['get-user', '--access-token', String(tokens.AccessToken)]);
      assert.equal(user.Username, 'janedoe');
      const update = ['update-user-attributes', '--user-attributes', 'Name=custom:my-attribute,Value=hogepiyo', '--access-token', String(tokens.AccessToken)];
      const refused = await aws.call(update);
      assert.equal(refused.ok, false);
      assert.match(refused.error, /NotAuthorizedException.*A client attempted to write unauthorized attribute/);
      await aws.must(['update-user-pool-client', '--user-pool-id', poolId, '--client-id', clientId, '--explicit-auth-flows', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', '--write-attributes', 'custom:my-attribute', 'email', 'given_name']);
      await aws.must(update);
      const refresh = ['admin-initiate-auth', '--user-pool-id', poolId, '--client-id', clientId, '--auth-flow', 'REFRESH_TOKEN_AUTH', '--auth-parameters', `REFRESH_TOKEN=${String(tokens.RefreshToken)}`];
      const refreshed = (await aws.must(refresh)).AuthenticationResult as Json;
      assert.ok(refreshed.IdToken && refreshed.AccessToken && refreshed.RefreshToken === undefined);
      await aws.must(['global-sign-out', `--access-token=${String(tokens.AccessToken)}`]);
      const after = await aws.call(refresh);
      assert.equal(after.ok, false);
      assert.match(after.error, /An error occurred \(NotAuthorizedException\) when calling the AdminInitiateAuth operation: Refresh Token has been revoked/);
    });
  });
});
