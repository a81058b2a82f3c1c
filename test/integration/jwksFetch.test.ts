import * as assert from 'node:assert/strict';
import { fetchJwks, JwksFetchError, JWKS_MAX_BYTES, type JwksFetchFailure } from '../../src/core/tokens/jwksFetch';
import { endlessBody, startLoopbackServer, type LoopbackServer } from '../fixtures/loopbackServer';

async function failure(promise: Promise<unknown>): Promise<JwksFetchFailure> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof JwksFetchError, String(error));
    return error.failure;
  }
  assert.fail('the fetch should have failed');
}

describe('fetchJwks: the limits on fetching keys', function () {
  this.timeout(20_000);
  const servers: LoopbackServer[] = [];
  const start = async (...args: Parameters<typeof startLoopbackServer>): Promise<LoopbackServer> => {
    const server = await startLoopbackServer(...args);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('reads a small key set', async () => {
    const server = await start((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":[]}'));
    assert.deepEqual(await fetchJwks(`${server.origin}/pool/.well-known/jwks.json`), { keys: [] });
    assert.deepEqual(server.requests, ['/pool/.well-known/jwks.json']);
  });

  it('stops at once when the server announces 400 MB', async () => {
    const server = await start(endlessBody(400 * 1024 * 1024));
    const before = process.memoryUsage().arrayBuffers;
    assert.equal(await failure(fetchJwks(`${server.origin}/big`)), 'tooLarge');
    assert.ok(server.bytesSent() < 16 * 1024 * 1024, `the server could send only ${server.bytesSent()} bytes`);
    assert.ok(process.memoryUsage().arrayBuffers - before < 32 * 1024 * 1024, 'no large buffer was kept');
  });

  it('cuts a body with no announced length at 1 MB while streaming', async () => {
    const server = await start(endlessBody());
    const before = process.memoryUsage().arrayBuffers;
    assert.equal(await failure(fetchJwks(`${server.origin}/chunked`)), 'tooLarge');
    // Sent bytes beyond the cap are only what sat in socket buffers when the client stopped reading.
    assert.ok(server.bytesSent() < JWKS_MAX_BYTES + 16 * 1024 * 1024, `the server could send only ${server.bytesSent()} bytes`);
    assert.ok(process.memoryUsage().arrayBuffers - before < 32 * 1024 * 1024, 'no large buffer was kept');
  });

  it('honours a smaller cap', async () => {
    const server = await start((_request, response) => response.writeHead(200).end(JSON.stringify({ keys: [], pad: 'x'.repeat(2000) })));
    assert.equal(await failure(fetchJwks(`${server.origin}/a`, { maxBytes: 1000 })), 'tooLarge');
  });

  it('does not follow a redirect: the target receives nothing', async () => {
    const target = await start((_request, response) => response.writeHead(200).end('{"keys":[]}'));
    const redirecting = await start((_request, response) => response.writeHead(302, { location: `${target.origin}/admin/delete?id=42` }).end());
    assert.equal(await failure(fetchJwks(`${redirecting.origin}/pool/.well-known/jwks.json`)), 'redirect');
    assert.equal(redirecting.requests.length, 1);
    assert.deepEqual(target.requests, []);
  });

  it('times out a server that never answers, and one that trickles its body', async () => {
    const silent = await start(() => undefined);
    assert.equal(await failure(fetchJwks(`${silent.origin}/a`, { timeoutMs: 200 })), 'timeout');
    const trickling = await start((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"keys":[');
    });
    assert.equal(await failure(fetchJwks(`${trickling.origin}/a`, { timeoutMs: 200 })), 'timeout');
  });

  it('tells an HTTP error, a non-JSON body and an unreachable host apart', async () => {
    const server = await start((request, response) => (request.url === '/500' ? response.writeHead(500).end('oops') : response.writeHead(200).end('<html>')));
    assert.equal(await failure(fetchJwks(`${server.origin}/500`)), 'httpStatus');
    assert.equal(await failure(fetchJwks(`${server.origin}/html`)), 'notJson');
    const gone = await startLoopbackServer();
    await gone.close();
    assert.equal(await failure(fetchJwks(`${gone.origin}/a`, { timeoutMs: 2000 })), 'unreachable');
  });
});
