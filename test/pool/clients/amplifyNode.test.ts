// Amplify JS v6 (aws-amplify 6.22) in Node against the local pool, configured only with `userPoolEndpoint`:
// SRP sign-in (its default), refresh with rotation, signOut with RevokeToken, sign-up and password reset with
// the codes the pool shows at /_local/codes.
import { GetTokensFromRefreshTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { confirmResetPassword, confirmSignUp, fetchAuthSession, resetPassword, signIn, signOut, signUp } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sdk } from '../poolHelpers';
import { PASSWORD, call, delta, forceSalts, fp, latestCode, refused, saltNumber, startClientsPool, stats, type ClientsPool } from './clientsPool';

const LIB = 'aws-amplify';

/** Amplify's KeyValueStorage kept in memory (Node has no localStorage); tests read the refresh token from it. */
class MemoryKeyValueStorage {
  readonly items = new Map<string, string>();
  setItem(key: string, value: string): Promise<void> {
    this.items.set(key, value);
    return Promise.resolve();
  }
  getItem(key: string): Promise<string | null> {
    return Promise.resolve(this.items.get(key) ?? null);
  }
  removeItem(key: string): Promise<void> {
    this.items.delete(key);
    return Promise.resolve();
  }
  clear(): Promise<void> {
    this.items.clear();
    return Promise.resolve();
  }
  /** Amplify stores it as `CognitoIdentityServiceProvider.<clientId>.<username>.refreshToken`. */
  refreshToken(): string | undefined {
    for (const [key, value] of this.items) {
      if (key.endsWith('.refreshToken')) return value;
    }
    return undefined;
  }
}

