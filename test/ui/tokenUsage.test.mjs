// UI suite: a person with a stale token in a file sees it marked expired and replaces it with the current one.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { unsignedJwt } from '../../out/test/fixtures/tokenFactory.js';
import { clickIntoText, openFile, openWorkbench, runCommand, screenshot, screenshotOnFailure, startUiPool, workspaceFolder } from './workbench.mjs';

const fingerprint = (token) => createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 12);

describe('a person with stale tokens in a file', function () {
  this.timeout(180_000);
  let testPool;
  let workbench;
  let page;
  let folder;
  let staleFingerprint;

  before(async () => {
    testPool = await startUiPool();
    const { endpoint, poolId, clients, users } = testPool.description;
    // A token of the same pool and app client, from an earlier sign-in: what a file typically holds.
    const sdk = new CognitoIdentityProviderClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const signedIn = await sdk.send(new InitiateAuthCommand({ ClientId: clients.rotating.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: users.demo, PASSWORD: users.password } }));
    sdk.destroy();
    const stale = signedIn.AuthenticationResult.AccessToken;
    staleFingerprint = fingerprint(stale);
    const now = Math.floor(Date.now() / 1000);
    const expired = unsignedJwt({ sub: 'fixture-user', role: 'tester', iat: now - 3 * 3600, exp: now - 2 * 3600 });
    folder = workspaceFolder('cti-ui-usage-', { 'request.http': `GET ${endpoint}/items\nAuthorization: Bearer ${stale}\n\n### fixture\nX-Fixture-Token: ${expired}\n` });
    const profile = { name: 'local-demo', region: 'local', userPoolId: poolId, clientId: clients.rotating.clientId, endpoint, authFlow: 'USER_PASSWORD_AUTH' };
    workbench = await openWorkbench({ name: 'ui-usage', folder, settings: { 'cognitoTokens.profiles': [profile], 'editor.wordWrap': 'on' } });
    page = workbench.page;
  });

  after(async () => {
    await workbench?.close();
    await testPool?.pool.stop();
  });

  afterEach(async function () {
    await screenshotOnFailure(page, this.currentTest);
  });

  it('signs in, sees the expired token marked, and replaces the stale one from the light bulb', async () => {
    await runCommand(page, 'Cognito: Sign In');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'Sign in to local-demo' }).waitFor();
    await input.fill(testPool.description.users.demo);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input[type="password"]').waitFor();
    await input.fill(testPool.description.users.password);
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item[id$="cognitoTokens.status"]', { hasText: 'local-demo' }).waitFor({ timeout: 30_000 });

    await openFile(page, 'request.http');
    // The inline note: decoration text is CSS ::after content, not DOM text, so ask the computed styles.
    await page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor .view-lines span')].some((el) => getComputedStyle(el, '::after').content.includes('expired 2 h ago')), undefined, { timeout: 15_000 });
    // A fresh 5-minute token is not "expiring" (under a fifth of its lifetime, or 5 min, whichever is shorter).
    const status = page.locator('.statusbar-item[id$="cognitoTokens.status"]');
    assert.equal(await status.locator('.codicon-key').count(), 1, 'the key icon, not a warning, on a fresh token');

    await clickIntoText(page, 'Bearer');
    await page.keyboard.press('End');
    await page.keyboard.press('Control+.');
    // 1.139 adds an (empty) submenu panel that is also an .action-widget: the menu is the first one.
    const menu = page.locator('.action-widget').first();
    await menu.locator('.action-item, .monaco-list-row', { hasText: 'Replace with the current token from local-demo' }).first().waitFor({ timeout: 15_000 });
    assert.match(await menu.innerText(), /Replace with a fresh token from local-demo/);
    await screenshot(page, '20-token-in-file-actions');

    // The first entry is focused; Enter picks it (the menu's pointer block swallows clicks in this build).
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+s');
    const deadline = Date.now() + 15_000;
    let line = '';
    while (Date.now() < deadline) {
      line = readFileSync(join(folder, 'request.http'), 'utf8').split('\n')[1];
      if (fingerprint(line.slice('Authorization: Bearer '.length)) !== staleFingerprint) break;
      await page.waitForTimeout(300);
    }
    assert.notEqual(fingerprint(line.slice('Authorization: Bearer '.length)), staleFingerprint, 'the stale token was replaced');
    assert.match(line, /^Authorization: Bearer eyJ/);
  });

});
