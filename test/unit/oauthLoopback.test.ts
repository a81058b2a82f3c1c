import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { freePort } from '../../local-cognito/upstream';
import { listenForRedirect, RedirectWaitError } from '../../src/oauth/loopbackRedirect';


const page = (query: URLSearchParams) => ({ title: 'Signed in', message: `state was ${query.get('state') ?? ''}` });

describe('loopback redirect listener', () => {
  it('answers one GET on the path with an escaped page and resolves with its query', async () => {
    const port = await freePort();
    const listener = listenForRedirect({ host: 'localhost', port, path: '/callback', timeoutMs: 10_000, page });
    await listener.ready;
    const other = await fetch(`http://127.0.0.1:${port}/elsewhere?code=x`);
    assert.equal(other.status, 404);
    const response = await fetch(`http://127.0.0.1:${port}/callback?code=abc&state=%3Cscript%3E`);
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.match(html, /state was &lt;script&gt;/);
    assert.doesNotMatch(html, /<script>/);
    const query = await listener.redirect;
    assert.equal(query.get('code'), 'abc');
    // One request only: the port is closed afterwards.
    await new Promise((r) => setTimeout(r, 50));
    await assert.rejects(fetch(`http://127.0.0.1:${port}/callback?code=again`));
  });

  it('listens on loopback only', async () => {
    const port = await freePort();
    const listener = listenForRedirect({ host: '127.0.0.1', port, path: '/cb', timeoutMs: 10_000, page });
    await listener.ready;
    const { networkInterfaces } = await import('node:os');
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      await assert.rejects(fetch(`http://${external.address}:${port}/cb?code=x`, { signal: AbortSignal.timeout(2000) }));
    }
    await fetch(`http://127.0.0.1:${port}/cb?state=done`);
    await listener.redirect;
  });

  it('times out, and says so', async () => {
    const port = await freePort();
    const listener = listenForRedirect({ host: '127.0.0.1', port, path: '/cb', timeoutMs: 50, page });
    await listener.ready;
    await assert.rejects(listener.redirect, (e: unknown) => e instanceof RedirectWaitError && e.reason === 'timeout');
  });

  it('can be cancelled, and frees the port', async () => {
    const port = await freePort();
    const controller = new AbortController();
    const listener = listenForRedirect({ host: '127.0.0.1', port, path: '/cb', timeoutMs: 10_000, page, signal: controller.signal });
    await listener.ready;
    controller.abort();
    await assert.rejects(listener.redirect, (e: unknown) => e instanceof RedirectWaitError && e.reason === 'cancelled');
    await new Promise((r) => setTimeout(r, 50));
    const again = listenForRedirect({ host: '127.0.0.1', port, path: '/cb', timeoutMs: 50, page });
    await again.ready;
    await assert.rejects(again.redirect, (e: unknown) => e instanceof RedirectWaitError && e.reason === 'timeout');
  });

  it('reports a port in use', async () => {
    const port = await freePort();
    const blocker = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const listener = listenForRedirect({ host: '127.0.0.1', port, path: '/cb', timeoutMs: 1000, page });
      await assert.rejects(listener.ready, (e: unknown) => e instanceof RedirectWaitError && e.reason === 'portInUse');
      await assert.rejects(listener.redirect, (e: unknown) => e instanceof RedirectWaitError && e.reason === 'portInUse');
    } finally {
      blocker.close();
    }
  });
});
