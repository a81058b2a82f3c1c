// UI suite: a person signs in through managed login. The extension opens the pool's authorize page in the
// browser (code-server's openExternal opens a new tab), the person fills the pool's form, the redirect
// reaches the extension's loopback listener, and the tree shows the tokens; then refresh and sign-out.
import * as assert from 'node:assert/strict';
import { inspectorFrame, openWorkbench, runCommand, screenshot, screenshotOnFailure, startUiPool, workspaceFolder } from './workbench.mjs';


describe('a person signing in through managed login', function () {
  this.timeout(180_000);
  let testPool;
  let workbench;
  let page;
  let browserTab;

  before(async () => {
    testPool = await startUiPool();
    const { description } = testPool;
    const folder = workspaceFolder('cti-ui-managed-', { 'notes.md': '# Notes\n' });
    const base = (name, client, authFlow, extra) => ({ name, region: 'local', userPoolId: description.poolId, clientId: description.clients[client].clientId, endpoint: description.endpoint, authFlow, ...extra });
    workbench = await openWorkbench({
      name: 'ui-managed-login',
      folder,
      settings: {
        'cognitoTokens.profiles': [
          base('hosted', 'managed', 'MANAGED_LOGIN', { domain: description.endpoint, scopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'], redirectUri: 'http://localhost:45678/callback' }),
          base('machine', 'm2m', 'CLIENT_CREDENTIALS', { domain: description.endpoint, scopes: ['demo-api/read'] }),
        ],
      },
    });
    page = workbench.page;
  });

  after(async () => {
    await workbench?.close();
    await testPool?.pool.stop();
  });

  afterEach(async function () {
    await screenshotOnFailure(page, this.currentTest);
    if (this.currentTest?.state === 'failed' && browserTab && !browserTab.isClosed()) await screenshot(browserTab, `failed-browser-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-')}`);
  });

  const tree = () => page.locator('.pane-body .monaco-list');
  const row = (text) => tree().locator('.monaco-list-row', { hasText: text });

  it('opens the pool\'s sign-in page in the browser, and the tree shows the tokens after the redirect', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Cognito Tokens"]').click();
    await row('hosted').first().waitFor();
    const opened = page.context().waitForEvent('page', { timeout: 30_000 });
    await runCommand(page, 'Cognito: Sign In');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'hosted' }).first().click();
    browserTab = await opened;
    await browserTab.waitForLoadState('domcontentloaded');
    const url = new URL(browserTab.url());
    // code-server may route a loopback URL through its own port forwarding; either way it is the pool's form.
    assert.match(url.pathname, /\/oauth2\/authorize$/, url.href);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('redirect_uri'), 'http://localhost:45678/callback');
    await page.locator('.notifications-toasts', { hasText: 'Waiting for sign-in to hosted in your browser' }).waitFor();
    await screenshot(page, '40-waiting-for-browser');

    await browserTab.locator('input[name="username"]').fill(testPool.description.users.demo);
    await browserTab.locator('input[name="password"]').fill(testPool.description.users.password);
    await screenshot(browserTab, '41-pool-sign-in-page');
    await browserTab.locator('button[type="submit"]').click();
    await browserTab.waitForURL(/localhost:45678\/callback/);
    await browserTab.locator('h1', { hasText: 'Signed in' }).waitFor();
    assert.doesNotMatch(await browserTab.content(), /<script/i, 'the redirect page runs nothing');
    await screenshot(browserTab, '42-redirect-page');

    await row('signed in as demo').waitFor({ timeout: 30_000 });
    for (const label of ['ID token', 'Access token', 'Refresh token']) await row(label).first().waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, '43-tree-after-managed-login');
  });

  it('refreshes at the token endpoint with rotation, shown in the inspector\'s timeline', async () => {
    const access = row('Access token').first();
    await access.hover();
    await access.locator('.action-label[aria-label="Open Token in Inspector"]').click();
    const timeline = () => inspectorFrame(page).locator('.timeline > li');
    const profileRow = row('hosted').first();
    for (let i = 0; i < 2; i++) {
      await profileRow.hover();
      await profileRow.locator('.action-label[aria-label="Refresh Tokens"]').click();
      await timeline().nth(i).waitFor({ timeout: 20_000 });
    }
    const text = await inspectorFrame(page).locator('.timeline').innerText();
    assert.match(text, /Token endpoint \(refresh_token grant\): rotated/);
    assert.equal(await inspectorFrame(page).locator('.timeline > li.rotated').count(), 2);
    await page.mouse.move(0, 0);
    await screenshot(page, '44-token-endpoint-rotation');
  });

  it('signs out: revokes at the domain and offers to end the browser session', async () => {
    await runCommand(page, 'Cognito: Sign Out (Revoke Token)');
    // Two profiles: the picker asks which.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'hosted' }).first().click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    await dialog.locator('.monaco-button', { hasText: /^Sign Out$/ }).click();
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Signed out of hosted' });
    await toast.waitFor({ timeout: 20_000 });
    assert.match(await toast.innerText(), /End Browser Session/);
    await row('signed out').first().waitFor({ timeout: 20_000 });
    await page.mouse.move(0, 0);
    await screenshot(page, '45-signed-out-offer-logout');
  });
});
