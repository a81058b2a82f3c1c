import { GetUserCommand, InitiateAuthCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { startLocalPool, type LocalPool } from '../../local-cognito/server';
import { makeClient, makePool, post, rejectsWith, sdk, type Fixture } from './poolHelpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('local user pool: the HTTP edge (CORS, request ids, discovery, bad input)', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;
  let app: Fixture;

  before(async () => {
    pool = await startLocalPool();
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
});
