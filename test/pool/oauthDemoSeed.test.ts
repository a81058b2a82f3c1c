import { InitiateAuthCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as oidc from 'openid-client';
import type { SeedFile } from '../../local-cognito/seed';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { payload, signInThroughForm } from './oauthHelpers';
import { sdk } from './poolHelpers';

/** The demo seed's managed-login, choice-based and machine clients work as the extension's side expects. */
describe('local user pool: demo seed for managed login, USER_AUTH and machine tokens', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let demo: NonNullable<LocalPool['seeded']>['userPools'][number];
  let server: URL;

  before(async () => {
    // Compiled to out/test/pool/: the seed file is in the repository's local-cognito/.
    const seed = JSON.parse(readFileSync(resolve(__dirname, '../../../local-cognito/demo-seed.json'), 'utf8')) as SeedFile;
    pool = await startPool({ seed });
    client = sdk(pool.endpoint);
    demo = pool.seeded?.userPools[0] ?? assert.fail('seeded');
    server = new URL(`${pool.endpoint}/${demo.id}`);
  });
  after(() => pool.stop());

  it('signs demo in through the managed client at http://localhost:45678/callback', async () => {
    const config = await oidc.discovery(server, demo.clients.managed.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: 'http://localhost:45678/callback', scope: 'openid email demo-api/read', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: 'demo' });
    const location = await signInThroughForm(url.href, 'demo', 'Demo-Passw0rd!');
    const tokens = await oidc.authorizationCodeGrant(config, new URL(location), { pkceCodeVerifier: verifier, expectedState: 'demo' });
    assert.equal(payload(tokens.access_token).scope, 'openid email demo-api/read');
    const rotated = await oidc.refreshTokenGrant(config, String(tokens.refresh_token));
    assert.ok(rotated.refresh_token, 'the managed client rotates');
  });

  it('gives the m2m client demo-api tokens', async () => {
    const m2m = demo.clients.m2m;
    const config = await oidc.discovery(server, m2m.clientId, m2m.clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'demo-api/read demo-api/write' });
    assert.equal(payload(tokens.access_token).sub, m2m.clientId);
  });

  it('offers the passwordless user EMAIL_OTP only, on the choice client', async () => {
    const offered = await client.send(new InitiateAuthCommand({ ClientId: demo.clients.choice.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'passwordless' } }));
    assert.deepEqual(offered.AvailableChallenges, ['EMAIL_OTP']);
    const demoUser = await client.send(new InitiateAuthCommand({ ClientId: demo.clients.choice.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'demo', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Demo-Passw0rd!' } }));
    assert.ok(demoUser.AuthenticationResult?.RefreshToken);
  });
});
