// What a person does in the workbench, as Playwright steps: open a file, run a palette command, hover,
// look inside the inspector webview. Selectors are VS Code 1.100's (code-server 4.100.3).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openCodeServer } from '../../scripts/codeServerSession.mjs';
import { root } from '../../scripts/lib.mjs';

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

/** The host suite's local user pool (seeded clients and users), started on a free port for one UI suite. */
export function startUiPool() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { startTestPool } = createRequire(import.meta.url)(join(root, 'out', 'test', 'fixtures', 'testPool.js'));
  return startTestPool(root);
}

/** A fresh workspace folder holding `files` (name → text). */
export function workspaceFolder(prefix, files) {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/**
 * code-server with the packaged .vsix installed, a fresh browser on `folder`, and the workbench loaded.
 * `close()` stops both.
 */
export async function openWorkbench({ name, folder, settings }) {
  const session = await openCodeServer({
    name,
    folder,
    vsix: join(root, 'dist-vsix', 'cognito-token-inspector.vsix'),
    // 1.139 opens a Chat side bar by default; our screenshots are of the extension, so it stays closed.
    settings: { 'workbench.colorTheme': 'Default Light Modern', 'window.commandCenter': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'chat.disableAIFeatures': true, ...settings },
  });
  const browser = await launchBrowser(session.base);
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`${session.url}/?folder=${encodeURIComponent(folder)}`);
  await waitForWorkbench(page);
  return {
    session,
    page,
    close: async () => {
      await browser.close().catch(() => {});
      session.stop();
    },
  };
}

/** Saves a screenshot named after a failed test; use in afterEach. */
export async function screenshotOnFailure(page, test) {
  if (test?.state === 'failed' && page) {
    await screenshot(page, `failed-${test.title.replace(/[^a-z0-9]+/gi, '-')}`);
  }
}

export async function waitForWorkbench(page) {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.statusbar').waitFor({ timeout: 60_000 });
}

/** Opens a file the way a person does: a click in the Explorer (keyboard focus may be in a webview). */
export async function openFile(page, name) {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
  await page.locator(`.tab.active[data-resource-name="${name}"]`).first().waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/**
 * Runs a command from the palette by its title. The palette snapshots its list when it opens, so a
 * command registered a moment ago can be missing: close and reopen rather than sleep.
 */
export async function runCommand(page, title) {
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: 1500 });
      // Click the row we mean: Enter would run whichever row the fuzzy match put first.
      await row.click();
      return;
    } catch {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  throw new Error(`command "${title}" never appeared in the palette`);
}

/** The x of the `into`-th character of `text` inside a span (editor fonts are monospaced). */
async function textX(span, box, text, into) {
  const content = (await span.textContent().catch(() => '')) ?? '';
  const width = content.length > 0 ? box.width / content.length : 8;
  const index = Math.max(content.indexOf(text), 0);
  return box.x + (index + into + 0.5) * width;
}

/** Moves the mouse over visible text in the editor and waits for a hover containing `expect`. */
export async function hoverText(page, text, expect) {
  // Monaco draws each token of a line as a span with an mtk* colour class: aim at that one.
  const span = page.locator('.monaco-editor .view-line span[class^="mtk"]', { hasText: text }).first();
  const hover = page.locator('.monaco-hover:visible', { hasText: expect }).first();
  let box = null;
  for (let attempt = 0; attempt < 8; attempt++) {
    // Lines are redrawn when tokenization finishes, detaching the span we found: measure afresh each time.
    await span.waitFor();
    box = await span.boundingBox().catch(() => null);
    if (!box) {
      await page.waitForTimeout(300);
      continue;
    }
    const x = await textX(span, box, text, 6 + attempt);
    await page.mouse.move(x, box.y + box.height / 2, { steps: 4 });
    try {
      await hover.waitFor({ timeout: 2500 });
      return hover;
    } catch {
      await page.mouse.move(0, 0);
    }
  }
  const seen = await page.locator('.monaco-hover').allInnerTexts();
  throw new Error(`no hover with "${expect}" over "${text}" at ${JSON.stringify(box)}; hovers seen: ${JSON.stringify(seen).slice(0, 500)}`);
}

/** Clicks into visible token text, putting the cursor on it as a person would before running a command. */
export async function clickIntoText(page, text) {
  const span = page.locator('.monaco-editor .view-line span[class^="mtk"]', { hasText: text }).first();
  for (let attempt = 0; attempt < 8; attempt++) {
    await span.waitFor();
    const box = await span.boundingBox().catch(() => null);
    if (box) {
      await page.mouse.click(await textX(span, box, text, 6), box.y + box.height / 2);
      return;
    }
    await page.waitForTimeout(300);
  }
  throw new Error(`could not click into "${text}"`);
}

/** The inspector's page: webviews sit in an outer iframe, the content in an inner one. */
export function inspectorFrame(page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

/**
 * Clicks a token row's "Open Token in Inspector" as a person does. When the tree redraws under the pointer
 * (a background read of the app client lands), VS Code hands the command no row, and it asks which profile:
 * a person would close that and click again, so this does too.
 */
export async function openTokenFromTree(page, row) {
  const picker = page.locator('.quick-input-widget', { hasText: 'Choose a Cognito profile' });
  for (let attempt = 1; ; attempt++) {
    await row.hover();
    await row.locator('.action-label[aria-label="Open Token in Inspector"]').click();
    const outcome = await Promise.race([
      inspectorPageFrame(page).then((frame) => frame, () => undefined),
      picker.waitFor({ timeout: 15_000 }).then(() => 'picker', () => undefined),
    ]);
    if (outcome && outcome !== 'picker') return outcome;
    if (attempt === 3) throw new Error('the inspector did not open from the tree');
    await page.keyboard.press('Escape');
  }
}

/** The live Frame object of the inspector page, for evaluate(). */
export async function inspectorPageFrame(page) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame.name() === 'active-frame' || frame.url().includes('fake.html')) {
        const hasApp = await frame.locator('#app h1').count().catch(() => 0);
        if (hasApp > 0) return frame;
      }
    }
    await page.waitForTimeout(200);
  }
  throw new Error('the inspector page did not appear');
}

/**
 * Switches the colour theme through the palette, as a person does. Give the label both versions share
 * ('Dark Modern': VS Code 1.100 lists it as "Default Dark Modern", 1.139 as "Dark Modern").
 */
export async function setTheme(page, theme) {
  await runCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.fill(theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click();
  await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 20_000 });
}
