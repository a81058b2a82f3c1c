/**
 * Our OAuth and USER_AUTH clients against the real local pool (loopback only): managed login through the
 * pool's form with our loopback listener, the token endpoint's grants, revoke, userInfo and USER_AUTH.
 * The pool's own protocol is judged by openid-client in the pool suite; these check our side end to end.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand, type InitiateAuthCommandInput, type RespondToAuthChallengeCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import type { SeedFile } from '../../local-cognito/seed';
import { parseOAuthDomain, type OAuthDomain } from '../../src/core/protocol/oauth';
import { fetchUserInfo, OAuthError, requestTokens, revokeRefreshToken, type HttpSend } from '../../src/core/protocol/oauthFlows';
import { ManualClock } from '../../src/core/shared/clock';
import { fingerprint } from '../../src/core/shared/fingerprint';
import { decodeToken } from '../../src/core/tokens/jwt';
import { signInUserAuth, type UserAuthApi, type UserAuthAsker } from '../../src/core/sessions/userAuthFlow';
import { domainTransport } from '../../src/oauth/httpTransport';
import { managedLogin, type ManagedLoginShell } from '../../src/oauth/managedLogin';
import { formatMessage } from '../../src/core/shared/l10n';
import { latestCode } from '../fixtures/localCodes';
import { signInOnPoolPage } from '../fixtures/poolBrowser';

const root = join(__dirname, '..', '..', '..');

function claims(token: string | undefined): Record<string, unknown> {
  const decoded = decodeToken(token ?? '');
  return decoded.kind === 'jws' ? decoded.payload : {};
}

describe('our OAuth and USER_AUTH clients against the local pool', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let domain: OAuthDomain;
  let clients: Record<string, { clientId: string; clientSecret?: string }>;
  let poolId: string;
  const send: HttpSend = (request) => domainTransport(domain)(request);

  before(async () => {
    const seed = JSON.parse(readFileSync(join(root, 'local-cognito', 'demo-seed.json'), 'utf8')) as SeedFile;
    pool = await startPool({ seed });
    domain = parseOAuthDomain(pool.endpoint) as OAuthDomain;
    const seeded = pool.seeded?.userPools[0];
    assert.ok(seeded);
    clients = seeded.clients;
    poolId = seeded.id;
  });

  after(async () => {
    await pool?.stop();
  });

  const shell = (openExternal: (url: string) => Promise<boolean>): ManagedLoginShell => ({
    openExternal,
    uriHandler: { callbackUri: () => Promise.reject(new Error('not used')), wait: () => Promise.reject(new Error('not used')) },
    transport: (d, signal) => domainTransport(d, signal),
    t: formatMessage,
    timeoutMs: 10_000,
  });

  it('managed login: code + PKCE through the pool\'s form, back to our loopback listener; refresh rotates; revoke ends it', async () => {
    const request = { domain: pool.endpoint, clientId: clients.managed.clientId, scopes: ['openid', 'email', 'aws.cognito.signin.user.admin'], redirectUri: 'http://localhost:45678/callback' };
    let opened = '';
    let browsing: Promise<void> = Promise.resolve();
    const outcome = await managedLogin(shell((url) => {
      opened = url;
      // openExternal returns once the browser has the URL; the person signs in after.
      browsing = signInOnPoolPage(url, 'demo', 'Demo-Passw0rd!');
      return Promise.resolve(true);
    }), request);
    await browsing;
    assert.equal(outcome.kind, 'tokens', outcome.kind === 'failed' ? `${outcome.failure} ${outcome.detail}` : '');
    assert.equal(new URL(opened).searchParams.get('code_challenge_method'), 'S256');
    if (outcome.kind !== 'tokens') return;
    assert.equal(claims(outcome.tokens.id)['cognito:username'], 'demo');
    assert.ok(outcome.tokens.refresh);

    const client = { domain, clientId: clients.managed.clientId };
    const refreshed = await requestTokens(send, client, { grant: 'refresh_token', refreshToken: outcome.tokens.refresh });
    assert.ok(refreshed.refresh, 'the client rotates: a new refresh token');
    assert.notEqual(fingerprint(refreshed.refresh), fingerprint(outcome.tokens.refresh));

    const info = await fetchUserInfo(send, domain, refreshed.access);
    assert.equal(info.email, 'demo@example.com');

    await revokeRefreshToken(send, client, refreshed.refresh);
    await assert.rejects(requestTokens(send, client, { grant: 'refresh_token', refreshToken: refreshed.refresh }), (e: unknown) => e instanceof OAuthError && e.failure === 'invalidGrant');
  });

  it('managed login: an unregistered redirect URI never receives the code; we time out and say what to register', async () => {
    const request = { domain: pool.endpoint, clientId: clients.managed.clientId, scopes: ['openid'], redirectUri: 'http://localhost:45679/elsewhere' };
    const quick = { ...shell(async (url) => {
      const answer = await fetch(url, { redirect: 'manual' });
      assert.match(answer.headers.get('location') ?? (await answer.text()), /redirect_mismatch/);
      return true;
    }), timeoutMs: 500 };
    const outcome = await managedLogin(quick, request);
    assert.equal(outcome.kind === 'failed' && outcome.failure, 'timeout');
  });

  it('managed login: a scope the client does not allow comes back as invalid_scope', async () => {
    const request = { domain: pool.endpoint, clientId: clients.managed.clientId, scopes: ['openid', 'demo-api/write'], redirectUri: 'http://localhost:45678/callback' };
    const outcome = await managedLogin(shell(async (url) => {
      const answer = await fetch(url, { redirect: 'manual' });
      if (answer.status === 302) await fetch(answer.headers.get('location') ?? '');
      return true;
    }), request);
    assert.equal(outcome.kind === 'failed' && outcome.failure, 'invalidScope');
  });

  it('client credentials: an access token only, sub = client id, the custom scopes granted', async () => {
    const tokens = await requestTokens(send, { domain, ...clients.m2m }, { grant: 'client_credentials', scopes: ['demo-api/read'] });
    assert.equal(tokens.id, undefined);
    assert.equal(tokens.refresh, undefined);
    const access = claims(tokens.access);
    assert.equal(access.sub, clients.m2m.clientId);
    assert.equal(access.client_id, clients.m2m.clientId);
    assert.equal(access.scope, 'demo-api/read');
    await assert.rejects(requestTokens(send, { domain, clientId: clients.m2m.clientId, clientSecret: 'wrong' }, { grant: 'client_credentials', scopes: ['demo-api/read'] }), (e: unknown) => e instanceof OAuthError && e.failure === 'invalidClient');
  });

  it('the transport refuses any origin but its domain', async () => {
    await assert.rejects(domainTransport(domain)({ url: 'http://127.0.0.1:1/oauth2/token', method: 'POST', headers: {} }), /not the profile's domain/);
  });

  describe('USER_AUTH', () => {
    let sdk: CognitoIdentityProviderClient;
    let api: UserAuthApi;
    before(() => {
      sdk = new CognitoIdentityProviderClient({ endpoint: pool.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      api = {
        initiateAuth: (input) => sdk.send(new InitiateAuthCommand(input as InitiateAuthCommandInput)),
        respondToAuthChallenge: (input) => sdk.send(new RespondToAuthChallengeCommand(input as RespondToAuthChallengeCommandInput)),
      };
    });
    after(() => sdk.destroy());
    const asker = (reads: () => Promise<string>): UserAuthAsker & { asked: string[] } => {
      const asked: string[] = [];
      return {
        asked,
        chooseFactor: (available) => {
          asked.push(available.join(','));
          return Promise.resolve('EMAIL_OTP');
        },
        password: () => Promise.resolve(undefined),
        code: async (kind) => {
          asked.push(kind);
          return reads();
        },
        newPassword: () => Promise.resolve(undefined),
      };
    };
    const readCode = (username: string): Promise<string> => latestCode(pool.endpoint, poolId, username);

    it('EMAIL_OTP for a passwordless user: SELECT_CHALLENGE offers only EMAIL_OTP; the code from /_local/codes signs in', async () => {
      const ask = asker(() => readCode('passwordless'));
      const outcome = await signInUserAuth(api, { userPoolId: poolId, clientId: clients.choice.clientId, username: 'passwordless', clock: new ManualClock(Date.now()) }, ask);
      assert.equal(outcome.kind, 'tokens');
      assert.deepEqual(ask.asked, ['EMAIL_OTP', 'EMAIL_OTP']);
      assert.equal(claims(outcome.kind === 'tokens' ? outcome.tokens.id : '')['cognito:username'], 'passwordless');
    });

    it('PASSWORD and PASSWORD_SRP as preferred challenges', async () => {
      for (const preferred of ['PASSWORD', 'PASSWORD_SRP'] as const) {
        const outcome = await signInUserAuth(api, { userPoolId: poolId, clientId: clients.choice.clientId, username: 'demo', preferred, password: 'Demo-Passw0rd!', clock: new ManualClock(Date.now()) }, asker(() => Promise.reject(new Error('not asked'))));
        assert.equal(outcome.kind, 'tokens', `${preferred}: ${JSON.stringify(outcome.kind)}`);
      }
    });
  });
});
