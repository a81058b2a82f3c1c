// UI suite: a person exchanges their session's token for one audience with a machine-to-machine profile acting
// for them, sees the derived token under the session, and reads its act chain in the inspector (issue 16).
import * as assert from 'node:assert/strict';
import { inspectorFrame, openWorkbench, runCommand, screenshot, screenshotOnFailure, startUiPool, workspaceFolder } from './workbench.mjs';

describe('a person exchanging a token for an agent', function () {
  this.timeout(180_000);
  let testPool;
  let workbench;
  let page;

  before(async () => {
    testPool = await startUiPool();
    const { description } = testPool;
    const base = (name, client, authFlow, extra = {}) => ({ name, region: 'local', userPoolId: description.poolId, clientId: description.clients[client].clientId, endpoint: description.endpoint, authFlow, ...extra });
    const folder = workspaceFolder('cti-ui-exchange-', { 'notes.md': '# Notes\n' });
    workbench = await openWorkbench({
      name: 'ui-exchange',
      folder,
      settings: {
        'cognitoTokens.profiles': [
          base('agent-user', 'agent', 'USER_PASSWORD_AUTH'),
          base('mcp-server', 'm2m', 'CLIENT_CREDENTIALS', { domain: description.endpoint, scopes: ['demo-api/read'] }),
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
  });

  const quickInput = () => page.locator('.quick-input-widget input');
  const pick = (text) => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().click();
  async function answer(text, expectTitle) {
    if (expectTitle) await page.locator('.quick-input-widget', { hasText: expectTitle }).waitFor();
    await quickInput().fill(text);
    await page.keyboard.press('Enter');
  }
  const tree = () => page.locator('.pane-body .monaco-list');
  const row = (text) => tree().locator('.monaco-list-row', { hasText: text }).first();

  it('signs in the user and the machine-to-machine profile that will act for them', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Cognito Tokens"]').click();
    await row('mcp-server').waitFor();
    await runCommand(page, 'Cognito: Set Client Secret');
    await pick('mcp-server');
    await answer(testPool.description.clients.m2m.clientSecret, 'Client secret for mcp-server');
    await runCommand(page, 'Cognito: Sign In');
    await pick('mcp-server');
    await row('machine-to-machine token').waitFor({ timeout: 30_000 });
    await runCommand(page, 'Cognito: Sign In');
    await pick('agent-user');
    await answer(testPool.description.users.demo, 'Sign in to agent-user');
    await page.locator('.quick-input-widget input[type="password"]').waitFor();
    await answer(testPool.description.users.password, 'Sign in to agent-user');
    await row('signed in as demo').waitFor({ timeout: 30_000 });
  });

  it('exchanges the token for orders-api with mcp-server acting, and sees the derived token under the session', async () => {
    await runCommand(page, 'Cognito: Exchange Token');
    await pick('agent-user');
    await answer('orders-api', 'Exchange token for agent-user');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'No acting party' }).first().waitFor();
    await pick('mcp-server');
    const derived = row('Derived token');
    await derived.waitFor({ timeout: 30_000 });
    assert.match(await derived.innerText(), /orders-api/);
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page.mouse.move(0, 0);
    await screenshot(page, '25-derived-token-in-tree');
  });

  it('opens the derived token in the inspector and reads who acts for the user', async () => {
    await row('Derived token').click();
    const frame = inspectorFrame(page);
    const act = frame.locator('tr', { hasText: 'Acting now' }).first();
    await act.waitFor({ timeout: 20_000 });
    assert.match(await act.innerText(), /Acting now: /);
    const aud = frame.locator('tr', { hasText: 'orders-api' }).first();
    assert.match(await aud.innerText(), /bound to/);
    await act.scrollIntoViewIfNeeded();
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page.mouse.move(0, 0);
    await screenshot(page, '26-derived-token-act-chain');
  });
});