describe('third-party client: Amplify v6 (aws-amplify) in Node', function () {
  this.timeout(60_000);
  let local: ClientsPool;
  const storage = new MemoryKeyValueStorage();

  before(async () => {
    local = await startClientsPool(['amp-srp', 'amp-rotate', 'amp-signout', 'amp-reset']);
    // The rotating client: Amplify 6.22 refreshes with GetTokensFromRefreshToken, which rotation needs.
    configure(local.rotating);
  });

  /** Amplify.configure puts back its default token store, so ours is set again after every configure. */
  function configure(clientId: string): void {
    Amplify.configure({ Auth: { Cognito: { userPoolId: local.poolId, userPoolClientId: clientId, userPoolEndpoint: local.endpoint } } });
    cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);
  }
  afterEach(async () => {
    // Amplify refuses a sign-in while someone is signed in; each test starts signed out.
    await signOut().catch(() => undefined);
    await storage.clear();
  });
  after(() => local?.pool.stop());

  async function signInDone(username: string, password: string, label = `${LIB} signIn (USER_SRP_AUTH)`): Promise<void> {
    const result = await call(label, () => signIn({ username, password }));
    assert.equal(result.isSignedIn, true, `${label}: not signed in, next step ${result.nextStep.signInStep}`);
    assert.equal(result.nextStep.signInStep, 'DONE');
  }

  it('signIn uses SRP by default and signs in', async () => {
    const before = await stats(local.endpoint);
    await signInDone('amp-srp', PASSWORD);
    const after = await stats(local.endpoint);
    assert.equal(delta(before, after, 'RespondToAuthChallenge'), 1, 'one PASSWORD_VERIFIER answer: SRP, not USER_PASSWORD_AUTH');
    const session = await call(`${LIB} fetchAuthSession`, () => fetchAuthSession());
    assert.equal(session.tokens?.idToken?.payload['cognito:username'], 'amp-srp');
    assert.equal(session.tokens?.idToken?.payload.aud, local.rotating);
  });

  it('signIn (SRP) signs in when the salt starts with 00 then a byte below 0x80', async () => {
    const salt = `007f${randomBytes(14).toString('hex')}`;
    const forced = forceSalts([salt]);
    try {
      await signInDone('amp-srp', PASSWORD, `${LIB} signIn (USER_SRP_AUTH, salt 00 then a byte below 0x80)`);
    } finally {
      forced.restore();
    }
    assert.deepEqual(forced.observed.map(saltNumber), [saltNumber(salt)], 'the SRP challenge carried the forced salt');
  });

  it('fetchAuthSession({forceRefresh: true}) calls GetTokensFromRefreshToken and stores the rotated refresh token', async () => {
    await signInDone('amp-rotate', PASSWORD);
    const seen = [fp(storage.refreshToken())];
    assert.match(seen[0], /^[0-9a-f]{12}$/, 'Amplify keeps its refresh token in our storage');
    const accessSeen = [fp((await fetchAuthSession()).tokens?.accessToken.toString())];
    for (let i = 1; i <= 2; i++) {
      const before = await stats(local.endpoint);
      const session = await call(`${LIB} fetchAuthSession({forceRefresh: true}) #${i}`, () => fetchAuthSession({ forceRefresh: true }));
      const after = await stats(local.endpoint);
      assert.equal(delta(before, after, 'GetTokensFromRefreshToken'), 1, `${LIB} refreshed with GetTokensFromRefreshToken`);
      assert.equal(delta(before, after, 'InitiateAuth'), 0, `${LIB} did not use InitiateAuth REFRESH_TOKEN_AUTH`);
      const access = fp(session.tokens?.accessToken.toString());
      const refresh = fp(storage.refreshToken());
      assert.ok(!accessSeen.includes(access), `refresh #${i}: a new access token`);
      assert.ok(!seen.includes(refresh) && refresh !== '(none)', `refresh #${i}: Amplify stored a new (rotated) refresh token`);
      accessSeen.push(access);
      seen.push(refresh);
    }
  });

  it('fetchAuthSession({forceRefresh: true}) on a classic client: GetTokensFromRefreshToken, same refresh token', async () => {
    configure(local.classic);
    try {
      await signInDone('amp-rotate', PASSWORD, `${LIB} signIn (USER_SRP_AUTH, classic client)`);
      const refresh = fp(storage.refreshToken());
      assert.match(refresh, /^[0-9a-f]{12}$/, 'Amplify keeps its refresh token in our storage');
      const access = fp((await fetchAuthSession()).tokens?.accessToken.toString());
      const before = await stats(local.endpoint);
      const session = await call(`${LIB} fetchAuthSession({forceRefresh: true}) (classic client)`, () => fetchAuthSession({ forceRefresh: true }));
      const after = await stats(local.endpoint);
      assert.equal(delta(before, after, 'GetTokensFromRefreshToken'), 1, `${LIB} refreshed with GetTokensFromRefreshToken`);
      assert.notEqual(fp(session.tokens?.accessToken.toString()), access, 'a new access token');
      assert.equal(fp(storage.refreshToken()), refresh, 'without rotation Amplify keeps its refresh token');
      await signOut();
    } finally {
      configure(local.rotating);
    }
  });

  it('signOut() sends RevokeToken and the refresh token is refused afterwards', async () => {
    await signInDone('amp-signout', PASSWORD);
    const refreshToken = storage.refreshToken() ?? '';
    assert.ok(refreshToken, 'Amplify keeps its refresh token in our storage');
    const access = (await fetchAuthSession()).tokens?.accessToken;
    assert.ok(access?.payload.origin_jti, `${LIB} signOut sends RevokeToken only when the access token carries origin_jti (issue 8 item 5)`);
    const before = await stats(local.endpoint);
    await call(`${LIB} signOut`, () => signOut());
    const after = await stats(local.endpoint);
    assert.equal(delta(before, after, 'RevokeToken'), 1, `${LIB} signOut sent RevokeToken`);
    assert.equal(storage.refreshToken(), undefined, `${LIB} signOut cleared its storage`);
    const client = sdk(local.endpoint);
    try {
      await refused(`GetTokensFromRefreshToken after ${LIB} signOut`, () => client.send(new GetTokensFromRefreshTokenCommand({ ClientId: local.rotating, RefreshToken: refreshToken })), ['NotAuthorizedException'], /Refresh Token has been revoked/);
    } finally {
      client.destroy();
    }
  });

  it('signUp, then confirmSignUp with the code from GET /_local/codes, then signIn', async () => {
    const username = `amp-new-${randomBytes(3).toString('hex')}`;
    const result = await call(`${LIB} signUp`, () => signUp({ username, password: PASSWORD, options: { userAttributes: { email: `${username}@example.com` } } }));
    assert.equal(result.isSignUpComplete, false);
    assert.equal(result.nextStep.signUpStep, 'CONFIRM_SIGN_UP');
    const code = await call(`GET /_local/codes after ${LIB} signUp`, () => latestCode(local.endpoint, local.poolId, username, 'sign-up'));
    const confirmed = await call(`${LIB} confirmSignUp`, () => confirmSignUp({ username, confirmationCode: code }));
    assert.equal(confirmed.isSignUpComplete, true);
    await signInDone(username, PASSWORD, `${LIB} signIn (USER_SRP_AUTH) after confirmSignUp`);
  });

  it('resetPassword, then confirmResetPassword with the code from GET /_local/codes, then signIn with the new password', async () => {
    const result = await call(`${LIB} resetPassword`, () => resetPassword({ username: 'amp-reset' }));
    assert.equal(result.isPasswordReset, false);
    assert.equal(result.nextStep.resetPasswordStep, 'CONFIRM_RESET_PASSWORD_WITH_CODE');
    const code = await call(`GET /_local/codes after ${LIB} resetPassword`, () => latestCode(local.endpoint, local.poolId, 'amp-reset', 'forgot-password'));
    const newPassword = 'Reset-Passw0rd!';
    await call(`${LIB} confirmResetPassword`, () => confirmResetPassword({ username: 'amp-reset', confirmationCode: code, newPassword }));
    await refused(`${LIB} signIn (USER_SRP_AUTH) with the old password`, () => signIn({ username: 'amp-reset', password: PASSWORD }), ['NotAuthorizedException'], /Incorrect username or password/);
    await signInDone('amp-reset', newPassword, `${LIB} signIn (USER_SRP_AUTH) with the new password`);
  });
});
