import { CreateResourceServerCommand, GetUserCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { fingerprint } from '../../src/core/shared/fingerprint';
import type { LocalPool } from '../../local-cognito/server';
import { resetPoolClock, startPool } from '../fixtures/testPool';
import { payload, signInThroughForm } from './oauthHelpers';
import { makeClient, makePool, makeUser, rejectsWith, sdk, type Fixture } from './poolHelpers';

const CALLBACK = 'http://localhost:45678/callback';

/** openid-client 6 (an implementation we did not write) against the local pool's managed login. */
describe('local user pool: managed login with openid-client', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;
  let web: Fixture;
  let machine: Fixture;
  let server: URL;

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    await client.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }, { ScopeName: 'write', ScopeDescription: 'w' }] }));
    web = await makeClient(client, poolId, {
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin', 'orders/read'],
      CallbackURLs: [CALLBACK],
      LogoutURLs: ['http://localhost:45678/bye'],
      SupportedIdentityProviders: ['COGNITO'],
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
      EnableTokenRevocation: true,
    });
    machine = await makeClient(client, poolId, { GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/read', 'orders/write'] });
    await makeUser(client, poolId, 'mei');
    server = new URL(`${pool.endpoint}/${poolId}`);
  });
  // Tests here move the pool's clock: each starts from real time, whatever ran before it.
  afterEach(() => resetPoolClock(pool));
  after(() => pool.stop());

  async function webConfig(): Promise<oidc.Configuration> {
    return oidc.discovery(server, web.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
  }

  /** Code + PKCE through the form; returns openid-client's token response. */
  async function codeFlow(config: oidc.Configuration, scope: string): ReturnType<typeof oidc.authorizationCodeGrant> {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope, state, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    const location = await signInThroughForm(url.href, 'mei', 'Passw0rd!');
    assert.ok(location.startsWith(`${CALLBACK}?`), 'redirected to the registered callback');
    return oidc.authorizationCodeGrant(config, new URL(location), { pkceCodeVerifier: verifier, expectedState: state });
  }

  it('discovery names the managed-login endpoints and the issuer of the tokens', async () => {
    const config = await webConfig();
    const metadata = config.serverMetadata();
    assert.equal(metadata.issuer, server.href);
    assert.equal(metadata.authorization_endpoint, `${pool.endpoint}/oauth2/authorize`);
    assert.equal(metadata.token_endpoint, `${pool.endpoint}/oauth2/token`);
    assert.equal(metadata.revocation_endpoint, `${pool.endpoint}/oauth2/revoke`);
    assert.equal(metadata.userinfo_endpoint, `${pool.endpoint}/oauth2/userInfo`);
    assert.equal(metadata.end_session_endpoint, `${pool.endpoint}/logout`);
    assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
  });

  it('completes code + PKCE: ID token with openid, access token scope exactly as granted', async () => {
    const config = await webConfig();
    const tokens = await codeFlow(config, 'openid email orders/read');
    const claims = tokens.claims();
    assert.equal(claims?.aud, web.clientId);
    assert.equal(claims?.iss, server.href);
    const access = payload(tokens.access_token);
    assert.equal(access.scope, 'openid email orders/read', 'no aws.cognito.signin.user.admin unless asked for');
    assert.equal(access.client_id, web.clientId);
    assert.equal(access.username, 'mei');
    assert.ok(tokens.refresh_token);
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');

    const info = await oidc.fetchUserInfo(config, tokens.access_token, String(claims?.sub));
    assert.equal(info.email, 'mei@example.com');
    assert.equal(info.username, 'mei');
  });

  it('gives no ID token without openid, and userInfo refuses that access token', async () => {
    const config = await webConfig();
    const tokens = await codeFlow(config, 'aws.cognito.signin.user.admin');
    assert.equal(tokens.id_token, undefined);
    assert.equal((payload(tokens.access_token)).scope, 'aws.cognito.signin.user.admin');
    const response = await fetch(`${pool.endpoint}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_token');
    // With aws.cognito.signin.user.admin the user-pool API takes it…
    const user = await client.send(new GetUserCommand({ AccessToken: tokens.access_token }));
    assert.equal(user.Username, 'mei');
  });

  it('keeps the user-pool API from access tokens without aws.cognito.signin.user.admin', async () => {
    const tokens = await codeFlow(await webConfig(), 'openid email');
    await rejectsWith(client.send(new GetUserCommand({ AccessToken: tokens.access_token })), 'NotAuthorizedException', /required scopes/);
  });

  it('refreshes with rotation: a new refresh token, the old one only within the grace period', async () => {
    const config = await webConfig();
    const first = await codeFlow(config, 'openid orders/read');
    const second = await oidc.refreshTokenGrant(config, String(first.refresh_token));
    assert.ok(second.refresh_token, 'rotation returns a new refresh token');
    assert.notEqual(fingerprint(String(second.refresh_token)), fingerprint(String(first.refresh_token)));
    assert.equal(payload(second.access_token).scope, 'openid orders/read', 'the granted scopes survive a refresh');
    assert.ok(second.id_token);

    // Within the grace period the replaced token still works…
    await oidc.refreshTokenGrant(config, String(first.refresh_token));
    pool.clock.advance(11_000);
    // …after it, it is refused, and the newest one goes on.
    await assert.rejects(oidc.refreshTokenGrant(config, String(first.refresh_token)), (error: oidc.ResponseBodyError) => error.error === 'invalid_grant');
    const third = await oidc.refreshTokenGrant(config, String(second.refresh_token));
    assert.ok(third.refresh_token);
  });

  it('uses a code once, and only with its verifier and redirect_uri', async () => {
    const config = await webConfig();
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: 's' });
    const code = new URL(await signInThroughForm(url.href, 'mei', 'Passw0rd!')).searchParams.get('code') ?? '';
    const exchange = (fields: Record<string, string>): Promise<Response> =>
      fetch(`${pool.endpoint}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', client_id: web.clientId, code, redirect_uri: CALLBACK, code_verifier: verifier, ...fields }) });
    const wrongVerifier = await exchange({ code_verifier: oidc.randomPKCECodeVerifier() });
    assert.equal(wrongVerifier.status, 400);
    assert.equal(((await wrongVerifier.json()) as { error: string }).error, 'invalid_grant');
    // The failed attempt used the code up, as a stolen code must not be retried.
    const again = await exchange({});
    assert.equal(((await again.json()) as { error: string }).error, 'invalid_grant');

    const second = new URL(await signInThroughForm(url.href, 'mei', 'Passw0rd!')).searchParams.get('code') ?? '';
    const otherRedirect = await fetch(`${pool.endpoint}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', client_id: web.clientId, code: second, redirect_uri: 'http://localhost:45678/other', code_verifier: verifier }) });
    assert.equal(((await otherRedirect.json()) as { error: string }).error, 'invalid_grant');
  });

  it('revokes a refresh token: it no longer refreshes and its access tokens are refused', async () => {
    const config = await webConfig();
    const tokens = await codeFlow(config, 'openid email');
    await oidc.tokenRevocation(config, String(tokens.refresh_token));
    await assert.rejects(oidc.refreshTokenGrant(config, String(tokens.refresh_token)), (error: oidc.ResponseBodyError) => error.error === 'invalid_grant');
    const info = await fetch(`${pool.endpoint}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(info.status, 401);
  });

  it('issues machine-to-machine tokens (client_secret_post and client_secret_basic)', async () => {
    for (const auth of [oidc.ClientSecretPost(machine.clientSecret), oidc.ClientSecretBasic(machine.clientSecret)]) {
      const config = await oidc.discovery(server, machine.clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });
      const tokens = await oidc.clientCredentialsGrant(config, { scope: 'orders/read' });
      assert.equal(tokens.id_token, undefined);
      assert.equal(tokens.refresh_token, undefined);
      const claims = payload(tokens.access_token);
      assert.equal(claims.sub, machine.clientId);
      assert.equal(claims.client_id, machine.clientId);
      assert.equal(claims.scope, 'orders/read');
      assert.equal(claims.token_use, 'access');
      assert.equal(claims.iss, server.href);
      assert.equal(claims.username, undefined);
    }
    const all = await oidc.clientCredentialsGrant(await oidc.discovery(server, machine.clientId, machine.clientSecret, undefined, { execute: [oidc.allowInsecureRequests] }));
    assert.equal(payload(all.access_token).scope, 'orders/read orders/write', 'no scope asked: every allowed scope');
  });

  it('answers token-endpoint errors as Cognito does', async () => {
    const token = (fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> =>
      fetch(`${pool.endpoint}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields) });
    const expect = async (response: Promise<Response>, status: number, error: string): Promise<void> => {
      const answer = await response;
      assert.equal(answer.status, status);
      assert.equal(((await answer.json()) as { error: string }).error, error);
    };
    await expect(token({ grant_type: 'client_credentials', client_id: machine.clientId, client_secret: 'wrong' }), 401, 'invalid_client');
    await expect(token({ grant_type: 'client_credentials', client_id: machine.clientId }), 401, 'invalid_client');
    await expect(token({ grant_type: 'client_credentials', client_id: machine.clientId, client_secret: String(machine.clientSecret), scope: 'orders/delete' }), 400, 'invalid_scope');
    await expect(token({ grant_type: 'client_credentials', client_id: web.clientId }), 400, 'unauthorized_client');
    await expect(token({ grant_type: 'password', client_id: web.clientId }), 400, 'unsupported_grant_type');
    await expect(token({ grant_type: 'refresh_token', client_id: web.clientId, refresh_token: 'not-a-token' }), 400, 'invalid_grant');
    await expect(token({ client_id: web.clientId }), 400, 'invalid_request');
    await expect(token({ grant_type: 'client_credentials', client_id: 'nosuchclient' }), 401, 'invalid_client');
  });
});
