import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { freePort } from '../../local-cognito/upstream';
import { listenForRedirect, RedirectWaitError } from '../../src/oauth/loopbackRedirect';


const page = (query: URLSearchParams) => ({ title: 'Signed in', message: `state was ${query.get('state') ?? ''}` });
const refusedPage = { title: 'Not <yours>', message: 'keeps waiting' };
const base = { timeoutMs: 10_000, page, refusedPage, state: 'the-state' };

describe('loopback redirect listener', () => {
  it('answers one GET on the path with an escaped page and resolves with its query', async () => {
    const port = await freePort();
    const listener = listenForRedirect({ ...base, host: 'localhost', port, path: '/callback', state: '<script>' });
    await listener.ready;
    const other = await fetch(`http://127.0.0.1:${port}/elsewhere?code=x`);
    assert.equal(other.status, 400);
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

  it('refuses a forged redirect (wrong or missing state, other path or method) and keeps waiting for the real one', async () => {
    const port = await freePort();
    const listener = listenForRedirect({ ...base, host: 'localhost', port, path: '/cb' });
    await listener.ready;
    let settled = false;
    void listener.redirect.then(() => (settled = true), () => (settled = true));
    const forged = [
      fetch(`http://127.0.0.1:${port}/cb?code=x&state=wrong`),
      fetch(`http://127.0.0.1:${port}/cb?code=x`),
      fetch(`http://127.0.0.1:${port}/cb?code=x&state=the-stat`),
      fetch(`http://127.0.0.1:${port}/other?code=x&state=the-state`),
      fetch(`http://127.0.0.1:${port}/cb?code=x&state=the-state`, { method: 'POST' }),
    ];
    for (const response of await Promise.all(forged)) {
      assert.equal(response.status, 400);
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      const html = await response.text();
      assert.match(html, /Not &lt;yours&gt;/);
      assert.doesNotMatch(html, /<yours>/);
    }
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(settled, false, 'a forged request must not end the wait');
    const real = await fetch(`http://127.0.0.1:${port}/cb?code=real&state=the-state`);
    assert.equal(real.status, 200);
    assert.equal((await listener.redirect).get('code'), 'real');
  });

  it('listens on loopback only', async () => {
    const port = await freePort();
    const listener = listenForRedirect({ ...base, host: '127.0.0.1', port, path: '/cb', state: 'done' });
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
    const listener = listenForRedirect({ ...base, host: '127.0.0.1', port, path: '/cb', timeoutMs: 50 });
    await listener.ready;
    await assert.rejects(listener.redirect, (e: unknown) => e instanceof RedirectWaitError && e.reason === 'timeout');
  });

  it('can be cancelled, and frees the port', async () => {
    const port = await freePort();
    const controller = new AbortController();
    const listener = listenForRedirect({ ...base, host: '127.0.0.1', port, path: '/cb', signal: controller.signal });
    await listener.ready;
    controller.abort();
    await assert.rejects(listener.redirect, (e: unknown) => e instanceof RedirectWaitError && e.reason === 'cancelled');
    await new Promise((r) => setTimeout(r, 50));
    const again = listenForRedirect({ ...base, host: '127.0.0.1', port, path: '/cb', timeoutMs: 50 });
    await again.ready;
    await assert.rejects(again.redirect, (e: unknown) => e instanceof RedirectWaitError && e.reason === 'timeout');
  });

  it('reports a port in use', async () => {
    const port = await freePort();
    const blocker = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const listener = listenForRedirect({ ...base, host: '127.0.0.1', port, path: '/cb', timeoutMs: 1000 });
      await assert.rejects(listener.ready, (e: unknown) => e instanceof RedirectWaitError && e.reason === 'portInUse');
      await assert.rejects(listener.redirect, (e: unknown) => e instanceof RedirectWaitError && e.reason === 'portInUse');
    } finally {
      blocker.close();
    }
  });
});
