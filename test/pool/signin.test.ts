import {
  AdminInitiateAuthCommand,
  AssociateSoftwareTokenCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserAttributesCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import { secretHash, srpClientRespond, srpClientStart } from '../../src/core/protocol/srp';
import type { LocalPool } from '../../local-cognito/server';
import { resetPoolClock, startPool } from '../fixtures/testPool';
import { createSigningKey, signJwt } from '../fixtures/tokenFactory';
import { makeClient, makePool, makeUser, rejectsWith, sdk, signIn, totp, type Fixture } from './poolHelpers';

describe('local user pool: sign-in, challenges, sign-out', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;
  let app: Fixture;
  let secret: Fixture;

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    app = await makeClient(client, poolId, {
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
      AccessTokenValidity: 5,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
    secret = await makeClient(client, poolId, { GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'] });
    await makeUser(client, poolId, 'taro');
    await makeUser(client, poolId, 'jiro');
  });
  // Tests here move the pool's clock: each starts from real time, whatever ran before it.
  afterEach(() => resetPoolClock(pool));
  after(() => pool.stop());

  it('says NotAuthorizedException for a wrong password or an unknown user', async () => {
    await rejectsWith(signIn(client, app, 'taro', 'wrong'), 'NotAuthorizedException', /Incorrect username or password/);
    await rejectsWith(signIn(client, app, 'nobody', 'wrong'), 'NotAuthorizedException', /Incorrect username or password/);
  });

  it('signs in with USER_SRP_AUTH end to end, and refuses a wrong password', async () => {
    for (const [password, works] of [['Passw0rd!', true], ['wrong-password', false]] as const) {
      const start = srpClientStart();
      const challenge = await client.send(new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'taro', SRP_A: start.A } }));
      assert.equal(challenge.ChallengeName, 'PASSWORD_VERIFIER');
      const params = challenge.ChallengeParameters ?? {};
      const answer = srpClientRespond({ ...start, userPoolId: poolId, username: params.USER_ID_FOR_SRP, password, salt: params.SALT, B: params.SRP_B, secretBlock: params.SECRET_BLOCK, now: new Date() });
      const respond = client.send(
        new RespondToAuthChallengeCommand({
          ClientId: app.clientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: params.USER_ID_FOR_SRP, PASSWORD_CLAIM_SIGNATURE: answer.signature, PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK, TIMESTAMP: answer.timestamp },
        }),
      );
      if (works) {
        const result = await respond;
        assert.ok(result.AuthenticationResult?.AccessToken);
        assert.equal(result.AuthenticationResult?.TokenType, 'Bearer');
      } else {
        await rejectsWith(respond, 'NotAuthorizedException', /Incorrect username or password/);
      }
    }
  });

  it('answers NEW_PASSWORD_REQUIRED only with the real, unexpired, unused Session', async () => {
    await makeUser(client, poolId, 'newbie', 'Temp-Passw0rd!', false);
    const start = await client.send(new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'newbie', PASSWORD: 'Temp-Passw0rd!' } }));
    assert.equal(start.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    const respond = (session: string | undefined) =>
      client.send(new RespondToAuthChallengeCommand({ ClientId: app.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: session, ChallengeResponses: { USERNAME: 'newbie', NEW_PASSWORD: 'New-Passw0rd!' } }));
    await rejectsWith(respond('forged-session'), 'NotAuthorizedException', /Invalid session/);
    const result = await respond(start.Session);
    assert.ok(result.AuthenticationResult?.IdToken);
    await rejectsWith(respond(start.Session), 'NotAuthorizedException', /Invalid session/);
    assert.ok(await signIn(client, app, 'newbie', 'New-Passw0rd!'));

    await makeUser(client, poolId, 'slow', 'Temp-Passw0rd!', false);
    const late = await client.send(new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'slow', PASSWORD: 'Temp-Passw0rd!' } }));
    pool.clock.advance(4 * 60_000);
    await rejectsWith(
      client.send(new RespondToAuthChallengeCommand({ ClientId: app.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: late.Session, ChallengeResponses: { USERNAME: 'slow', NEW_PASSWORD: 'New-Passw0rd!' } })),
      'NotAuthorizedException',
      /session is expired/,
    );
  });

  it('checks SECRET_HASH on RespondToAuthChallenge and AdminInitiateAuth for clients with a secret', async () => {
    await makeUser(client, poolId, 'secretive', 'Temp-Passw0rd!', false);
    const hash = secretHash(secret.clientSecret ?? '', 'secretive', secret.clientId);
    const start = await client.send(new InitiateAuthCommand({ ClientId: secret.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'secretive', PASSWORD: 'Temp-Passw0rd!', SECRET_HASH: hash } }));
    await rejectsWith(
      client.send(new RespondToAuthChallengeCommand({ ClientId: secret.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: start.Session, ChallengeResponses: { USERNAME: 'secretive', NEW_PASSWORD: 'New-Passw0rd!' } })),
      'NotAuthorizedException',
      /SECRET_HASH was not received/,
    );
    const admin = await client.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: secret.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'taro', PASSWORD: 'Passw0rd!', SECRET_HASH: secretHash(secret.clientSecret ?? '', 'taro', secret.clientId) } }));
    assert.ok(admin.AuthenticationResult?.AccessToken);
  });

  it('signs in through SOFTWARE_TOKEN_MFA (TOTP)', async () => {
    // As on AWS, a pool's MFA is OFF unless configured; OPTIONAL lets users opt in.
    await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    await makeUser(client, poolId, 'mfa');
    const tokens = await signIn(client, app, 'mfa');
    const association = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }));
    const secretCode = association.SecretCode ?? '';
    await client.send(new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: totp(secretCode) }));
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: tokens.AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const challenge = await client.send(new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'mfa', PASSWORD: 'Passw0rd!' } }));
    assert.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    const answer = (code: string, session: string | undefined) =>
      client.send(new RespondToAuthChallengeCommand({ ClientId: app.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session, ChallengeResponses: { USERNAME: 'mfa', SOFTWARE_TOKEN_MFA_CODE: code } }));
    await rejectsWith(answer('000000' === totp(secretCode) ? '111111' : '000000', challenge.Session), 'CodeMismatchException');
    const again = await client.send(new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'mfa', PASSWORD: 'Passw0rd!' } }));
    const result = await answer(totp(secretCode), again.Session);
    assert.ok(result.AuthenticationResult?.RefreshToken);
  });

  it('GlobalSignOut revokes access and refresh tokens; a later sign-in works', async () => {
    // Users of its own: a global sign-out revokes what the user signed in to until now, in any test.
    await makeUser(client, poolId, 'global-taro');
    await makeUser(client, poolId, 'global-jiro');
    const tokens = await signIn(client, app, 'global-taro');
    const other = await signIn(client, app, 'global-jiro');
    assert.equal((await client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))).Username, 'global-taro');
    await client.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));
    await rejectsWith(client.send(new GetUserCommand({ AccessToken: tokens.AccessToken })), 'NotAuthorizedException', /Access Token has been revoked/);
    await rejectsWith(client.send(new UpdateUserAttributesCommand({ AccessToken: tokens.AccessToken, UserAttributes: [{ Name: 'name', Value: 'x' }] })), 'NotAuthorizedException', /Access Token has been revoked/);
    await rejectsWith(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: app.clientId, RefreshToken: tokens.RefreshToken })), 'NotAuthorizedException', /Refresh Token has been revoked/);
    assert.equal((await client.send(new GetUserCommand({ AccessToken: other.AccessToken }))).Username, 'global-jiro', 'other users are not signed out');
    pool.clock.advance(1000);
    const fresh = await signIn(client, app, 'global-taro');
    assert.equal((await client.send(new GetUserCommand({ AccessToken: fresh.AccessToken }))).Username, 'global-taro');
  });

  it('RevokeToken revokes that refresh token and the access tokens issued from it, nothing else', async () => {
    const revoked = await signIn(client, app, 'jiro');
    const kept = await signIn(client, app, 'jiro');
    const rotated = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: app.clientId, RefreshToken: revoked.RefreshToken }));
    await client.send(new RevokeTokenCommand({ ClientId: app.clientId, Token: rotated.AuthenticationResult?.RefreshToken }));
    await rejectsWith(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: app.clientId, RefreshToken: rotated.AuthenticationResult?.RefreshToken })), 'NotAuthorizedException', /Refresh Token has been revoked/);
    await rejectsWith(client.send(new GetUserCommand({ AccessToken: revoked.AccessToken })), 'NotAuthorizedException', /Access Token has been revoked/);
    await rejectsWith(client.send(new GetUserCommand({ AccessToken: rotated.AuthenticationResult?.AccessToken })), 'NotAuthorizedException', /Access Token has been revoked/);
    assert.equal((await client.send(new GetUserCommand({ AccessToken: kept.AccessToken }))).Username, 'jiro');
    await rejectsWith(client.send(new RevokeTokenCommand({ ClientId: app.clientId, Token: kept.AccessToken })), 'UnsupportedTokenTypeException');
  });

  it('checks access-token signature and expiry on GetUser', async () => {
    const tokens = await signIn(client, app, 'jiro');
    const forged = signJwt({ token_use: 'access', username: 'jiro', iss: `${pool.endpoint}/${poolId}`, exp: Math.floor(Date.now() / 1000) + 600 }, createSigningKey('CognitoLocal'));
    await rejectsWith(client.send(new GetUserCommand({ AccessToken: forged })), 'NotAuthorizedException', /Invalid Access Token/);
    await rejectsWith(client.send(new GetUserCommand({ AccessToken: 'garbage' })), 'NotAuthorizedException', /Invalid Access Token/);
    pool.clock.advance(6 * 60_000);
    await rejectsWith(client.send(new GetUserCommand({ AccessToken: tokens.AccessToken })), 'NotAuthorizedException', /Access Token has expired/);
  });

  describe('bad input', () => {
    it('unknown clients and pools get ResourceNotFoundException', async () => {
      await rejectsWith(client.send(new InitiateAuthCommand({ ClientId: 'no-such-client', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'a', PASSWORD: 'b' } })), 'ResourceNotFoundException');
      await rejectsWith(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: 'no-such-client', RefreshToken: 'x' })), 'ResourceNotFoundException');
    });

    it('missing parameters and unsupported flows get InvalidParameterException', async () => {
      await rejectsWith(client.send(new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'taro' } })), 'InvalidParameterException', /PASSWORD/);
      await rejectsWith(client.send(new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: 'taro' } })), 'InvalidParameterException', /not supported/);
      await rejectsWith(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: app.clientId, RefreshToken: undefined })), 'InvalidParameterException');
    });

    it('invalid JSON and unknown operations get Cognito-shaped errors', async () => {
      const post = (target: string, body: string) => fetch(pool.endpoint, { method: 'POST', headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' }, body });
      const invalid = await post('AWSCognitoIdentityProviderService.InitiateAuth', '{not json');
      assert.equal(invalid.status, 400);
      assert.equal(((await invalid.json()) as { __type: string }).__type, 'SerializationException');
      const unknown = await post('AWSCognitoIdentityProviderService.DoSomethingElse', '{}');
      assert.equal(unknown.status, 400);
      assert.equal(unknown.headers.get('x-amzn-errortype'), 'UnknownOperationException');
      const noTarget = await post('', '{}');
      assert.equal(((await noTarget.json()) as { __type: string }).__type, 'UnknownOperationException');
    });
  });
});
