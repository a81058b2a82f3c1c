import {
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  UpdateUserPoolClientCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import { secretHash } from '../../src/core/protocol/srp';
import { decodeToken } from '../../src/core/tokens/jwt';
import type { LocalPool } from '../../local-cognito/server';
import { resetPoolClock, startPool } from '../fixtures/testPool';
import { makeClient, makePool, makeUser, rejectsWith, sdk, signIn, type Fixture } from './poolHelpers';

describe('local user pool: app clients and refresh-token rotation', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;
  let rotating: Fixture;
  let classic: Fixture;

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    rotating = await makeClient(client, poolId, {
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
      AccessTokenValidity: 5,
      IdTokenValidity: 5,
      RefreshTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
    classic = await makeClient(client, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await makeUser(client, poolId, 'hanako');
  });
  // Tests here move the pool's clock: each starts from real time, whatever ran before it.
  afterEach(() => resetPoolClock(pool));
  after(() => pool.stop());

  it('app clients remember rotation, flows and validities', async () => {
    const described = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: rotating.clientId }));
    assert.deepEqual(described.UserPoolClient?.RefreshTokenRotation, { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 });
    assert.deepEqual(described.UserPoolClient?.ExplicitAuthFlows, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
    assert.equal(described.UserPoolClient?.AccessTokenValidity, 5);
    const plain = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: classic.clientId }));
    assert.deepEqual(plain.UserPoolClient?.RefreshTokenRotation, { Feature: 'DISABLED', RetryGracePeriodSeconds: 0 });
  });

  it('refuses rotation while ALLOW_REFRESH_TOKEN_AUTH is allowed, and out-of-range grace periods', async () => {
    await rejectsWith(
      client.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: classic.clientId, ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'], RefreshTokenRotation: { Feature: 'ENABLED' } })),
      'InvalidParameterException',
      /ALLOW_REFRESH_TOKEN_AUTH/,
    );
    await rejectsWith(makeClient(client, poolId, { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 61 } }), 'InvalidParameterException', /0 to 60/);
  });

  it('sign-in results carry ExpiresIn and TokenType, and an opaque refresh token', async () => {
    const tokens = await signIn(client, rotating, 'hanako');
    assert.equal(tokens.ExpiresIn, 300);
    assert.equal(tokens.TokenType, 'Bearer');
    const refresh = decodeToken(tokens.RefreshToken ?? '');
    assert.equal(refresh.kind, 'jwe', 'refresh tokens are JWE-shaped, not readable JWS');
  });

  it('rotates on every GetTokensFromRefreshToken, in a chain', async () => {
    const first = await signIn(client, rotating, 'hanako');
    const seen = new Set([first.RefreshToken]);
    let current = first.RefreshToken;
    let previousAccess = first.AccessToken;
    for (let i = 0; i < 4; i++) {
      const result = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: current }));
      const auth = result.AuthenticationResult;
      assert.ok(auth?.RefreshToken, 'a new refresh token each time');
      assert.ok(!seen.has(auth.RefreshToken), 'never a token seen before');
      assert.notEqual(auth.AccessToken, previousAccess);
      assert.equal(auth.ExpiresIn, 300);
      seen.add(auth.RefreshToken);
      current = auth.RefreshToken;
      previousAccess = auth.AccessToken;
    }
  });

  it('lets a replaced token work within the grace period, then fails with RefreshTokenReuseException', async () => {
    const original = (await signIn(client, rotating, 'hanako')).RefreshToken;
    await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: original }));
    pool.clock.advance(5_000);
    const retry = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: original }));
    assert.ok(retry.AuthenticationResult?.AccessToken, 'a retry inside the grace period succeeds');
    pool.clock.advance(6_000);
    await rejectsWith(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: original })), 'RefreshTokenReuseException');
    // The newest token still works.
    await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: retry.AuthenticationResult?.RefreshToken }));
  });

  it('never extends the session: a rotated token expires with the original', async () => {
    const first = (await signIn(client, rotating, 'hanako')).RefreshToken;
    pool.clock.advance(50 * 60_000);
    const rotated = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: first }));
    pool.clock.advance(11 * 60_000);
    await rejectsWith(
      client.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: rotated.AuthenticationResult?.RefreshToken })),
      'NotAuthorizedException',
      /Refresh Token has expired/,
    );
  });

  it('without rotation returns new ID and access tokens only; REFRESH_TOKEN_AUTH works where allowed', async () => {
    const tokens = await signIn(client, classic, 'hanako');
    const viaGet = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: classic.clientId, RefreshToken: tokens.RefreshToken }));
    assert.equal(viaGet.AuthenticationResult?.RefreshToken, undefined);
    assert.ok(viaGet.AuthenticationResult?.IdToken);
    const viaInitiate = await client.send(new InitiateAuthCommand({ ClientId: classic.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken ?? '' } }));
    assert.equal(viaInitiate.AuthenticationResult?.RefreshToken, undefined);
    assert.equal(viaInitiate.AuthenticationResult?.TokenType, 'Bearer');
  });

  it('refuses REFRESH_TOKEN_AUTH on a rotating client', async () => {
    const tokens = await signIn(client, rotating, 'hanako');
    await rejectsWith(
      client.send(new InitiateAuthCommand({ ClientId: rotating.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken ?? '' } })),
      'InvalidParameterException',
      /REFRESH_TOKEN_AUTH flow not enabled/,
    );
  });

  it('binds refresh tokens to their client and rejects malformed ones', async () => {
    const tokens = await signIn(client, classic, 'hanako');
    await rejectsWith(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: tokens.RefreshToken })), 'NotAuthorizedException', /Invalid Refresh Token/);
    await rejectsWith(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: 'not-a-token' })), 'NotAuthorizedException', /Invalid Refresh Token/);
  });

  it('moves its clock through the loopback control endpoint', async () => {
    const response = await fetch(`${pool.endpoint}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 1 }) });
    assert.equal(response.status, 200);
    assert.ok(((await response.json()) as { offsetSeconds: number }).offsetSeconds >= 1);
  });

  describe('a client with a secret', () => {
    let secret: Fixture;
    before(async () => {
      secret = await makeClient(client, poolId, { GenerateSecret: true, RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } });
    });

    it('requires SECRET_HASH on InitiateAuth and checks it', async () => {
      const send = (hash?: string) =>
        client.send(new InitiateAuthCommand({ ClientId: secret.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'hanako', PASSWORD: 'Passw0rd!', ...(hash ? { SECRET_HASH: hash } : {}) } }));
      await rejectsWith(send(), 'NotAuthorizedException', /SECRET_HASH was not received/);
      await rejectsWith(send(secretHash('wrong-secret', 'hanako', secret.clientId)), 'NotAuthorizedException', /Unable to verify secret hash/);
      assert.ok((await send(secretHash(secret.clientSecret ?? '', 'hanako', secret.clientId))).AuthenticationResult);
    });

    it('requires the ClientSecret on GetTokensFromRefreshToken', async () => {
      const tokens = await signIn(client, secret, 'hanako');
      await rejectsWith(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: secret.clientId, RefreshToken: tokens.RefreshToken })), 'NotAuthorizedException', /ClientSecret was not received/);
      await rejectsWith(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: secret.clientId, RefreshToken: tokens.RefreshToken, ClientSecret: 'nope' })), 'NotAuthorizedException', /Unable to verify secret hash/);
      const ok = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: secret.clientId, RefreshToken: tokens.RefreshToken, ClientSecret: secret.clientSecret }));
      assert.ok(ok.AuthenticationResult?.RefreshToken);
    });
  });
});
