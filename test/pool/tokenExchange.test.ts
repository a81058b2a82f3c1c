import { CreateResourceServerCommand, CreateUserPoolCommand, DescribeUserPoolClientCommand, GetUserCommand, GlobalSignOutCommand, UpdateUserPoolCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import * as assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { payload, signInThroughForm } from './oauthHelpers';
import { makeClient, makePool, makeUser, post, rejectsWith, sdk, signIn, type Fixture } from './poolHelpers';

const CALLBACK = 'http://localhost:45678/callback';
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
const IMPERSONATION = 'ALLOW_TOKEN_EXCHANGE_IMPERSONATION';
const DELEGATION = 'ALLOW_TOKEN_EXCHANGE_DELEGATION';

/**
 * Token exchange (API_GetDerivedToken.html, DG cognito-user-pools-token-exchange.html) through the raw JSON
 * API (the AWS SDK for JavaScript has no GetDerivedToken command yet) and through openid-client's generic
 * grant at /oauth2/token; issued tokens verified with jose against the pool's JWKS.
 */
describe('local user pool: token exchange', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;
  let web: Fixture;
  let agent: Fixture;
  let impersonateOnly: Fixture;
  let plain: Fixture;
  let machine: Fixture;
  let jwks: ReturnType<typeof createRemoteJWKSet>;

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    await client.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }, { ScopeName: 'write', ScopeDescription: 'w' }] }));
    web = await makeClient(client, poolId, {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'aws.cognito.signin.user.admin', 'orders/read', 'orders/write'],
      CallbackURLs: [CALLBACK],
      SupportedIdentityProviders: ['COGNITO'],
    });
    // The SDK's enum does not list the token-exchange flows yet; the API takes them as strings.
    agent = await makeClient(client, poolId, { GenerateSecret: true, ExplicitAuthFlows: [IMPERSONATION, DELEGATION] as never });
    impersonateOnly = await makeClient(client, poolId, { ExplicitAuthFlows: [IMPERSONATION] as never });
    plain = await makeClient(client, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
    machine = await makeClient(client, poolId, { GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/read'] });
    await makeUser(client, poolId, 'uma');
    jwks = createRemoteJWKSet(new URL(`${pool.endpoint}/${poolId}/.well-known/jwks.json`));
  });
  after(() => pool.stop());

  /** The user's access token from managed login, with scopes `openid aws.cognito.signin.user.admin orders/read orders/write`. */
  async function userAccessToken(username = 'uma'): Promise<string> {
    const url = new URL(`${pool.endpoint}/oauth2/authorize`);
    url.search = new URLSearchParams({ response_type: 'code', client_id: web.clientId, redirect_uri: CALLBACK, scope: 'openid aws.cognito.signin.user.admin orders/read orders/write' }).toString();
    const location = new URL(await signInThroughForm(url.href, username, 'Passw0rd!'));
    const response = await fetch(`${pool.endpoint}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: web.clientId, code: location.searchParams.get('code') ?? '', redirect_uri: CALLBACK }).toString(),
    });
    assert.equal(response.status, 200);
    return String(((await response.json()) as { access_token: string }).access_token);
  }

  async function machineToken(): Promise<string> {
    const response = await fetch(`${pool.endpoint}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${machine.clientId}:${machine.clientSecret}`).toString('base64')}` },
      body: 'grant_type=client_credentials&scope=orders%2Fread',
    });
    assert.equal(response.status, 200);
    return String(((await response.json()) as { access_token: string }).access_token);
  }

  /** GetDerivedToken as a raw JSON call (X-Amz-Target), as any SDK sends it. */
  async function derive(body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await post(pool.endpoint, 'GetDerivedToken', body);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  async function refused(body: Record<string, unknown>, type: string, message?: RegExp): Promise<void> {
    const { status, json } = await derive(body);
    assert.equal(status, 400);
    assert.equal(json.__type, type, String(json.message));
    if (message) assert.match(String(json.message), message);
  }

  async function verify(token: string, audience: string): Promise<JWTPayload> {
    const { payload: claims } = await jwtVerify(token, jwks, { issuer: `${pool.endpoint}/${poolId}`, audience, currentDate: new Date(Date.now() + pool.clock.offset) });
    return claims;
  }

  async function oidcConfig(fixture: Fixture): Promise<oidc.Configuration> {
    return oidc.discovery(new URL(`${pool.endpoint}/${poolId}`), fixture.clientId, fixture.clientSecret, fixture.clientSecret ? oidc.ClientSecretPost(fixture.clientSecret) : oidc.None(), { execute: [oidc.allowInsecureRequests] });
  }

  it('app clients accept and describe the ALLOW_TOKEN_EXCHANGE_* flows', async () => {
    const described = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: agent.clientId }));
    assert.deepEqual([...(described.UserPoolClient?.ExplicitAuthFlows ?? [])].sort(), [DELEGATION, IMPERSONATION]);
  });

  it('impersonation through GetDerivedToken: one audience, narrowed scopes, no refresh token, no act', async () => {
    const subject = await userAccessToken();
    const { status, json } = await derive({ ClientId: agent.clientId, ClientSecret: agent.clientSecret, SubjectToken: subject, SubjectTokenType: ACCESS, Audiences: ['orders-api'], Scopes: ['orders/read'] });
    assert.equal(status, 200, String(json.message));
    assert.equal(json.IssuedTokenType, ACCESS);
    assert.equal(json.TokenType, 'Bearer');
    assert.deepEqual(json.Scopes, ['orders/read']);
    assert.ok(typeof json.ExpiresIn === 'number' && json.ExpiresIn > 0 && json.ExpiresIn <= 3600);
    assert.equal('RefreshToken' in json, false);
    const claims = await verify(String(json.IssuedToken), 'orders-api');
    const original = payload(subject);
    assert.equal(claims.sub, original.sub);
    assert.equal(claims.username, 'uma');
    assert.equal(claims.token_use, 'access');
    assert.equal(claims.scope, 'orders/read');
    assert.equal(claims.client_id, agent.clientId);
    assert.equal(claims.act, undefined);
    assert.ok(Number(claims.exp) <= Number(original.exp), 'lives no longer than the subject token');
  });

  it('delegation through openid-client\'s generic grant at /oauth2/token: `act` names the actor', async () => {
    const config = await oidcConfig(agent);
    assert.ok(config.serverMetadata().grant_types_supported?.includes(GRANT));
    const tokens = await oidc.genericGrantRequest(config, GRANT, {
      subject_token: await userAccessToken(),
      subject_token_type: ACCESS,
      actor_token: await machineToken(),
      actor_token_type: ACCESS,
      resource: 'https://api.example.com/orders',
      scope: 'orders/read orders/write',
    });
    assert.equal(tokens.refresh_token, undefined);
    assert.equal(tokens.issued_token_type, ACCESS);
    assert.equal(tokens.scope, 'orders/read orders/write');
    const claims = await verify(tokens.access_token, 'https://api.example.com/orders');
    assert.deepEqual(claims.act, { sub: machine.clientId, client_id: machine.clientId });
    assert.equal(claims.username, 'uma');
  });

  it('impersonation through the generic grant, for a public client without a secret', async () => {
    const config = await oidcConfig(impersonateOnly);
    const tokens = await oidc.genericGrantRequest(config, GRANT, { subject_token: await userAccessToken(), subject_token_type: ACCESS, audience: 'orders-api' });
    const claims = await verify(tokens.access_token, 'orders-api');
    assert.equal(claims.act, undefined);
    assert.equal(claims.scope, payload(await userAccessToken()).scope, 'no scope asked: the subject token\'s');
  });

  it('refuses a client without the flow, delegation on an impersonation-only client, and either on a Lite pool', async () => {
    const subject = await userAccessToken();
    await refused({ ClientId: plain.clientId, SubjectToken: subject, SubjectTokenType: ACCESS }, 'NotAuthorizedException', /ALLOW_TOKEN_EXCHANGE_IMPERSONATION/);
    await refused({ ClientId: impersonateOnly.clientId, SubjectToken: subject, SubjectTokenType: ACCESS, ActorToken: await machineToken(), ActorTokenType: ACCESS }, 'NotAuthorizedException', /ALLOW_TOKEN_EXCHANGE_DELEGATION/);
    await assert.rejects(oidc.genericGrantRequest(await oidcConfig(plain), GRANT, { subject_token: subject, subject_token_type: ACCESS }), (error: oidc.ResponseBodyError) => error.error === 'unauthorized_client');

    // On Lite, configuring the flow is refused; a pool moved to Lite after its client was configured refuses
    // the exchange itself.
    const lite = await client.send(new CreateUserPoolCommand({ PoolName: `lite-${Date.now()}`, UserPoolTier: 'LITE' }));
    await rejectsWith(makeClient(client, lite.UserPool?.Id ?? '', { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', IMPERSONATION] as never }), 'FeatureUnavailableInTierException', /LITE/);
    const moved = await client.send(new CreateUserPoolCommand({ PoolName: `moved-${Date.now()}`, UserPoolTier: 'ESSENTIALS' }));
    const litePool = moved.UserPool?.Id ?? '';
    const liteApp = await makeClient(client, litePool, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', IMPERSONATION] as never });
    await client.send(new UpdateUserPoolCommand({ UserPoolId: litePool, UserPoolTier: 'LITE' }));
    await makeUser(client, litePool, 'lee');
    const liteSubject = String((await signIn(client, liteApp, 'lee')).AccessToken);
    await refused({ ClientId: liteApp.clientId, SubjectToken: liteSubject, SubjectTokenType: ACCESS }, 'FeatureUnavailableInTierException', /LITE/);
  });

  it('refuses widened scopes, two audiences, a wrong token type, a missing secret and a token of another pool', async () => {
    const subject = await userAccessToken();
    const base = { ClientId: agent.clientId, ClientSecret: agent.clientSecret, SubjectToken: subject, SubjectTokenType: ACCESS };
    await refused({ ...base, Scopes: ['orders/read', 'orders/admin'] }, 'InvalidParameterException', /orders\/admin/);
    await refused({ ...base, Audiences: ['a', 'b'] }, 'InvalidParameterException', /one audience/);
    await refused({ ...base, Audiences: ['a'], Resources: ['https://b.example'] }, 'InvalidParameterException', /one audience/);
    await refused({ ...base, SubjectTokenType: 'urn:ietf:params:oauth:token-type:id_token' }, 'InvalidParameterException');
    await refused({ ...base, ClientSecret: undefined }, 'NotAuthorizedException', /ClientSecret/);
    const otherPool = await makePool(client);
    const other = await makeClient(client, otherPool);
    await makeUser(client, otherPool, 'olga');
    await refused({ ...base, SubjectToken: String((await signIn(client, other, 'olga')).AccessToken) }, 'NotAuthorizedException', /not issued by this user pool/);

    const config = await oidcConfig(agent);
    const isError = (code: string) => (error: oidc.ResponseBodyError) => error.error === code;
    await assert.rejects(oidc.genericGrantRequest(config, GRANT, { subject_token: subject, subject_token_type: ACCESS, scope: 'orders/read profile' }), isError('invalid_scope'));
    const twoAudiences = new URLSearchParams([['subject_token', subject], ['subject_token_type', ACCESS], ['audience', 'a'], ['audience', 'b']]);
    await assert.rejects(oidc.genericGrantRequest(config, GRANT, twoAudiences), isError('invalid_target'));
    await assert.rejects(oidc.genericGrantRequest(config, GRANT, { subject_token: subject, subject_token_type: ACCESS, resource: 'not a uri' }), isError('invalid_target'));
    await assert.rejects(oidc.genericGrantRequest(config, GRANT, { subject_token: 'garbage', subject_token_type: ACCESS }), isError('invalid_grant'));
  });

  it('revoking the subject\'s session reaches the tokens derived from it; later sign-ins exchange again', async () => {
    await makeUser(client, poolId, 'rita');
    const subject = await userAccessToken('rita');
    const { json } = await derive({ ClientId: agent.clientId, ClientSecret: agent.clientSecret, SubjectToken: subject, SubjectTokenType: ACCESS, Scopes: ['aws.cognito.signin.user.admin'] });
    const derived = String(json.IssuedToken);
    assert.equal((await client.send(new GetUserCommand({ AccessToken: derived }))).Username, 'rita', 'a derived token with the admin scope works like the subject');

    await client.send(new GlobalSignOutCommand({ AccessToken: subject }));
    await rejectsWith(client.send(new GetUserCommand({ AccessToken: derived })), 'NotAuthorizedException', /revoked/);
    await refused({ ClientId: agent.clientId, ClientSecret: agent.clientSecret, SubjectToken: subject, SubjectTokenType: ACCESS }, 'NotAuthorizedException', /revoked/);
    await assert.rejects(oidc.genericGrantRequest(await oidcConfig(agent), GRANT, { subject_token: derived, subject_token_type: ACCESS }), (error: oidc.ResponseBodyError) => error.error === 'invalid_grant');

    const fresh = await userAccessToken('rita');
    assert.equal((await derive({ ClientId: agent.clientId, ClientSecret: agent.clientSecret, SubjectToken: fresh, SubjectTokenType: ACCESS })).status, 200);
  });

  it('an expired subject token is refused', async () => {
    const subject = await userAccessToken();
    pool.clock.advance(25 * 3600 * 1000);
    try {
      await refused({ ClientId: agent.clientId, ClientSecret: agent.clientSecret, SubjectToken: subject, SubjectTokenType: ACCESS }, 'NotAuthorizedException', /expired/);
    } finally {
      pool.clock.advance(-25 * 3600 * 1000);
    }
  });
});
