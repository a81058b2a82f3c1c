// UI suite: a person reads a profile's pool and app client, its preflight findings, and one picture of the
// session's time after three rotations, in light and dark themes.
import * as assert from 'node:assert/strict';
import { inspectorFrame, inspectorPageFrame, openTokenFromTree, openWorkbench, runCommand, screenshot, screenshotOnFailure, setTheme, startUiPool, workspaceFolder } from './workbench.mjs';

describe('a person reading the pool and app client, and the session\'s time', function () {
  this.timeout(180_000);
  let testPool;
  let workbench;
  let page;

  before(async () => {
    testPool = await startUiPool();
    const { description } = testPool;
    const profile = (name, client) => ({ name, region: 'local', userPoolId: description.poolId, clientId: description.clients[client].clientId, endpoint: description.endpoint, authFlow: 'USER_PASSWORD_AUTH' });
    const folder = workspaceFolder('cti-ui-appclient-', { 'notes.md': '# Notes\n' });
    workbench = await openWorkbench({
      name: 'ui-appclient',
      folder,
      // A margin of 5 minutes against the rotating client's 5-minute access tokens: one warning to read.
      settings: { 'cognitoTokens.profiles': [profile('demo-rotating', 'rotating'), profile('demo-with-secret', 'secret')], 'cognitoTokens.autoRefreshMarginSeconds': 300 },
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

  const tree = () => page.locator('.pane-body .monaco-list');
  const row = (text) => tree().locator('.monaco-list-row', { hasText: text }).first();

  it('expands a profile and sees "Pool and app client" with a finding in plain words', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Cognito Tokens"]').click();
    await row('demo-with-secret').click();
    // Both profiles' nodes: the second one opened last, so it is the last "Pool and app client".
    const node = tree().locator('.monaco-list-row', { hasText: 'Pool and app client' }).last();
    await node.waitFor({ timeout: 20_000 });
    assert.match(await node.innerText(), /1 errors/);
    await node.click();
    await row('Unable to verify secret hash').waitFor({ timeout: 20_000 });
    await row('Refresh-token rotation').waitFor();
    assert.match(await row('Client secrets').innerText(), /1 \(values never shown\)/);
    await page.mouse.move(0, 0);
    await screenshot(page, '20-app-client-node-light');
  });

  it('signs in, opens the ID token, refreshes three times: the timeline updates with each rotation', async () => {
    await runCommand(page, 'Cognito: Sign In');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'demo-rotating' }).first().click();
    const input = page.locator('.quick-input-widget input');
    await input.fill(testPool.description.users.demo);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[type="password"]').waitFor();
    await input.fill(testPool.description.users.password);
    await page.keyboard.press('Enter');
    // Collapse the other profile; "ID token validity" also contains "ID token", so match the token's row by its expiry.
    await row('demo-with-secret').click();
    const idRow = tree().locator('.monaco-list-row', { hasText: /ID token\s*expires/ }).first();
    await idRow.waitFor({ timeout: 30_000 });
    const first = await openTokenFromTree(page, idRow);
    await first.locator('#session-time svg').waitFor({ timeout: 20_000 });
    const profileRow = row('demo-rotating');
    for (let i = 1; i <= 3; i++) {
      await profileRow.hover();
      await profileRow.locator('.action-label[aria-label="Refresh Tokens"]').click();
      // The page reloads for each new token: locate afresh, and wait for this rotation's mark.
      await inspectorFrame(page).locator('#session-time .mark.rotated').nth(i - 1).waitFor({ state: 'attached', timeout: 20_000 });
    }
    const frame = inspectorFrame(page);
    assert.equal(await frame.locator('#session-time .mark.rotated').count(), 3);
    assert.equal(await frame.locator('#session-time .grace').count(), 3);
    assert.equal(await frame.locator('#session-time .bar-access').count(), 4, 'four generations of access tokens');
    const facts = await frame.locator('#timeline-facts').evaluate((list) => list.textContent);
    assert.match(facts, /rotation never moves it/);
    assert.equal((facts.match(/Rotation at/g) ?? []).length, 3);
  });

  it('reads the findings and the timeline in the light theme', async () => {
    const frame = inspectorFrame(page);
    await frame.locator('#app-findings .finding-warning').waitFor({ timeout: 20_000 });
    assert.match(await frame.locator('#app-findings').innerText(), /auto-refresh margin of 300 s/);
    await frame.locator('#app-findings').scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await screenshot(page, '21-app-client-findings-and-timeline-light');
    await frame.locator('#zoom-session').click();
    await inspectorFrame(page).locator('#zoom-session[aria-pressed="true"]').waitFor();
    assert.equal(await inspectorFrame(page).locator('#session-time .wall').count(), 1, 'the whole session ends at its wall');
    await screenshot(page, '22-session-timeline-whole-session-light');
    await inspectorFrame(page).locator('#zoom-hour').click();
    await inspectorFrame(page).locator('#app-client dl').scrollIntoViewIfNeeded();
    await screenshot(page, '23-app-client-settings-light');
  });

  it('reads the same in a dark theme', async () => {
    await setTheme(page, 'Dark Modern');
    const frame = await inspectorPageFrame(page);
    await frame.locator('#session-time svg').waitFor();
    const background = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 200, `dark background, got ${background}`);
    // The node too: the signed-in profile's "Pool and app client", opened.
    await tree().locator('.monaco-list-row', { hasText: 'Pool and app client' }).first().click();
    await row('Feature plan').waitFor({ timeout: 20_000 });
    await inspectorFrame(page).locator('#app-findings').scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await screenshot(page, '24-app-client-findings-and-timeline-dark');
  });
});
