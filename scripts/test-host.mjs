// Host suite: the mocha tests in test/host run inside a real VS Code extension host (code-server),
// with this repository loaded as the development extension, as @vscode/test-electron would do.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentUrl, launchBrowser, openCodeServer } from './codeServerSession.mjs';
import { compileTests, printCounts, root, run } from './lib.mjs';

const TIMEOUT_MS = 5 * 60_000;
const require = createRequire(import.meta.url);

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
compileTests();
run('npm', ['run', '--silent', 'build']);
// The suite's own local user pool, on a free port (cognito-local + our rotation layer).
const { startTestPool } = require(join(root, 'out', 'test', 'fixtures', 'hostPool.js'));
const testPool = await startTestPool(root);
const folder = mkdtempSync(join(tmpdir(), 'cti-host-workspace-'));
const resultsFile = join(mkdtempSync(join(tmpdir(), 'cti-host-results-')), 'results.json');
let session;
let browser;
let code = 1;
try {
  session = await openCodeServer({ name: 'host', folder, env: { CTI_TEST_RESULTS: resultsFile, CTI_TEST_POOL: JSON.stringify(testPool.description) } });
  browser = await launchBrowser(session.base);
  const page = browser.pages()[0] ?? (await browser.newPage());
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationExit', (exitCode) => finish(exitCode));
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    if (process.env.CTI_VERBOSE) console.log('[host]', ...args);
  });
  await page.goto(developmentUrl(session.port, folder, join(root, 'out/test/host/index')));
  const exitCode = await Promise.race([finished, new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS))]);
  if (exitCode === 'timeout') console.error(`host suite did not finish within ${TIMEOUT_MS / 1000} s (code-server log: ${session.logFile})`);
  if (existsSync(resultsFile)) {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    console.log(results.lines.join('\n'));
    printCounts('host', results.passed, results.failed);
    code = results.failed === 0 && results.passed > 0 && exitCode === 0 ? 0 : 1;
  } else {
    console.error(`host suite wrote no results (exit ${exitCode}); code-server log: ${session.logFile}`);
    printCounts('host', 0, 1);
  }
} catch (error) {
  console.error('host suite could not run:', error);
  printCounts('host', 0, 1);
} finally {
  await browser?.close().catch(() => {});
  session?.stop();
  await testPool.pool.stop();
}
process.exit(code);
