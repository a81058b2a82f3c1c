// UI suite: packages the .vsix, then mocha drives code-server in headless Chromium (test/ui/*.test.mjs).
// Screenshots go to test-results/screenshots/.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileTests, orderedTestFiles, printCounts, root, run } from './lib.mjs';

compileTests();
run('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 'ignore', 'inherit'] });
const mocha = new Mocha({ reporter: 'spec', timeout: 120_000 });
// CTI_TEST_FILE=name runs the UI test files whose names contain it.
for (const file of orderedTestFiles(readdirSync(join(root, 'test/ui')).filter((f) => f.endsWith('.test.mjs') && f.includes(process.env.CTI_TEST_FILE ?? '')))) {
  mocha.addFile(join(root, 'test/ui', file));
}
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  printCounts('ui', runner.stats.passes, runner.stats.failures);
  process.exit(failures > 0 || runner.stats.passes === 0 ? 1 : 0);
});
