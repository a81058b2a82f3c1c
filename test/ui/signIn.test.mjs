// UI suite: a person adds a profile, signs in through the palette and input boxes, and sees the tree.
import * as assert from 'node:assert/strict';
import { inspectorFrame, inspectorPageFrame, openWorkbench, runCommand, screenshot, screenshotOnFailure, startUiPool, workspaceFolder } from './workbench.mjs';


describe('a person signing in to a user pool', function () {
  this.timeout(180_000);
  let testPool;
  let workbench;
  let page;

  before(async () => {
    testPool = await startUiPool();
    const folder = workspaceFolder('cti-ui-signin-', { 'notes.md': '# Notes\n' });
    workbench = await openWorkbench({ name: 'ui-signin', folder });
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
  async function answer(text, expectTitle) {
    if (expectTitle) await page.locator('.quick-input-widget', { hasText: expectTitle }).waitFor();
    await quickInput().fill(text);
    await page.keyboard.press('Enter');
  }

  it('opens the Cognito view and sees the welcome', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Cognito Tokens"]').click();
    await page.locator('.welcome-view-content', { hasText: 'No Cognito profile yet' }).waitFor();
    await screenshot(page, '10-tree-welcome');
  });

  it('adds a profile by pasting the pool\'s issuer URL', async () => {
    const { description } = testPool;
    await runCommand(page, 'Cognito: Add Profile');
    await answer(`${description.endpoint}/${description.poolId}`, 'Add Cognito profile (1/6)');
    await answer('local-demo', 'Add Cognito profile (2/6)');
    await answer(description.clients.rotating.clientId, 'Add Cognito profile (5/6)');
    await page.locator('.quick-input-widget', { hasText: 'Add Cognito profile (6/6)' }).waitFor();
    assert.equal(await quickInput().inputValue(), description.endpoint, 'the endpoint was read from the issuer URL');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'USER_SRP_AUTH' }).first().click();
    await page.locator('.monaco-list-row', { hasText: 'local-demo' }).first().waitFor();
  });

  it('signs in through the palette and input boxes, and sees the tokens in the tree', async () => {
    await runCommand(page, 'Cognito: Sign In');
    await answer(testPool.description.users.demo, 'Sign in to local-demo');
    await page.locator('.quick-input-widget input[type="password"]').waitFor();
    await screenshot(page, '11-password-box');
    await answer(testPool.description.users.password, 'Sign in to local-demo');
    const tree = page.locator('.pane-body .monaco-list');
    await tree.locator('.monaco-list-row', { hasText: 'signed in as demo' }).waitFor({ timeout: 30_000 });
    for (const label of ['ID token', 'Access token', 'Refresh token']) {
      await tree.locator('.monaco-list-row', { hasText: label }).waitFor();
    }
    assert.match(await tree.locator('.monaco-list-row', { hasText: 'Access token' }).innerText(), /expires in [45] min/);
    assert.match(await tree.locator('.monaco-list-row', { hasText: 'Refresh token' }).innerText(), /encrypted · expires in 30 d/);
    await tree.locator('.monaco-list-row', { hasText: 'ID token' }).click();
    await tree.locator('.monaco-list-row', { hasText: 'cognito:username' }).waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, '12-tree-signed-in');
  });

  it('opens the ID token from the tree in the inspector, verified against the pool\'s keys', async () => {
    const row = page.locator('.pane-body .monaco-list-row', { hasText: 'ID token' });
    await row.hover();
    await row.locator('.action-label[aria-label="Open Token in Inspector"]').click();
    const frame = await inspectorPageFrame(page);
    await frame.locator('.verify-verified').waitFor({ timeout: 20_000 });
    assert.match(await frame.locator('.verify-result').innerText(), /aud matches app client/);
    assert.equal(await frame.locator('#profile-pool').innerText(), 'The issuer is this profile\'s user pool.');
    await page.mouse.move(0, 0);
    await screenshot(page, '13-stored-token-verified');
  });

  it('refreshes from the tree and the status bar, and sees three rotations in the inspector\'s timeline', async () => {
    // The inspector from the previous step stays open and follows the profile's refreshes.
    // It reloads its page for each new token, so locate through the frames afresh each time.
    const timeline = async () => inspectorFrame(page).locator('.timeline > li');
    const profileRow = page.locator('.pane-body .monaco-list-row', { hasText: 'local-demo' }).first();
    for (let i = 0; i < 2; i++) {
      await profileRow.hover();
      await profileRow.locator('.action-label[aria-label="Refresh Tokens"]').click();
      await (await timeline()).nth(i).waitFor({ timeout: 20_000 });
    }
    const status = page.locator('.statusbar-item[id$="cognitoTokens.status"]');
    assert.match(await status.innerText(), /local-demo · [45] min/);
    await status.click();
    await (await timeline()).nth(2).waitFor({ timeout: 20_000 });
    const frame = inspectorFrame(page);
    assert.equal(await frame.locator('.timeline > li.rotated').count(), 3);
    assert.match(await frame.locator('.timeline').innerText(), /GetTokensFromRefreshToken: rotated/);
    assert.match(await frame.locator('.timeline').innerText(), /rotation never extends it/);
    await page.mouse.move(0, 0);
    await screenshot(page, '14-rotation-timeline');
  });

  it('signs out everywhere after confirming, and the tree shows the profile signed out', async () => {
    await runCommand(page, 'Cognito: Sign Out Everywhere (Global Sign-Out)');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /ID tokens stay valid offline until they expire/);
    await screenshot(page, '15-global-sign-out-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Sign Out Everywhere' }).click();
    await page.locator('.pane-body .monaco-list-row', { hasText: 'signed out' }).waitFor({ timeout: 20_000 });
    await screenshot(page, '16-signed-out');
  });
});
