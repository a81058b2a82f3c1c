// UI suite: a web app built with Amplify v6 (test/fixtures/amplify-page, bundled with esbuild here) in real
// Chromium, served from one loopback port and talking to the local pool on another, so every call is
// cross-origin and needs the pool's CORS. It signs in with SRP, refreshes with rotation and signs out.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { CHROMIUM_ARGS } from '../../scripts/codeServerSession.mjs';
import { root } from '../../scripts/lib.mjs';
import { screenshot, screenshotOnFailure } from './workbench.mjs';

const require = createRequire(import.meta.url);
const PAGE = join(root, 'test', 'fixtures', 'amplify-page');
const PASSWORD = 'Browser-Passw0rd!';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Serves the page's HTML and CSS from its folder and the bundle from `bundleDir`, on a free loopback port. */
async function servePage(bundleDir) {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://page').pathname;
    const file = path === '/' ? 'index.html' : path.slice(1);
    if (!['index.html', 'page.css', 'app.js'].includes(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] });
    response.end(readFileSync(join(file === 'app.js' ? bundleDir : PAGE, file)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function stats(endpoint) {
  return (await fetch(`${endpoint}/_local/stats`)).json();
}

describe('a web app using Amplify v6 in Chromium against the local pool', function () {
  this.timeout(90_000);
  let pool;
  let poolId;
  let clientId;
  let site;
  let browser;
  let page;
  let bundleDir;

  before(async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    bundleDir = mkdtempSync(join(tmpdir(), 'cti-amplify-page-'));
    const { build } = await import('esbuild');
    await build({ entryPoints: [join(PAGE, 'app.ts')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(bundleDir, 'app.js'), logLevel: 'warning' });

    const { startPool } = require(join(root, 'out', 'test', 'fixtures', 'testPool.js'));
    pool = await startPool({
      seed: {
        userPools: [{
          key: 'web',
          name: 'amplify-browser',
          clients: [{
            key: 'web', ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'], EnableTokenRevocation: true,
            RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
          }],
          users: [{ username: 'browser-user', password: PASSWORD, attributes: { email: 'browser-user@example.com' } }],
        }],
      },
    });
    poolId = pool.seeded.userPools[0].id;
    clientId = pool.seeded.userPools[0].clients.web.clientId;
    site = await servePage(bundleDir);
    assert.notEqual(new URL(site.origin).port, new URL(pool.endpoint).port, 'the page and the pool are different origins');

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: process.env.CTI_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1000, height: 640 } });
    const query = new URLSearchParams({ endpoint: pool.endpoint, userPoolId: poolId, clientId });
    await page.goto(`${site.origin}/?${query}`);
    await page.locator('#pool-endpoint', { hasText: pool.endpoint }).waitFor();
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await site?.close();
    await pool?.stop();
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  afterEach(async function () {
    await screenshotOnFailure(page, this.currentTest);
  });

  /** Waits until the page's status line leaves "…ing…", and returns it. */
  async function settledStatus() {
    await page.waitForFunction(() => !/…$/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: 30_000 });
    return (await page.locator('#status').textContent()) ?? '';
  }
  const text = async (id) => ((await page.locator(`#${id}`).textContent()) ?? '').trim();

  /** What a failed step's status says, with the likeliest cause when the browser hid it. */
  const why = (status) => (/NetworkError/.test(status) ? `${status} (a browser hides a refused cross-origin call as a network error: the pool must answer CORS preflights, issue 8 item 6)` : status);

  async function signInOnPage() {
    await page.locator('#username').fill('browser-user');
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#sign-in-button').click();
    return settledStatus();
  }
  /** The later steps start from a signed-in page, signing in first when run alone. */
  async function ensureSignedIn() {
    if ((await text('user')) !== 'browser-user') {
      const status = await signInOnPage();
      assert.equal(status, 'Signed in as browser-user', `Amplify signIn (USER_SRP_AUTH) in Chromium: ${why(status)}`);
    }
  }

  it('signs in with SRP across origins (CORS preflight and responses)', async () => {
    const before = await stats(pool.endpoint);
    const status = await signInOnPage();
    await screenshot(page, 'amplify-browser-1-signed-in');
    assert.equal(status, 'Signed in as browser-user', `Amplify signIn (USER_SRP_AUTH) in Chromium: ${why(status)}`);
    const after = await stats(pool.endpoint);
    assert.equal((after.RespondToAuthChallenge ?? 0) - (before.RespondToAuthChallenge ?? 0), 1, 'SRP: one PASSWORD_VERIFIER answer');
    assert.equal(await text('user'), 'browser-user');
    assert.match(await text('refresh-fp'), /^[0-9a-f]{12}$/, 'the page holds a refresh token');
  });

  it('refreshes with rotation: fetchAuthSession({forceRefresh: true}) stores a new refresh token', async () => {
    await ensureSignedIn();
    const firstRefresh = await text('refresh-fp');
    const firstAccess = await text('access-fp');
    const before = await stats(pool.endpoint);
    await page.locator('#refresh-button').click();
    const status = await settledStatus();
    await screenshot(page, 'amplify-browser-2-refreshed');
    assert.match(status, /^Refreshed/, `Amplify fetchAuthSession({forceRefresh: true}) in Chromium: ${why(status)}`);
    const after = await stats(pool.endpoint);
    assert.equal((after.GetTokensFromRefreshToken ?? 0) - (before.GetTokensFromRefreshToken ?? 0), 1, 'Amplify refreshed with GetTokensFromRefreshToken');
    assert.match(await text('refresh-fp'), /^[0-9a-f]{12}$/, 'the page still holds a refresh token');
    assert.notEqual(await text('refresh-fp'), firstRefresh, 'the refresh token rotated');
    assert.notEqual(await text('access-fp'), firstAccess, 'a new access token');
  });

  it('signs out with RevokeToken, and the old refresh token is refused afterwards', async () => {
    await ensureSignedIn();
    const before = await stats(pool.endpoint);
    await page.locator('#sign-out-button').click();
    const status = await settledStatus();
    assert.equal(status, 'Signed out', `Amplify signOut in Chromium: ${why(status)}`);
    const after = await stats(pool.endpoint);
    await page.locator('#old-refresh-button').click();
    await page.locator('#old-refresh').filter({ hasNotText: '–' }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'amplify-browser-3-signed-out');
    assert.equal((after.RevokeToken ?? 0) - (before.RevokeToken ?? 0), 1, 'Amplify signOut sent RevokeToken (it does only when the tokens carry origin_jti: issue 8 item 5)');
    assert.equal(await text('refresh-fp'), '–', 'Amplify cleared its storage');
    assert.match(await text('old-refresh'), /^refused: NotAuthorizedException: Refresh Token has been revoked/, 'the signed-out refresh token, tried from the page');
  });
});
