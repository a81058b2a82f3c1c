// Pool suite: the local user pool (cognito-local + our rotation layer) tested through the AWS SDK, in plain Node.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileTests, printCounts, root } from './lib.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
compileTests();
const mocha = new Mocha({ reporter: 'spec', timeout: 30_000 });
for (const file of readdirSync(resolve(root, 'out/test/pool')).filter((f) => f.endsWith('.test.js')).sort()) {
  mocha.addFile(resolve(root, 'out/test/pool', file));
}
const runner = mocha.run((failures) => {
  printCounts('pool', runner.stats.passes, runner.stats.failures);
  process.exitCode = failures > 0 || runner.stats.passes === 0 ? 1 : 0;
});
