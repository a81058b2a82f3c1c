import {
  AssociateSoftwareTokenCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { payload, signInThroughForm } from './oauthHelpers';
import { makeClient, makePool, makeUser, rejectsWith, sdk, signIn, totp, type Fixture } from './poolHelpers';

const CALLBACK = 'http://localhost:45678/callback';

/** `acr` and `amr` from the factors completed (DG cognito-user-pools-step-up-authentication.html). */
describe('local user pool: acr and amr', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;
  let app: Fixture;

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    app = await makeClient(client, poolId, {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH'],
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: [CALLBACK],
      SupportedIdentityProviders: ['COGNITO'],
    });
    await makeUser(client, poolId, 'ann');
  });
  after(() => pool.stop());

  const userAuth = (params: Record<string, string>) => client.send(new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: 'USER_AUTH', AuthParameters: params }));

  it('a password sign-in is pwd at level 1, in the ID and access tokens, and a refresh keeps it', async () => {
    const tokens = await signIn(client, app, 'ann');
    for (const token of [tokens.IdToken, tokens.AccessToken]) {
      assert.deepEqual(payload(String(token)).amr, ['pwd']);
      assert.equal(payload(String(token)).acr, 'urn:cognito:loa:1');
    }
    const refreshed = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: app.clientId, RefreshToken: tokens.RefreshToken }));
    assert.deepEqual(payload(String(refreshed.AuthenticationResult?.AccessToken)).amr, ['pwd']);
    assert.equal(payload(String(refreshed.AuthenticationResult?.IdToken)).acr, 'urn:cognito:loa:1');
  });

  it('an email one-time code (USER_AUTH) is otp at level 1', async () => {
    await fetch(`${pool.endpoint}/_local/codes`, { method: 'POST', body: JSON.stringify({ userPoolId: poolId, username: 'ann', code: '135790' }) });
    const challenge = await userAuth({ USERNAME: 'ann', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
    const answered = await client.send(new RespondToAuthChallengeCommand({ ClientId: app.clientId, ChallengeName: 'EMAIL_OTP', Session: challenge.Session, ChallengeResponses: { USERNAME: 'ann', EMAIL_OTP_CODE: '135790' } }));
    assert.deepEqual(payload(String(answered.AuthenticationResult?.IdToken)).amr, ['otp']);
    assert.equal(payload(String(answered.AuthenticationResult?.IdToken)).acr, 'urn:cognito:loa:1');
  });

  it('TARGET_ACR_VALUES: the first target met is reported; an unmet one reports the level reached; MAX_AGE must be seconds', async () => {
    const met = await userAuth({ USERNAME: 'ann', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Passw0rd!', TARGET_ACR_VALUES: 'urn:cognito:loa:3 urn:cognito:loa:1', MAX_AGE: '300' });
    assert.equal(payload(String(met.AuthenticationResult?.IdToken)).acr, 'urn:cognito:loa:1');
    const unmet = await userAuth({ USERNAME: 'ann', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Passw0rd!', TARGET_ACR_VALUES: 'urn:cognito:loa:3' });
    assert.equal(payload(String(unmet.AuthenticationResult?.IdToken)).acr, 'urn:cognito:loa:1');
    await rejectsWith(userAuth({ USERNAME: 'ann', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Passw0rd!', MAX_AGE: 'soon' }), 'InvalidParameterException', /MAX_AGE/);
  });

  it('password then an authenticator code is pwd, otp, mfa at level 3, and meets a level-3 target', async () => {
    await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    await makeUser(client, poolId, 'max');
    const first = await signIn(client, app, 'max');
    const secret = (await client.send(new AssociateSoftwareTokenCommand({ AccessToken: first.AccessToken }))).SecretCode ?? '';
    await client.send(new VerifySoftwareTokenCommand({ AccessToken: first.AccessToken, UserCode: totp(secret) }));
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: first.AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));

    const challenge = await userAuth({ USERNAME: 'max', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Passw0rd!', TARGET_ACR_VALUES: 'urn:cognito:loa:3' });
    assert.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    const answered = await client.send(new RespondToAuthChallengeCommand({ ClientId: app.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: challenge.Session, ChallengeResponses: { USERNAME: 'max', SOFTWARE_TOKEN_MFA_CODE: totp(secret) } }));
    const claims = payload(String(answered.AuthenticationResult?.AccessToken));
    assert.deepEqual(claims.amr, ['pwd', 'otp', 'mfa']);
    assert.equal(claims.acr, 'urn:cognito:loa:3');
  });

  it('managed login honours acr_values and refuses a malformed max_age', async () => {
    const authorize = (extra: Record<string, string>) => {
      const url = new URL(`${pool.endpoint}/oauth2/authorize`);
      url.search = new URLSearchParams({ response_type: 'code', client_id: app.clientId, redirect_uri: CALLBACK, scope: 'openid', ...extra }).toString();
      return url.href;
    };
    const location = new URL(await signInThroughForm(authorize({ acr_values: 'urn:cognito:loa:2 urn:cognito:loa:1', max_age: '60' }), 'ann', 'Passw0rd!'));
    const response = await fetch(`${pool.endpoint}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: app.clientId, code: location.searchParams.get('code') ?? '', redirect_uri: CALLBACK }).toString(),
    });
    const tokens = (await response.json()) as { id_token: string };
    assert.equal(payload(tokens.id_token).acr, 'urn:cognito:loa:1');
    assert.deepEqual(payload(tokens.id_token).amr, ['pwd']);

    const refused = await fetch(authorize({ max_age: 'later' }), { redirect: 'manual' });
    assert.equal(refused.status, 302);
    assert.equal(new URL(refused.headers.get('location') ?? '').searchParams.get('error'), 'invalid_request');
  });
});
