// Host suite: the mocha tests in test/host run inside a real VS Code extension host (code-server),
// with this repository loaded as the development extension, as @vscode/test-electron would do.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentUrl, launchBrowser, openCodeServer } from './codeServerSession.mjs';
import { codeServerInfo, compileTests, ensureCodeServer, printCounts, root, run } from './lib.mjs';

const TIMEOUT_MS = 5 * 60_000;
const require = createRequire(import.meta.url);

// Without --oldest: the current VS Code (ensure-code-server.sh's default, code-server 4.139.1 = VS Code 1.139).
// --oldest: the same suite on the oldest VS Code that package.json's engines.vscode claims. code-server
// 4.90.3 is VS Code 1.90; the check below fails the run if the two ever drift apart.
const OLDEST_CODE_SERVER = '4.90.3';
const oldest = process.argv.includes('--oldest');
const suiteName = oldest ? 'hostOldest' : 'host';
if (oldest) process.env.CTI_CODE_SERVER_VERSION = OLDEST_CODE_SERVER;
const versions = codeServerInfo(ensureCodeServer());
if (oldest) {
  const claimed = /^\^(\d+\.\d+)\./.exec(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.vscode)?.[1];
  if (!claimed || !versions.vscode.startsWith(`${claimed}.`)) {
    console.error(`engines.vscode claims ^${claimed}, but code-server ${OLDEST_CODE_SERVER} is VS Code ${versions.vscode}: update OLDEST_CODE_SERVER`);
    printCounts(suiteName, 0, 1);
    process.exit(1);
  }
}
console.log(`host suite on code-server ${versions.codeServer} (VS Code ${versions.vscode})${oldest ? ', the oldest engines.vscode claims' : ''}`);

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
compileTests();
run('npm', ['run', '--silent', 'build']);
// The suite's own local user pool, on a free port (cognito-local + our rotation layer).
const { startTestPool } = require(join(root, 'out', 'test', 'fixtures', 'testPool.js'));
const testPool = await startTestPool(root);
const EMPTY_TASKS = { version: '2.0.0', tasks: [] };
const folder = mkdtempSync(join(tmpdir(), 'cti-host-workspace-'));
// An existing .vscode/settings.json: VS Code watches a file it opened more reliably than a folder that appears
// later (the security suite rewrites it, as a cloned repository would carry it).
mkdirSync(join(folder, '.vscode'));
writeFileSync(join(folder, '.vscode', 'settings.json'), '{}\n');
// The same for tasks.json: suites that run tasks rewrite it and put it back empty, never delete the folder (VS Code
// 1.90 does not see a tasks.json in a .vscode folder deleted and made again in the same window).
writeFileSync(join(folder, '.vscode', 'tasks.json'), `${JSON.stringify(EMPTY_TASKS)}\n`);
const resultsFile = join(mkdtempSync(join(tmpdir(), 'cti-host-results-')), 'results.json');
let session;
let browser;
let code = 1;
try {
  session = await openCodeServer({ name: 'host', folder, testPayload: true, env: { CTI_TEST_RESULTS: resultsFile, CTI_TEST_POOL: JSON.stringify(testPool.description) } });
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
    printCounts(suiteName, results.passed, results.failed);
    code = results.failed === 0 && results.passed > 0 && exitCode === 0 ? 0 : 1;
  } else {
    console.error(`host suite wrote no results (exit ${exitCode}); code-server log: ${session.logFile}`);
    printCounts(suiteName, 0, 1);
  }
} catch (error) {
  console.error('host suite could not run:', error);
  printCounts(suiteName, 0, 1);
} finally {
  await browser?.close().catch(() => {});
  session?.stop();
  await testPool.pool.stop();
}
process.exit(code);
