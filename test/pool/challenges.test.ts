import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AssociateSoftwareTokenCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import * as assert from 'node:assert/strict';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { makeClient, makePool, makeUser, rejectsWith, sdk, signIn, srpSignIn, totp, type Fixture } from './poolHelpers';

describe('local user pool: challenges after the password, disabled users, revocation claims', function () {
  this.timeout(60_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;
  let app: Fixture;
  let classic: Fixture;

  const adminAuth = (fixture: Fixture, username: string, password: string) =>
    client.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: fixture.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));
  const passwordAuth = (fixture: Fixture, username: string, password: string) =>
    client.send(new InitiateAuthCommand({ ClientId: fixture.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    const flows: ExplicitAuthFlowsType[] = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'];
    app = await makeClient(client, poolId, { ExplicitAuthFlows: flows, RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 } });
    classic = await makeClient(client, poolId, { ExplicitAuthFlows: [...flows, 'ALLOW_REFRESH_TOKEN_AUTH'], EnableTokenRevocation: false });
  });
  after(() => pool.stop());

  describe('a user with a temporary password (FORCE_CHANGE_PASSWORD)', () => {
    it('gets NEW_PASSWORD_REQUIRED after USER_SRP_AUTH, not tokens', async () => {
      await makeUser(client, poolId, 'srp-new', 'Temp-Passw0rd!', false);
      const verified = await srpSignIn(client, app, 'srp-new', 'Temp-Passw0rd!');
      assert.equal(verified.AuthenticationResult, undefined, 'no tokens for a temporary password');
      assert.equal(verified.ChallengeName, 'NEW_PASSWORD_REQUIRED');
      const done = await client.send(new RespondToAuthChallengeCommand({ ClientId: app.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: verified.Session, ChallengeResponses: { USERNAME: 'srp-new', NEW_PASSWORD: 'New-Passw0rd!' } }));
      assert.ok(done.AuthenticationResult?.AccessToken);
      // Tokens from a challenge refresh like any others.
      assert.ok((await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: app.clientId, RefreshToken: done.AuthenticationResult.RefreshToken }))).AuthenticationResult?.AccessToken);
      assert.ok((await srpSignIn(client, app, 'srp-new', 'New-Passw0rd!')).AuthenticationResult?.AccessToken);
    });

    it('gets NEW_PASSWORD_REQUIRED after ADMIN_USER_PASSWORD_AUTH, not tokens', async () => {
      await makeUser(client, poolId, 'admin-new', 'Temp-Passw0rd!', false);
      const started = await adminAuth(app, 'admin-new', 'Temp-Passw0rd!');
      assert.equal(started.AuthenticationResult, undefined, 'no tokens for a temporary password');
      assert.equal(started.ChallengeName, 'NEW_PASSWORD_REQUIRED');
      const done = await client.send(new AdminRespondToAuthChallengeCommand({ UserPoolId: poolId, ClientId: app.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: started.Session, ChallengeResponses: { USERNAME: 'admin-new', NEW_PASSWORD: 'New-Passw0rd!' } }));
      assert.ok(done.AuthenticationResult?.AccessToken);
    });

    it('is refused with NotAuthorizedException for a wrong temporary password, in every flow', async () => {
      await makeUser(client, poolId, 'guarded', 'Temp-Passw0rd!', false);
      await rejectsWith(passwordAuth(app, 'guarded', 'not-the-temp'), 'NotAuthorizedException', /^Incorrect username or password\.$/);
      await rejectsWith(adminAuth(app, 'guarded', 'not-the-temp'), 'NotAuthorizedException', /^Incorrect username or password\.$/);
      await rejectsWith(srpSignIn(client, app, 'guarded', 'not-the-temp'), 'NotAuthorizedException', /^Incorrect username or password\.$/);
      // The right temporary password still leads to the challenge.
      assert.equal((await passwordAuth(app, 'guarded', 'Temp-Passw0rd!')).ChallengeName, 'NEW_PASSWORD_REQUIRED');
    });
  });

  it('asks a TOTP user for the code after USER_SRP_AUTH and ADMIN_USER_PASSWORD_AUTH', async () => {
    await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    await makeUser(client, poolId, 'totp');
    const tokens = await signIn(client, app, 'totp');
    const association = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }));
    const secretCode = association.SecretCode ?? '';
    await client.send(new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: totp(secretCode) }));
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: tokens.AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));

    const srp = await srpSignIn(client, app, 'totp');
    assert.equal(srp.AuthenticationResult, undefined, 'no tokens without the code');
    assert.equal(srp.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    const answered = await client.send(new RespondToAuthChallengeCommand({ ClientId: app.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: srp.Session, ChallengeResponses: { USERNAME: 'totp', SOFTWARE_TOKEN_MFA_CODE: totp(secretCode) } }));
    assert.ok(answered.AuthenticationResult?.AccessToken);

    const admin = await adminAuth(app, 'totp', 'Passw0rd!');
    assert.equal(admin.AuthenticationResult, undefined, 'no tokens without the code');
    assert.equal(admin.ChallengeName, 'SOFTWARE_TOKEN_MFA');
  });

  it('refuses a disabled user everywhere (sign-in, GetUser, refresh) until re-enabled', async () => {
    await makeUser(client, poolId, 'paused');
    const before = await signIn(client, app, 'paused');
    const classicTokens = await signIn(client, classic, 'paused');
    await client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'paused' }));
    const disabled = /^User is disabled\.$/;
    await rejectsWith(passwordAuth(app, 'paused', 'Passw0rd!'), 'NotAuthorizedException', disabled);
    await rejectsWith(adminAuth(app, 'paused', 'Passw0rd!'), 'NotAuthorizedException', disabled);
    await rejectsWith(srpSignIn(client, app, 'paused'), 'NotAuthorizedException', disabled);
    await rejectsWith(client.send(new GetUserCommand({ AccessToken: before.AccessToken })), 'NotAuthorizedException', disabled);
    await rejectsWith(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: app.clientId, RefreshToken: before.RefreshToken })), 'NotAuthorizedException', disabled);
    await rejectsWith(
      client.send(new InitiateAuthCommand({ ClientId: classic.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: classicTokens.RefreshToken ?? '' } })),
      'NotAuthorizedException',
      disabled,
    );

    await client.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'paused' }));
    assert.equal((await client.send(new GetUserCommand({ AccessToken: before.AccessToken }))).Username, 'paused');
    assert.ok((await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: app.clientId, RefreshToken: before.RefreshToken }))).AuthenticationResult?.AccessToken);
    assert.ok((await srpSignIn(client, app, 'paused')).AuthenticationResult?.AccessToken);
  });

  describe('revocation claims (EnableTokenRevocation)', () => {
    it('puts jti and origin_jti in ID and access tokens; refreshes keep the sign-in\'s origin_jti', async () => {
      await makeUser(client, poolId, 'claims');
      const first = await signIn(client, app, 'claims');
      const second = await signIn(client, app, 'claims');
      const ids = (tokens: { AccessToken?: string; IdToken?: string }) =>
        [tokens.AccessToken, tokens.IdToken].map((token) => decodeJwt(token ?? '') as { jti?: string; origin_jti?: string });
      const [access, id] = ids(first);
      assert.ok(access.jti && id.jti && access.jti !== id.jti, 'each token has its own jti');
      assert.ok(access.origin_jti, 'origin_jti present');
      assert.equal(id.origin_jti, access.origin_jti);
      assert.notEqual(ids(second)[0].origin_jti, access.origin_jti, 'another sign-in, another origin_jti');
      let refresh = first.RefreshToken;
      for (let i = 0; i < 2; i++) {
        const next = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: app.clientId, RefreshToken: refresh }));
        const [nextAccess, nextId] = ids(next.AuthenticationResult ?? {});
        assert.equal(nextAccess.origin_jti, access.origin_jti, 'rotation keeps origin_jti');
        assert.equal(nextId.origin_jti, access.origin_jti);
        assert.notEqual(nextAccess.jti, access.jti);
        refresh = next.AuthenticationResult?.RefreshToken;
      }
      // The completed tokens still verify against the pool's JWKS, with the issuer discovery names.
      const issuer = `${pool.endpoint}/${poolId}`;
      const verified = await jwtVerify(first.IdToken ?? '', createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)), { issuer, audience: app.clientId });
      assert.equal(verified.payload.token_use, 'id');
    });

    it('RevokeToken revokes every token carrying that origin_jti, and only those', async () => {
      await makeUser(client, poolId, 'revoker');
      const signedIn = await signIn(client, app, 'revoker');
      const other = await signIn(client, app, 'revoker');
      const refreshed = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: app.clientId, RefreshToken: signedIn.RefreshToken }));
      await client.send(new RevokeTokenCommand({ ClientId: app.clientId, Token: signedIn.RefreshToken }));
      for (const token of [signedIn.AccessToken, refreshed.AuthenticationResult?.AccessToken]) {
        await rejectsWith(client.send(new GetUserCommand({ AccessToken: token })), 'NotAuthorizedException', /Access Token has been revoked/);
      }
      await rejectsWith(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: app.clientId, RefreshToken: refreshed.AuthenticationResult?.RefreshToken })), 'NotAuthorizedException', /Refresh Token has been revoked/);
      assert.equal((await client.send(new GetUserCommand({ AccessToken: other.AccessToken }))).Username, 'revoker');
    });

    it('leaves origin_jti out, and refuses RevokeToken, for a client with revocation off', async () => {
      const described = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: classic.clientId }));
      assert.equal(described.UserPoolClient?.EnableTokenRevocation, false);
      assert.equal((await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: app.clientId }))).UserPoolClient?.EnableTokenRevocation, true);
      await makeUser(client, poolId, 'plain');
      const tokens = await signIn(client, classic, 'plain');
      const claims = decodeJwt(tokens.AccessToken ?? '');
      assert.ok(claims.jti);
      assert.equal(claims.origin_jti, undefined);
      await rejectsWith(client.send(new RevokeTokenCommand({ ClientId: classic.clientId, Token: tokens.RefreshToken })), 'UnsupportedOperationException');
    });
  });
});
