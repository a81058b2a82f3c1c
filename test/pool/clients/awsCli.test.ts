// The AWS CLI against the local pool, when one is installed: initiate-auth, get-tokens-from-refresh-token
// (rotation) and revoke-token, unsigned (--no-sign-request) as these calls are on AWS. Without a CLI, or with
// one too old for an operation, the test says why and is skipped.
import { spawn } from 'node:child_process';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sdk, signIn } from '../poolHelpers';
import { PASSWORD, fp, startClientsPool, type ClientsPool } from './clientsPool';

interface CliResult {
  ok: boolean;
  json: { AuthenticationResult?: { AccessToken?: string; IdToken?: string; RefreshToken?: string; ExpiresIn?: number; TokenType?: string } };
  /** The CLI's error text ("An error occurred (X) when calling the Y operation: …"); it carries no tokens. */
  error: string;
}

/** A command's exit status and output; a command that cannot start (not installed) has status -1. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => resolve({ status: -1, stdout, stderr: error.message }));
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

describe('third-party client: the AWS CLI', function () {
  this.timeout(60_000);
  let local: ClientsPool | undefined;
  let version = '';
  let home = '';

  /** The machine's environment without its AWS profile, config or credentials. */
  function cliEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true', AWS_MAX_ATTEMPTS: '1' };
    for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete env[name];
    return env;
  }

  /**
   * Runs `aws cognito-idp <args>` against the pool. Asynchronously: the pool answers from this very process,
   * so a synchronous spawn would wait for an answer it blocks.
   */
  async function aws(args: string[]): Promise<CliResult> {
    const result = await run('aws', ['cognito-idp', ...args, '--endpoint-url', local?.endpoint ?? '', '--region', 'local', '--no-sign-request', '--output', 'json'], cliEnv());
    let json: CliResult['json'] = {};
    try {
      json = result.stdout.trim() ? (JSON.parse(result.stdout) as CliResult['json']) : {};
    } catch {
      // Not JSON: reported through ok/error below, never printed (it could hold tokens).
    }
    return { ok: result.status === 0, json, error: result.stderr.trim() || `exit ${result.status}` };
  }

  before(async function () {
    const probe = await run('aws', ['--version'], process.env);
    if (probe.status !== 0) {
      console.log(`    skipped: no working AWS CLI on PATH (${probe.stderr.trim() || `exit ${probe.status}`})`);
      this.skip();
    }
    version = `${probe.stdout}${probe.stderr}`.trim().split(/\s/)[0];
    home = mkdtempSync(join(tmpdir(), 'cti-aws-cli-'));
    local = await startClientsPool(['cli-signin', 'cli-rotate', 'cli-revoke']);
  });
  after(async () => {
    await local?.pool.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  /** An operation this CLI does not know ("Invalid choice") skips the test, saying so; other failures fail it. */
  function ok(context: Mocha.Context, label: string, result: CliResult): CliResult {
    if (!result.ok && /Invalid choice/i.test(result.error)) {
      console.log(`    skipped: ${version} does not know \`aws cognito-idp ${label}\` (too old: GetTokensFromRefreshToken reached the CLI in 2025)`);
      context.skip();
    }
    assert.ok(result.ok, `aws cognito-idp ${label} (${version}): ${result.error}`);
    return result;
  }

  async function sdkRefreshToken(username: string): Promise<string> {
    const client = sdk(local?.endpoint ?? '');
    const tokens = await signIn(client, { poolId: local?.poolId ?? '', clientId: local?.rotating ?? '' }, username, PASSWORD).finally(() => client.destroy());
    return tokens.RefreshToken ?? '';
  }

  it('aws cognito-idp initiate-auth --auth-flow USER_PASSWORD_AUTH signs in', async function () {
    const { json } = ok(this, 'initiate-auth', await aws(['initiate-auth', '--client-id', local?.rotating ?? '', '--auth-flow', 'USER_PASSWORD_AUTH', '--auth-parameters', `USERNAME=cli-signin,PASSWORD=${PASSWORD}`]));
    const auth = json.AuthenticationResult;
    assert.ok(auth?.AccessToken && auth.IdToken && auth.RefreshToken, 'access, ID and refresh token');
    assert.equal(auth.ExpiresIn, 300);
    assert.equal(auth.TokenType, 'Bearer');
  });

  it('aws cognito-idp get-tokens-from-refresh-token rotates the refresh token', async function () {
    const first = await sdkRefreshToken('cli-rotate');
    const { json } = ok(this, 'get-tokens-from-refresh-token', await aws(['get-tokens-from-refresh-token', '--client-id', local?.rotating ?? '', '--refresh-token', first]));
    const next = json.AuthenticationResult?.RefreshToken;
    assert.ok(next, 'a rotating client returns a new refresh token');
    assert.notEqual(fp(next), fp(first), 'the refresh token rotated');
    assert.ok(json.AuthenticationResult?.AccessToken, 'and a new access token');
  });

  it('aws cognito-idp revoke-token, then get-tokens-from-refresh-token is refused', async function () {
    const token = await sdkRefreshToken('cli-revoke');
    ok(this, 'revoke-token', await aws(['revoke-token', '--client-id', local?.rotating ?? '', '--token', token]));
    const after = await aws(['get-tokens-from-refresh-token', '--client-id', local?.rotating ?? '', '--refresh-token', token]);
    if (/Invalid choice/i.test(after.error)) ok(this, 'get-tokens-from-refresh-token', after);
    assert.equal(after.ok, false, `aws cognito-idp get-tokens-from-refresh-token (${version}) succeeded after revoke-token`);
    assert.match(after.error, /NotAuthorizedException.*Refresh Token has been revoked/, `aws cognito-idp get-tokens-from-refresh-token after revoke-token (${version})`);
  });
});
