import {
  AdminCreateUserCommand,
  AssociateSoftwareTokenCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { hiddenFields, postForm, signInThroughForm } from './oauthHelpers';
import { makeClient, makePool, makeUser, sdk, signIn, totp, type Fixture } from './poolHelpers';

const CALLBACK = 'http://localhost:45678/callback';

/** The managed-login pages as a browser meets them: the form, its further steps, and where it never redirects. */
describe('local user pool: managed-login pages', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;
  let web: Fixture;
  let confidential: Fixture;

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    const oauth = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code' as const], AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [CALLBACK], LogoutURLs: ['http://localhost:45678/bye'], SupportedIdentityProviders: ['COGNITO', 'Google'] };
    web = await makeClient(client, poolId, oauth);
    confidential = await makeClient(client, poolId, { ...oauth, GenerateSecret: true });
    await makeUser(client, poolId, 'ren');
  });
  after(() => pool.stop());

  function authorizeUrl(params: Record<string, string> = {}, clientId = web.clientId): string {
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, scope: 'openid', state: 'st', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', ...params });
    return `${pool.endpoint}/oauth2/authorize?${query.toString()}`;
  }

  it('escapes every request parameter in the page', async () => {
    const attack = '"><script>alert(1)</script>';
    const page = await (await fetch(authorizeUrl({ state: attack }))).text();
    assert.ok(!page.includes('<script>'), 'no markup from the request');
    assert.equal(hiddenFields(page).state, attack, 'the value survives as data');
  });

  it('shows the error on a wrong password and redirects with code and state on the right one', async () => {
    const form = await fetch(authorizeUrl());
    const fields = hiddenFields(await form.text());
    const wrong = await postForm(`${pool.endpoint}/oauth2/authorize`, { ...fields, username: 'ren', password: 'wrong' });
    assert.equal(wrong.status, 200);
    assert.match(await wrong.text(), /Incorrect username or password/);
    const location = new URL(await signInThroughForm(authorizeUrl({ state: 'keep me' }), 'ren', 'Passw0rd!'));
    assert.equal(`${location.origin}${location.pathname}`, CALLBACK);
    assert.equal(location.searchParams.get('state'), 'keep me');
    assert.ok(location.searchParams.get('code'));
  });

  it('never redirects to an unregistered redirect_uri', async () => {
    for (const redirect of ['http://localhost:45678/callback/extra', 'https://attacker.example/cb', '']) {
      const response = await fetch(authorizeUrl({ redirect_uri: redirect }), { redirect: 'manual' });
      assert.equal(response.status, 302);
      assert.match(response.headers.get('location') ?? '', /^\/error\?error=redirect_mismatch/);
    }
    const page = await fetch(`${pool.endpoint}/error?error=redirect_mismatch`);
    assert.match(await page.text(), /not one of the URLs registered/);
  });

  it('sends request errors back to the registered callback with error= and the state', async () => {
    const scope = await fetch(authorizeUrl({ scope: 'openid phone' }), { redirect: 'manual' });
    const location = new URL(scope.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('error'), 'invalid_scope');
    assert.equal(location.searchParams.get('state'), 'st');
    const method = await fetch(authorizeUrl({ code_challenge_method: 'plain' }), { redirect: 'manual' });
    assert.equal(new URL(method.headers.get('location') ?? '').searchParams.get('error'), 'invalid_request');
  });

  it('explains that federated providers are not modelled', async () => {
    const response = await fetch(authorizeUrl({ identity_provider: 'Google' }));
    assert.equal(response.status, 400);
    assert.match(await response.text(), /no federated identity providers/);
  });

  it('asks a user with a temporary password for a new one, then redirects', async () => {
    await client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'newbie', TemporaryPassword: 'Temp0rary!', MessageAction: 'SUPPRESS' }));
    const form = await fetch(authorizeUrl());
    const wrongTemporary = await postForm(`${pool.endpoint}/oauth2/authorize`, { ...hiddenFields(await form.text()), username: 'newbie', password: 'not-the-temporary' });
    assert.doesNotMatch(await wrongTemporary.text(), /new_password/, 'a wrong temporary password never reaches the new-password step');
    const location = await signInThroughForm(authorizeUrl(), 'newbie', 'Temp0rary!', [{ new_password: 'Brand-New-Passw0rd!' }]);
    assert.ok(new URL(location).searchParams.get('code'));
    await signIn(client, { poolId, clientId: (await makeClient(client, poolId)).clientId }, 'newbie', 'Brand-New-Passw0rd!');
  });

  it('asks a TOTP user for the authenticator code (also for a client with a secret)', async () => {
    await client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    await makeUser(client, poolId, 'totpuser');
    const tokens = await signIn(client, { poolId, clientId: (await makeClient(client, poolId)).clientId }, 'totpuser');
    const association = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }));
    const secret = association.SecretCode ?? '';
    await client.send(new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: totp(secret) }));
    await client.send(new SetUserMFAPreferenceCommand({ AccessToken: tokens.AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));

    const form = await fetch(authorizeUrl({}, confidential.clientId));
    const step = await postForm(`${pool.endpoint}/oauth2/authorize`, { ...hiddenFields(await form.text()), username: 'totpuser', password: 'Passw0rd!' });
    const page = await step.text();
    assert.match(page, /authenticator app/);
    const wrong = await postForm(`${pool.endpoint}/oauth2/authorize`, { ...hiddenFields(page), code: totp(secret) === '000000' ? '111111' : '000000' });
    assert.match(await wrong.text(), /code was wrong/);
    const location = await signInThroughForm(authorizeUrl({}, confidential.clientId), 'totpuser', 'Passw0rd!', [{ code: totp(secret) }]);
    assert.ok(new URL(location).searchParams.get('code'));
  });

  it('signs out to a registered logout_uri only', async () => {
    const out = await fetch(`${pool.endpoint}/logout?client_id=${web.clientId}&logout_uri=${encodeURIComponent('http://localhost:45678/bye')}`, { redirect: 'manual' });
    assert.equal(out.status, 302);
    assert.equal(out.headers.get('location'), 'http://localhost:45678/bye');
    const elsewhere = await fetch(`${pool.endpoint}/logout?client_id=${web.clientId}&logout_uri=${encodeURIComponent('https://attacker.example/')}`, { redirect: 'manual' });
    assert.match(elsewhere.headers.get('location') ?? '', /^\/error\?error=redirect_mismatch/);
  });

  it('refuses to exchange a PKCE code without its verifier', async () => {
    const location = new URL(await signInThroughForm(authorizeUrl({ scope: 'openid email' }), 'ren', 'Passw0rd!'));
    assert.ok(location.searchParams.get('code'));
    const verifierless = await fetch(`${pool.endpoint}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', client_id: web.clientId, code: location.searchParams.get('code') ?? '', redirect_uri: CALLBACK }) });
    assert.equal(((await verifierless.json()) as { error: string }).error, 'invalid_grant', 'a PKCE code needs its verifier');
  });
});
