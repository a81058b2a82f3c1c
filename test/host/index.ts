/**
 * Entry point loaded by VS Code's extension host (extensionTestsPath). Runs the host suite with mocha
 * and writes the result of record to $CTI_TEST_RESULTS: a missing file means the run failed.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { orderTestFiles, orderTestsWithinFiles } from '../fixtures/testOrder';

export function run(): Promise<void> {
  // CTI_TEST_GREP runs the matching tests only (the runner passes its environment on), as `mocha --grep` does.
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', ...(process.env.CTI_TEST_GREP ? { grep: process.env.CTI_TEST_GREP } : {}) });
  // CTI_TEST_ORDER / CTI_TEST_FILES come through from the runner's environment (test/fixtures/testOrder.ts).
  const { files, label } = orderTestFiles(readdirSync(__dirname).filter((f) => f.endsWith('.test.js')));
  for (const file of files) {
    mocha.addFile(join(__dirname, file));
  }
  const lines: string[] = label === 'sorted' && !process.env.CTI_TEST_FILES ? [] : [`test files in ${label} order: ${files.join(' ')}`];
  const resultsFile = process.env.CTI_TEST_RESULTS;
  // Load now (and not again in run()) so the tests inside the files can be put in the asked order first.
  const loader = mocha as unknown as { loadFiles(): void; lazyLoadFiles(enable: boolean): void };
  loader.loadFiles();
  loader.lazyLoadFiles(true);
  orderTestsWithinFiles(mocha.suite);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const summary = { passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, lines };
      if (resultsFile) {
        writeFileSync(resultsFile, JSON.stringify(summary, null, 2));
      }
      if (failures > 0) {
        reject(new Error(`${failures} host tests failed`));
      } else {
        resolve();
      }
    });
    runner.on('pass', (test) => lines.push(`  ✔ ${test.fullTitle()}`));
    runner.on('fail', (test, error: Error) => lines.push(`  ✘ ${test.fullTitle()}\n      ${String(error.stack ?? error.message).split('\n').slice(0, 6).join('\n      ')}`));
  });
}
