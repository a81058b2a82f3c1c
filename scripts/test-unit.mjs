// Unit suite: mocha in plain Node over src/core (compiled by tsc). No VS Code, no network but loopback.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileTests, printCounts, root } from './lib.mjs';

compileTests();
const mocha = new Mocha({ reporter: 'spec', timeout: 10_000 });
for (const file of readdirSync(resolve(root, 'out/test/unit')).filter((f) => f.endsWith('.test.js')).sort()) {
  mocha.addFile(resolve(root, 'out/test/unit', file));
}
const runner = mocha.run((failures) => {
  printCounts('unit', runner.stats.passes, runner.stats.failures);
  process.exitCode = failures > 0 || runner.stats.passes === 0 ? 1 : 0;
});
