// UI suite: a person uses the packaged extension in a real VS Code (code-server) in a real browser.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startJwksServer } from '../../out/test/fixtures/jwksServer.js';
import { accessTokenClaims, createSigningKey, idTokenClaims, signJwt, unsignedJwt } from '../../out/test/fixtures/tokenFactory.js';
import { clickIntoText, hoverText, inspectorFrame, inspectorPageFrame, openFile, openWorkbench, runCommand, screenshot, screenshotOnFailure, setTheme } from './workbench.mjs';

describe('a person inspecting tokens in VS Code', function () {
  this.timeout(120_000);
  const key = createSigningKey('ui-key');
  const now = Math.floor(Date.now() / 1000);
  let jwks;
  let workbench;
  let page;

  before(async () => {
    jwks = await startJwksServer([key]);
    const folder = mkdtempSync(join(tmpdir(), 'cti-ui-workspace-'));
    const id = signJwt(idTokenClaims(now, { iss: jwks.issuer }), key);
    const access = signJwt(accessTokenClaims(now, { iss: jwks.issuer, exp: now + 42 * 60 }), key);
    writeFileSync(join(folder, 'session.json'), `${JSON.stringify({ idToken: id, accessToken: access }, null, 2)}\n`);
    const hostile = unsignedJwt({
      sub: '<img src=x onerror="document.body.dataset.pwned=1">',
      name: '<script>document.body.dataset.pwned=2</script>',
      token_use: 'id',
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Hostile1',
      exp: 'soon',
    });
    writeFileSync(join(folder, 'hostile.txt'), `${hostile}\n`);
    writeFileSync(join(folder, 'notes.md'), '# Notes\n\nNo token here.\n');
    workbench = await openWorkbench({ name: 'ui', folder, settings: { 'editor.hover.delay': 200 } });
    page = workbench.page;
  });

  after(async () => {
    await workbench?.close();
    await jwks?.close();
  });

  afterEach(async function () {
    await screenshotOnFailure(page, this.currentTest);
  });

  it('hovers a token in a JSON file and sees its claims explained', async () => {
    await openFile(page, 'session.json');
    const hover = await hoverText(page, 'eyJ', 'Cognito ID token');
    const text = await hover.innerText();
    assert.match(text, /山田 太郎/);
    // Minted for 60 minutes when the suite started; how long the workbench took to open is the machine's business.
    assert.match(text, /expires in ([1-5]?\d|60) min/);
    assert.match(text, /User pool ap-northeast-1_LocalTest1/);
    await screenshot(page, '01-hover-light');
  });

  it('opens the inspector from the hover link and sees the claims table', async () => {
    const hover = page.locator('.monaco-hover:visible').first();
    await hover.locator('a', { hasText: 'Open in inspector' }).click();
    const frame = inspectorFrame(page);
    await frame.locator('#payload-table tr[data-claim="name"]').waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('#payload-table tr[data-claim="name"] .claim-value code').innerText(), '山田 太郎');
    assert.match(await frame.locator('#expiry-status').innerText(), /expires in/);
    assert.match(await frame.locator('.verify-result').innerText(), /not checked/i);
    await page.mouse.move(0, 0);
    await screenshot(page, '02-inspector-light');
  });

  it('is asked to trust an unknown issuer, sees it exactly, trusts it: the signature is valid, but the pool is not one of theirs', async () => {
    const frame = inspectorFrame(page);
    await frame.locator('#verify').click();
    await frame.locator('#confirm-issuer').waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('#confirm-issuer-text').innerText(), jwks.issuer);
    assert.equal(jwks.requests(), 0, 'nothing fetched before the user trusts the issuer');
    await page.mouse.move(0, 0);
    await screenshot(page, '03a-confirm-issuer');
    await frame.locator('#confirm-issuer').click();
    // No profile of the user's has this pool: a valid signature proves only that its owner signed it.
    await frame.locator('.verify-notYourPool').waitFor({ timeout: 20_000 });
    assert.equal(jwks.requests(), 1);
    assert.match(await frame.locator('.keys-from').innerText(), /an issuer you trusted/);
    const result = await frame.locator('.verify-result').innerText();
    assert.match(result, /Signature valid, issued by .* which is not one of your profiles' user pools/);
    assert.match(result, /audience: Not checked/);
    assert.doesNotMatch(result, /Verified/);
    await page.mouse.move(0, 0);
    await screenshot(page, '03b-signature-valid-not-your-pool');
    await frame.locator('#toggle-raw').click();
    await frame.locator('#raw pre').first().waitFor();
    await screenshot(page, '03-verified-raw-json');
  });

  it('decodes a hostile token from the palette: its claims stay text and nothing runs', async () => {
    await openFile(page, 'hostile.txt');
    await runCommand(page, 'Cognito: Decode JWT');
    const frame = await inspectorPageFrame(page);
    await frame.locator('#payload-table tr[data-claim="sub"]').waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('#payload-table tr[data-claim="sub"] code').innerText(), '<img src=x onerror="document.body.dataset.pwned=1">');
    assert.equal(await frame.locator('#app img, #app script').count(), 0, 'no element was created from claim text');
    assert.equal(await frame.evaluate(() => document.body.dataset.pwned ?? 'clean'), 'clean');
    assert.match(await frame.locator('.problems').innerText(), /exp should be a number/);
    assert.match(await frame.locator('#expiry-status').innerText(), /expiry unknown/);
    await frame.locator('#payload-table').scrollIntoViewIfNeeded();
    await screenshot(page, '04-hostile-claims');
  });

  it('pastes a token with "Bearer " into the input box when nothing else holds one', async () => {
    await openFile(page, 'notes.md');
    await runCommand(page, 'Cognito: Decode JWT');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln');
    await page.locator('.quick-input-message', { hasText: 'not valid JSON' }).waitFor();
    await screenshot(page, '05-input-box-explains');
    const access = unsignedJwt(accessTokenClaims(now));
    await input.fill(`Bearer ${access}`);
    await page.keyboard.press('Enter');
    const frame = inspectorFrame(page);
    await frame.locator('h1', { hasText: 'Cognito access token' }).waitFor({ timeout: 20_000 });
  });

  it('reads well in a dark theme', async () => {
    await openFile(page, 'session.json');
    await clickIntoText(page, 'eyJ');
    await runCommand(page, 'Cognito: Decode JWT');
    await setTheme(page, 'Dark Modern');
    const frame = await inspectorPageFrame(page);
    await frame.locator('#payload-table').waitFor();
    const background = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 200, `dark background, got ${background}`);
    await page.mouse.move(0, 0);
    await screenshot(page, '06-inspector-dark');
    const editorTab = page.locator('.tab', { hasText: 'session.json' }).first();
    await editorTab.click();
    await hoverText(page, 'eyJ', 'Cognito');
    await screenshot(page, '07-hover-dark');
  });
});
