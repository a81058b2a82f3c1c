import { GetUserCommand, InitiateAuthCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { makeClient, makePool, post, rejectsWith, sdk, type Fixture } from './poolHelpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('local user pool: the HTTP edge (CORS, request ids, discovery, bad input)', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;
  let app: Fixture;

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    app = await makeClient(client, poolId);
  });
  after(() => pool.stop());

  it('answers a browser preflight with the CORS headers it asks for', async () => {
    const response = await fetch(pool.endpoint, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request,cache-control',
      },
    });
    assert.ok(response.status === 200 || response.status === 204, `status ${response.status}`);
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://127.0.0.1:5173');
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['content-type', 'x-amz-target', 'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request', 'cache-control']) {
      assert.ok(allowed.includes(header), `${header} allowed (got ${allowed})`);
    }
    assert.ok(Number(response.headers.get('access-control-max-age')) > 0);
  });

  it('puts Access-Control-Allow-Origin and Expose-Headers on answers and errors', async () => {
    const ok = await post(pool.endpoint, 'ListUserPools', { MaxResults: 10 }, { origin: 'http://localhost:3000' });
    const failed = await post(pool.endpoint, 'InitiateAuth', { ClientId: 'nope' }, { origin: 'http://localhost:3000' });
    const jwks = await fetch(`${pool.endpoint}/${poolId}/.well-known/jwks.json`);
    for (const response of [ok, failed, jwks]) {
      assert.ok(['http://localhost:3000', '*'].includes(response.headers.get('access-control-allow-origin') ?? ''), `allow-origin on ${response.status}`);
      const exposed = (response.headers.get('access-control-expose-headers') ?? '').toLowerCase();
      for (const header of ['x-amzn-requestid', 'x-amzn-errortype', 'date']) {
        assert.ok(exposed.includes(header), `${header} exposed`);
      }
    }
  });

  it('gives every answer an x-amzn-requestid, and SDK errors carry it', async () => {
    const ids = new Set<string>();
    const responses = [
      await post(pool.endpoint, 'ListUserPools', { MaxResults: 10 }),
      await post(pool.endpoint, 'InitiateAuth', { ClientId: 'nope' }),
      await post(pool.endpoint, 'NoSuchOperation', {}),
      await fetch(`${pool.endpoint}/${poolId}/.well-known/jwks.json`),
      await fetch(pool.endpoint, { method: 'OPTIONS' }),
    ];
    for (const response of responses) {
      const id = response.headers.get('x-amzn-requestid') ?? '';
      assert.match(id, UUID, `request id on a ${response.status}`);
      ids.add(id);
    }
    assert.equal(ids.size, responses.length, 'each request has its own id');
    await assert.rejects(client.send(new GetUserCommand({ AccessToken: 'garbage' })), (error: Error & { $metadata?: { requestId?: string } }) => {
      assert.match(error.$metadata?.requestId ?? '', UUID);
      return true;
    });
  });

  it('serves OpenID discovery with the issuer and JWKS the tokens name', async () => {
    const issuer = `${pool.endpoint}/${poolId}`;
    const response = await fetch(`${issuer}/.well-known/openid-configuration`);
    assert.equal(response.status, 200);
    const config = (await response.json()) as Record<string, unknown>;
    assert.equal(config.issuer, issuer);
    assert.equal(config.jwks_uri, `${issuer}/.well-known/jwks.json`);
    for (const [key, path] of [['authorization_endpoint', '/oauth2/authorize'], ['token_endpoint', '/oauth2/token'], ['userinfo_endpoint', '/oauth2/userInfo'], ['revocation_endpoint', '/oauth2/revoke']]) {
      assert.equal(config[key], `${pool.endpoint}${path}`, key);
    }
    assert.deepEqual(config.id_token_signing_alg_values_supported, ['RS256']);
    const keys = (await (await fetch(String(config.jwks_uri))).json()) as { keys: unknown[] };
    assert.ok(keys.keys.length > 0);
    // Asked as localhost, it answers as localhost: the issuer is the address the client used.
    const port = new URL(pool.endpoint).port;
    const local = (await (await fetch(`http://localhost:${port}/${poolId}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    assert.equal(local.issuer, `http://localhost:${port}/${poolId}`);
    const unknown = await fetch(`${pool.endpoint}/local_nosuchpool/.well-known/openid-configuration`);
    assert.equal(unknown.status, 404);
  });

  it('refuses a non-hex SRP_A with InvalidParameterException', async () => {
    await rejectsWith(
      client.send(new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'anyone', SRP_A: 'not-hex-at-all' } })),
      'InvalidParameterException',
      /SRP_A/,
    );
  });

  it('refuses a clock move that is not a number, leaving the clock as it was', async () => {
    const before = pool.clock.offset;
    for (const body of ['{"advanceSeconds":"abc"}', '{"advanceSeconds":null}', '{"advanceSeconds":1e400}', '[]']) {
      const response = await fetch(`${pool.endpoint}/_local/clock`, { method: 'POST', body });
      assert.equal(response.status, 400, body);
      assert.match(((await response.json()) as { __type: string }).__type, /InvalidParameterException|SerializationException/);
    }
    assert.equal(pool.clock.offset, before);
    const moved = await fetch(`${pool.endpoint}/_local/clock`, { method: 'POST', body: '{"advanceSeconds":1.5}' });
    assert.equal(((await moved.json()) as { offsetSeconds: number }).offsetSeconds, before / 1000 + 1.5);
  });

  it('answers a 10 MB body with a 413 error instead of resetting the connection', async () => {
    const body = Buffer.alloc(10 * 1024 * 1024, 'a');
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(pool.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth', 'content-length': body.length } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(answer.status, 413);
    assert.match(answer.text, /too large/i);
    // The pool still answers afterwards.
    assert.equal((await post(pool.endpoint, 'ListUserPools', { MaxResults: 1 })).status, 200);
  });

  it('refuses a page on another site: 403 ForbiddenException, no CORS grant, nothing done', async () => {
    const before = (await (await fetch(`${pool.endpoint}/_local/stats`)).json()) as Record<string, number>;
    for (const origin of ['https://evil.example', 'http://localhost.evil.example:3000', 'http://127.0.0.1.evil.example', 'null', 'file://']) {
      const preflight = await fetch(pool.endpoint, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' } });
      assert.equal(preflight.status, 403, origin);
      assert.equal(preflight.headers.get('access-control-allow-origin'), null, origin);
      const created = await post(pool.endpoint, 'CreateUserPool', { PoolName: 'planted' }, { origin });
      assert.equal(created.status, 403, origin);
      assert.equal(created.headers.get('access-control-allow-origin'), null, origin);
      assert.equal(created.headers.get('x-amzn-errortype'), 'ForbiddenException');
      assert.equal(((await created.json()) as { __type: string }).__type, 'ForbiddenException');
      // A "simple" cross-site form post needs no preflight: it is refused too.
      const form = await fetch(`${pool.endpoint}/_local/clock`, { method: 'POST', headers: { origin, 'content-type': 'text/plain' }, body: '{"advanceSeconds":1000}' });
      assert.equal(form.status, 403, origin);
    }
    // A sandboxed frame on another site sends `Origin: null`; the browser marks it cross-site.
    for (const site of ['cross-site', 'same-site', undefined]) {
      const sandboxed = await post(pool.endpoint, 'CreateUserPool', { PoolName: 'planted' }, { origin: 'null', ...(site ? { 'sec-fetch-site': site } : {}) });
      assert.equal(sandboxed.status, 403, String(site));
    }
    const after = (await (await fetch(`${pool.endpoint}/_local/stats`)).json()) as Record<string, number>;
    assert.equal(after.CreateUserPool ?? 0, before.CreateUserPool ?? 0);
  });

  it('answers its own sign-in form posting with Origin: null when the browser says same-origin (code-server\'s proxy)', async () => {
    const response = await post(pool.endpoint, 'ListUserPools', { MaxResults: 1 }, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), null, 'null is never granted');
  });

  it('grants CORS to pages on any loopback name and port', async () => {
    for (const origin of ['http://localhost:5173', 'https://localhost', 'http://127.0.0.1:8080', 'http://127.1.2.3:9000', 'http://[::1]:3000']) {
      const response = await post(pool.endpoint, 'ListUserPools', { MaxResults: 1 }, { origin });
      assert.equal(response.status, 200, origin);
      assert.equal(response.headers.get('access-control-allow-origin'), origin);
    }
  });

  it('refuses a Host that is not loopback (DNS rebinding), and answers loopback Hosts on any port (a proxy)', async () => {
    const port = new URL(pool.endpoint).port;
    const ask = (host: string) => hostRequest(pool.endpoint, host, 'ListUserPools');
    for (const host of [`rebound.evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, `localhost.evil.example:${port}`]) {
      const answer = await ask(host);
      assert.equal(answer.status, 403, host);
      assert.equal((JSON.parse(answer.text) as { __type: string }).__type, 'ForbiddenException');
    }
    // code-server's /proxy/PORT/ and other local proxies keep their own loopback Host.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', '127.0.0.1:8080', `[::1]:${port}`]) {
      assert.equal((await ask(host)).status, 200, host);
    }
  });

  it('--allow-origin: answers the named origin, and its host in the Host header', async () => {
    await assert.rejects(startPool({ allowOrigins: ['not a url'] }), /--allow-origin/);
    await assert.rejects(startPool({ allowOrigins: ['http://my-laptop.lan:3000/app'] }), /--allow-origin/);
    const other = await startPool({ allowOrigins: ['http://my-laptop.lan:3000'] });
    try {
      const allowed = await post(other.endpoint, 'ListUserPools', { MaxResults: 1 }, { origin: 'http://my-laptop.lan:3000' });
      assert.equal(allowed.status, 200);
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://my-laptop.lan:3000');
      assert.equal((await post(other.endpoint, 'ListUserPools', { MaxResults: 1 }, { origin: 'http://my-laptop.lan:4000' })).status, 403);
      assert.equal((await hostRequest(other.endpoint, `my-laptop.lan:${new URL(other.endpoint).port}`, 'ListUserPools')).status, 200);
      assert.equal((await hostRequest(other.endpoint, 'other.lan', 'ListUserPools')).status, 403);
    } finally {
      await other.stop();
    }
  });
});

/** fetch may not set Host: a raw request with the Host a rebound DNS name or a proxy would send. */
function hostRequest(endpoint: string, host: string, operation: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(endpoint, { method: 'POST', setHost: false, headers: { host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}
