import * as assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { parseOAuthDomain, type OAuthDomain } from '../../src/core/protocol/oauth';
import { basicAuthorization, parseTokenResponse, parseUserInfo, revokeRequest, tokenRequest, userInfoRequest, type HttpRequest } from '../../src/core/protocol/oauthToken';
import { allowsSelfService, classifyScope, describeScope, parseScopes } from '../../src/core/protocol/oauthScopes';
import { formatMessage } from '../../src/core/shared/l10n';

const domain = parseOAuthDomain('https://login.example.com') as OAuthDomain;

/** What openid-client sends for the same grant, captured by its customFetch hook (no network). */
async function openidClientRequest(clientSecret: string | undefined, run: (config: oidc.Configuration) => Promise<unknown>): Promise<{ headers: Headers; body: URLSearchParams }> {
  const server = { issuer: domain.origin, token_endpoint: `${domain.origin}/oauth2/token`, authorization_endpoint: `${domain.origin}/oauth2/authorize` };
  const config = clientSecret
    ? new oidc.Configuration(server, 'client+1', { client_secret: clientSecret }, oidc.ClientSecretBasic())
    : new oidc.Configuration(server, 'client+1', undefined, oidc.None());
  let captured: { headers: Headers; body: URLSearchParams } | undefined;
  config[oidc.customFetch] = (_url, options) => {
    captured = { headers: new Headers(options.headers), body: new URLSearchParams(options.body as string) };
    return Promise.resolve(new Response(JSON.stringify({ access_token: 'a', token_type: 'Bearer', expires_in: 3600 }), { headers: { 'content-type': 'application/json' } }));
  };
  await run(config);
  assert.ok(captured);
  return captured;
}

function sortedBody(body: string | URLSearchParams): string[] {
  return [...new URLSearchParams(body).entries()].map(([k, v]) => `${k}=${v}`).sort();
}

function compare(ours: HttpRequest, theirs: { headers: Headers; body: URLSearchParams }): void {
  assert.equal(ours.url, `${domain.origin}/oauth2/token`);
  assert.deepEqual(sortedBody(ours.body ?? ''), sortedBody(theirs.body));
  assert.equal(ours.headers.authorization, theirs.headers.get('authorization') ?? undefined);
  assert.equal(ours.headers['content-type'], theirs.headers.get('content-type')?.split(';')[0]);
}

