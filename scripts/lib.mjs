// Helpers shared by the test, bench and start scripts.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a command to completion, inheriting output; throws on failure. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
  return result;
}

/** Compiles src and test with tsc to out/ (CommonJS), for the mocha suites. */
export function compileTests() {
  run(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** The code-server launcher, installing it into its cache folder on first use. */
export function ensureCodeServer() {
  const result = spawnSync('bash', [resolve(root, 'scripts/ensure-code-server.sh')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error('could not install code-server (see the messages above)');
  }
  return result.stdout.trim().split('\n').pop();
}

/**
 * The code-server and VS Code versions behind a launcher from ensureCodeServer(): both launchers (npm's
 * node_modules/.bin link, and bin/code-server that runs it on its own Node) live in the version's cache folder.
 */
export function codeServerInfo(bin) {
  const { readFileSync } = createRequire(import.meta.url)('node:fs');
  const cache = dirname(bin).endsWith('.bin') ? resolve(dirname(bin), '..', '..') : resolve(dirname(bin), '..');
  const pkg = resolve(cache, 'node_modules', 'code-server');
  const version = (file) => JSON.parse(readFileSync(file, 'utf8')).version;
  return { codeServer: version(resolve(pkg, 'package.json')), vscode: version(resolve(pkg, 'lib', 'vscode', 'package.json')) };
}

/** Whether this code-server's VS Code reads the test `payload` only with the smoke-test driver on (1.139 does). */
function needsSmokeTestDriver(bin) {
  const [major, minor] = codeServerInfo(bin).codeServer.split('.').map(Number);
  return major > 4 || (major === 4 && minor >= 139);
}

/**
 * Starts code-server in its own process group, so stopping it stops its helpers too. `testPayload`: the page
 * will load a test module through the `payload` query (host suite); VS Code 1.139 then needs
 * --vscode-option enable-smoke-test-driver (which also hides toasts: the UI suite installs the VSIX instead).
 */
export async function startCodeServer({ bin, port, userDataDir, extensionsDir, configPath, folder, logFile, testPayload = false }) {
  const args = [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--config', configPath,
  ];
  if (testPayload && needsSmokeTestDriver(bin)) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (folder) args.push(folder);
  const { openSync } = await import('node:fs');
  const out = logFile ? openSync(logFile, 'a') : 'ignore';
  const child = spawn(bin, args, { detached: true, stdio: ['ignore', out, out], env: process.env });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch {
      // Not up yet.
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`code-server did not start on port ${port}${logFile ? ` (log: ${logFile})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { child, stop };
}

/** Prints the line CI reads, e.g. "unit: 40 passed, 0 failed". */
export function printCounts(suite, passed, failed) {
  console.log(`${suite}: ${passed} passed, ${failed} failed`);
}

/** Runs the compiled mocha tests in out/test/<dir> in this process and prints "<suite>: N passed, N failed". */
export async function runNodeSuite(suite, dir) {
  const { default: Mocha } = await import('mocha');
  const { readdirSync } = await import('node:fs');
  const { resolve } = await import('node:path');
  compileTests();
  const folder = resolve(root, 'out/test', dir);
  const mocha = new Mocha({ reporter: 'spec', timeout: 30_000 });
  // Recursive: the pool suite keeps its third-party client tests in test/pool/clients/.
  const { existsSync } = await import('node:fs');
  // Only files with a source: tsc leaves the output of a moved or deleted test behind in out/.
  const compiled = readdirSync(folder, { recursive: true }).filter((f) => f.endsWith('.test.js') && existsSync(resolve(root, 'test', dir, f.replace(/\.js$/, '.ts'))));
  for (const file of orderedTestFiles(compiled)) {
    mocha.addFile(resolve(folder, file));
  }
  mocha.loadFiles();
  mocha.lazyLoadFiles(true);
  orderTestsWithin(mocha.suite);
  const runner = mocha.run((failures) => {
    printCounts(suite, runner.stats.passes, runner.stats.failures);
    process.exitCode = failures > 0 || runner.stats.passes === 0 ? 1 : 0;
  });
}

/**
 * Test files in the order CTI_TEST_ORDER asks for (sorted, reverse, shuffle:<seed>), only those CTI_TEST_FILES
 * names: test/fixtures/testOrder.ts, compiled. Says which order when it is not the default.
 */
export function orderedTestFiles(files) {
  const { orderTestFiles } = createRequire(import.meta.url)(resolve(root, 'out', 'test', 'fixtures', 'testOrder.js'));
  const { files: ordered, label } = orderTestFiles(files);
  if (label !== 'sorted' || process.env.CTI_TEST_FILES) console.log(`test files in ${label} order: ${ordered.join(' ')}`);
  return ordered;
}

/** Reorders the tests inside each file as CTI_TEST_ORDER asks (after mocha loaded the files). */
export function orderTestsWithin(suite) {
  createRequire(import.meta.url)(resolve(root, 'out', 'test', 'fixtures', 'testOrder.js')).orderTestsWithinFiles(suite);
}
