import {
  AdminUpdateUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminCreateUserCommand,
  CreateUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  UpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import { createHash, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { hiddenFields, payload, postForm, signInThroughForm } from './oauthHelpers';
import { makeClient, makePool, makeUser, rejectsWith, sdk, signIn, type Fixture } from './poolHelpers';

const CALLBACK = 'http://localhost:45679/callback';

/** A challenge stays with its user, scopes stay with their grant, and the pool trusts only its own key. */
describe('local user pool: sessions, grants and keys belong to their owner', function () {
  this.timeout(60_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;
  let app: Fixture;
  let managed: Fixture;
  let managedClassic: Fixture;

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    app = await makeClient(client, poolId);
    const oauth = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code' as const], AllowedOAuthScopes: ['openid', 'email', 'aws.cognito.signin.user.admin'], CallbackURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO'] };
    managed = await makeClient(client, poolId, { ...oauth, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 } });
    managedClassic = await makeClient(client, poolId, { ...oauth, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await makeUser(client, poolId, 'victim', 'Victim-Passw0rd!');
  });
  after(() => pool.stop());

  const tempUser = (username: string) =>
    client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS' }));

  function authorizeUrl(clientId: string, scope: string): { url: string; verifier: string } {
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, scope, state: 'st', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' });
    return { url: `${pool.endpoint}/oauth2/authorize?${query.toString()}`, verifier };
  }

  const tokenRequest = (fields: Record<string, string>) =>
    fetch(`${pool.endpoint}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

  /** Managed login with these scopes, through the form and the code exchange. */
  async function managedSignIn(fixture: Fixture, scope: string): Promise<{ access_token: string; refresh_token: string; code: string; verifier: string }> {
    const { url, verifier } = authorizeUrl(fixture.clientId, scope);
    const code = new URL(await signInThroughForm(url, 'victim', 'Victim-Passw0rd!')).searchParams.get('code') ?? '';
    const response = await tokenRequest({ grant_type: 'authorization_code', client_id: fixture.clientId, code, redirect_uri: CALLBACK, code_verifier: verifier });
    assert.equal(response.status, 200);
    return { ...((await response.json()) as { access_token: string; refresh_token: string }), code, verifier };
  }

  describe('a challenge Session answers only for its own user', () => {
    it('refuses NEW_PASSWORD_REQUIRED naming another USERNAME, and changes nothing', async () => {
      await tempUser('newcomer');
      const challenge = await client.send(new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'newcomer', PASSWORD: 'Temp-Passw0rd!' } }));
      assert.equal(challenge.ChallengeName, 'NEW_PASSWORD_REQUIRED');
      await rejectsWith(
        client.send(new RespondToAuthChallengeCommand({ ClientId: app.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenge.Session, ChallengeResponses: { USERNAME: 'victim', NEW_PASSWORD: 'Taken-Over-1!' } })),
        'NotAuthorizedException',
      );
      // The other user's password is unchanged, and the Session still serves its own user.
      await signIn(client, app, 'victim', 'Victim-Passw0rd!');
      await rejectsWith(signIn(client, app, 'victim', 'Taken-Over-1!'), 'NotAuthorizedException');
      const done = await client.send(new RespondToAuthChallengeCommand({ ClientId: app.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenge.Session, ChallengeResponses: { USERNAME: 'newcomer', NEW_PASSWORD: 'Newcomer-Passw0rd!' } }));
      assert.equal(payload(done.AuthenticationResult?.AccessToken ?? '').username, 'newcomer');
    });

    it('refuses the managed-login form when its hidden user field names someone else', async () => {
      await tempUser('formcomer');
      const { url } = authorizeUrl(managed.clientId, 'openid');
      const form = await fetch(url);
      const step = await postForm(`${pool.endpoint}/oauth2/authorize`, { ...hiddenFields(await form.text()), username: 'formcomer', password: 'Temp-Passw0rd!' });
      const fields = hiddenFields(await step.text());
      assert.equal(fields.challenge, 'NEW_PASSWORD_REQUIRED');
      const tampered = await postForm(`${pool.endpoint}/oauth2/authorize`, { ...fields, user: 'victim', new_password: 'Taken-Over-2!' });
      assert.equal(tampered.status, 200, 'no redirect with a code');
      await signIn(client, app, 'victim', 'Victim-Passw0rd!');
      await rejectsWith(signIn(client, app, 'victim', 'Taken-Over-2!'), 'NotAuthorizedException');
    });
  });

  describe('scopes follow the grant on every refresh path', () => {
    it('keeps an openid-only grant without aws.cognito.signin.user.admin through GetTokensFromRefreshToken', async () => {
      const tokens = await managedSignIn(managed, 'openid');
      await rejectsWith(client.send(new GetUserCommand({ AccessToken: tokens.access_token })), 'NotAuthorizedException', /does not have required scopes/);
      const refreshed = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: managed.clientId, RefreshToken: tokens.refresh_token }));
      const access = refreshed.AuthenticationResult?.AccessToken ?? '';
      assert.equal(payload(access).scope, 'openid');
      await rejectsWith(client.send(new GetUserCommand({ AccessToken: access })), 'NotAuthorizedException', /does not have required scopes/);
      await rejectsWith(client.send(new UpdateUserAttributesCommand({ AccessToken: access, UserAttributes: [{ Name: 'email', Value: 'x@example.com' }] })), 'NotAuthorizedException', /does not have required scopes/);
    });

    it('keeps it through REFRESH_TOKEN_AUTH, and keeps a grant that had the admin scope', async () => {
      const narrow = await managedSignIn(managedClassic, 'openid email');
      const refreshed = await client.send(new InitiateAuthCommand({ ClientId: managedClassic.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: narrow.refresh_token } }));
      assert.equal(payload(refreshed.AuthenticationResult?.AccessToken ?? '').scope, 'openid email');
      await rejectsWith(client.send(new GetUserCommand({ AccessToken: refreshed.AuthenticationResult?.AccessToken })), 'NotAuthorizedException', /does not have required scopes/);
      const wide = await managedSignIn(managedClassic, 'openid aws.cognito.signin.user.admin');
      const again = await client.send(new InitiateAuthCommand({ ClientId: managedClassic.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: wide.refresh_token } }));
      assert.equal((await client.send(new GetUserCommand({ AccessToken: again.AuthenticationResult?.AccessToken }))).Username, 'victim');
    });
  });

  describe('the pool signs with its own key and accepts no other', () => {
    /** A token as cognito-local would sign it: with the private key it publishes in its package. */
    function cognitoLocalToken(claims: Record<string, unknown>): string {
      const pem = (JSON.parse(readFileSync(require.resolve('cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8')) as { pem: string }).pem;
      const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' })).toString('base64url');
      const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${header}.${body}.${sign('sha256', Buffer.from(`${header}.${body}`), createPrivateKey(pem)).toString('base64url')}`;
    }

    it('refuses tokens signed with cognito-local\'s published key at userInfo, GetUser and GlobalSignOut', async () => {
      const now = Math.floor(Date.now() / 1000);
      const forged = cognitoLocalToken({ token_use: 'access', username: 'victim', sub: 'x', scope: 'openid aws.cognito.signin.user.admin', iss: `${pool.endpoint}/${poolId}`, iat: now, exp: now + 600, jti: randomBytes(8).toString('hex'), client_id: app.clientId });
      const info = await fetch(`${pool.endpoint}/oauth2/userInfo`, { headers: { authorization: `Bearer ${forged}` } });
      assert.equal(info.status, 401);
      await rejectsWith(client.send(new GetUserCommand({ AccessToken: forged })), 'NotAuthorizedException', /Invalid Access Token/);
      await rejectsWith(client.send(new GlobalSignOutCommand({ AccessToken: forged })), 'NotAuthorizedException', /Invalid Access Token/);
      // The real user's session is untouched, and the pool's JWKS does not carry cognito-local's key.
      const real = await signIn(client, app, 'victim', 'Victim-Passw0rd!');
      assert.equal((await client.send(new GetUserCommand({ AccessToken: real.AccessToken }))).Username, 'victim');
      const jwks = (await (await fetch(`${pool.endpoint}/${poolId}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
      assert.deepEqual(jwks.keys.map((key) => key.kid), [(JSON.parse(Buffer.from((real.AccessToken ?? '').split('.')[0], 'base64url').toString()) as { kid: string }).kid]);
      assert.ok(!jwks.keys.some((key) => key.kid === 'CognitoLocal'));
    });
  });

  describe('redirect targets and authorization codes', () => {
    for (const bad of ['javascript:alert(1)//', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', ' JavaScript:alert(1)']) {
      it(`refuses ${bad.trim().split(':')[0]}: in CallbackURLs and LogoutURLs`, async () => {
        for (const field of ['CallbackURLs', 'LogoutURLs']) {
          const base = { UserPoolId: poolId, ClientName: 'bad', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code' as const], AllowedOAuthScopes: ['openid'], CallbackURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO'] };
          await rejectsWith(client.send(new CreateUserPoolClientCommand({ ...base, [field]: [bad] })), 'InvalidParameterException');
        }
      });
    }

    it('revokes what the first exchange issued when a code is replayed (RFC 6749 §4.1.2)', async () => {
      const first = await managedSignIn(managed, 'openid aws.cognito.signin.user.admin');
      assert.equal((await client.send(new GetUserCommand({ AccessToken: first.access_token }))).Username, 'victim');
      const replay = await tokenRequest({ grant_type: 'authorization_code', client_id: managed.clientId, code: first.code, redirect_uri: CALLBACK, code_verifier: first.verifier });
      assert.equal(((await replay.json()) as { error: string }).error, 'invalid_grant');
      await rejectsWith(client.send(new GetUserCommand({ AccessToken: first.access_token })), 'NotAuthorizedException', /revoked/);
      const refresh = await tokenRequest({ grant_type: 'refresh_token', client_id: managed.clientId, refresh_token: first.refresh_token });
      assert.equal(((await refresh.json()) as { error: string }).error, 'invalid_grant');
      // Another sign-in of the same user is not touched.
      const other = await managedSignIn(managed, 'openid aws.cognito.signin.user.admin');
      assert.equal((await client.send(new GetUserCommand({ AccessToken: other.access_token }))).Username, 'victim');
    });
  });

  describe('names that are not data', () => {
    it('refuses a user named __proto__ instead of acknowledging what it cannot keep, and goes on', async () => {
      await rejectsWith(client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: '__proto__', MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp-Passw0rd-1!' })), 'InvalidParameterException', /__proto__/);
      await makeUser(client, poolId, 'after-proto');
      await signIn(client, app, 'after-proto');
    });
  });

  describe('who a name stands for', () => {
    it('takes an email address as a sign-in name only where the pool says so', async () => {
      // The pool has no email sign-in names (UsernameAttributes, AliasAttributes): an address names no one.
      await makeUser(client, poolId, '123');
      await client.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: '123', UserAttributes: [{ Name: 'email', Value: 'owner@corp.test' }] }));
      await rejectsWith(signIn(client, app, 'owner@corp.test'), 'NotAuthorizedException');
      assert.equal(payload((await signIn(client, app, '123')).AccessToken ?? '').username, '123');
    });

    it("does not hand a deleted user's refresh token to whoever now has their name as an address", async () => {
      await makeUser(client, poolId, 'bob');
      const bob = await signIn(client, managedClassic, 'bob');
      await client.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'bob' }));
      await client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'mallory', MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp-Passw0rd-1!', UserAttributes: [{ Name: 'email', Value: 'bob' }] }));
      await makeUser(client, poolId, 'bob'); // and a new "bob": someone else
      await rejectsWith(client.send(new InitiateAuthCommand({ ClientId: managedClassic.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: bob.RefreshToken ?? '' } })), 'NotAuthorizedException');
    });
  });
});