describe('token endpoint requests, judged by openid-client', () => {
  const secret = "s3cr:et/+ ~!'()*%";

  it('refresh_token with client_secret_basic', async () => {
    const ours = tokenRequest({ domain, clientId: 'client+1', clientSecret: secret }, { grant: 'refresh_token', refreshToken: 'r.t.k' });
    compare(ours, await openidClientRequest(secret, (c) => oidc.refreshTokenGrant(c, 'r.t.k')));
  });

  it('refresh_token for a public client sends client_id in the body', async () => {
    const ours = tokenRequest({ domain, clientId: 'client+1' }, { grant: 'refresh_token', refreshToken: 'r.t.k' });
    compare(ours, await openidClientRequest(undefined, (c) => oidc.refreshTokenGrant(c, 'r.t.k')));
  });

  it('client_credentials with scopes', async () => {
    const ours = tokenRequest({ domain, clientId: 'client+1', clientSecret: secret }, { grant: 'client_credentials', scopes: ['api/read', 'api/write'] });
    compare(ours, await openidClientRequest(secret, (c) => oidc.clientCredentialsGrant(c, { scope: 'api/read api/write' })));
  });

  it('authorization_code with the PKCE verifier and the exact redirect URI', async () => {
    const ours = tokenRequest({ domain, clientId: 'client+1' }, { grant: 'authorization_code', code: 'c0de', redirectUri: 'http://localhost:53682/callback', codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk' });
    const theirs = await openidClientRequest(undefined, (c) =>
      oidc.authorizationCodeGrant(c, new URL('http://localhost:53682/callback?code=c0de&state=st'), { pkceCodeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', expectedState: 'st' }),
    );
    compare(ours, theirs);
  });

  it('basic authorization decodes to the form-encoded id and secret', () => {
    const decoded = Buffer.from(basicAuthorization('id', 'a b').slice(6), 'base64').toString();
    assert.equal(decoded, 'id:a+b');
  });

  it('revoke and userInfo go to the domain\'s own paths', () => {
    const revoke = revokeRequest({ domain, clientId: 'c', clientSecret: 's' }, 'rt');
    assert.equal(revoke.url, 'https://login.example.com/oauth2/revoke');
    assert.deepEqual(sortedBody(revoke.body ?? ''), ['token=rt']);
    const info = userInfoRequest(domain, 'at');
    assert.equal(info.url, 'https://login.example.com/oauth2/userInfo');
    assert.equal(info.headers.authorization, 'Bearer at');
  });
});

describe('token responses', () => {
  it('a code exchange gives all three tokens', () => {
    const outcome = parseTokenResponse(200, JSON.stringify({ access_token: 'a', id_token: 'i', refresh_token: 'r', token_type: 'Bearer', expires_in: 3600 }));
    assert.deepEqual(outcome, { kind: 'tokens', tokens: { access: 'a', id: 'i', refresh: 'r', expiresInSeconds: 3600, scope: undefined } });
  });

  it('client credentials give an access token only; a refresh without rotation no refresh token', () => {
    const m2m = parseTokenResponse(200, JSON.stringify({ access_token: 'a', token_type: 'Bearer', expires_in: 3600 }));
    assert.equal(m2m.kind, 'tokens');
    if (m2m.kind === 'tokens') {
      assert.equal(m2m.tokens.id, undefined);
      assert.equal(m2m.tokens.refresh, undefined);
    }
  });

  it('maps OAuth errors and non-JSON failures', () => {
    const grant = parseTokenResponse(400, JSON.stringify({ error: 'invalid_grant', error_description: 'bad\ncode' }));
    assert.equal(grant.kind === 'failed' && grant.failure, 'invalidGrant');
    assert.doesNotMatch(grant.kind === 'failed' ? grant.detail : '', /\n/);
    assert.equal(parseTokenResponse(401, JSON.stringify({ error: 'invalid_client' })).kind === 'failed', true);
    const html = parseTokenResponse(502, '<html>bad gateway</html>');
    assert.equal(html.kind === 'failed' && html.failure, 'serverError');
    const noType = parseTokenResponse(200, JSON.stringify({ access_token: 'a', token_type: 'DPoP' }));
    assert.equal(noType.kind, 'failed');
  });

  it('userInfo answers only a JSON object', () => {
    assert.deepEqual(parseUserInfo(200, '{"sub":"x","email":"a@b"}'), { sub: 'x', email: 'a@b' });
    assert.equal(parseUserInfo(401, '{"error":"invalid_token"}'), undefined);
    assert.equal(parseUserInfo(200, '[1]'), undefined);
  });
});

describe('scopes', () => {
  it('parses arrays and space-separated claims, dropping invalid entries and duplicates', () => {
    assert.deepEqual(parseScopes(['openid', 'email openid', 'api/read', 'bad"quote', 7]), ['openid', 'email', 'api/read']);
    assert.deepEqual(parseScopes('aws.cognito.signin.user.admin  openid'), ['aws.cognito.signin.user.admin', 'openid']);
  });

  it('classifies custom scopes by their resource server, which may be a URL', () => {
    assert.deepEqual(classifyScope('https://api.example.com/orders.read'), { scope: 'https://api.example.com/orders.read', kind: 'custom', resourceServer: 'https://api.example.com', name: 'orders.read' });
    assert.equal(classifyScope('openid').kind, 'openid');
    assert.equal(classifyScope('email').kind, 'standard');
    assert.match(describeScope(classifyScope('demo-api/read'), formatMessage), /custom scope "read" of resource server "demo-api"/);
  });

  it('self-service needs aws.cognito.signin.user.admin', () => {
    assert.equal(allowsSelfService('openid aws.cognito.signin.user.admin'), true);
    assert.equal(allowsSelfService('openid email'), false);
    assert.equal(allowsSelfService(undefined), false);
  });
});
