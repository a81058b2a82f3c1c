// `npm test`: every suite in turn, each printing its own "N passed, N failed" line, then the total.
import { spawnSync } from 'node:child_process';
import { printCounts, root } from './lib.mjs';

// host: on the current VS Code; host:oldest: the same suite on the oldest engines.vscode claims (1.90).
// bench: the benchmark in its smoke mode (every probe once, no budgets), so it cannot break unseen.
const suites = ['unit', 'integration', 'pool', 'bench', 'host', 'host:oldest', 'ui'];
let passed = 0;
let failed = 0;
const began = Date.now();
const seconds = (since) => Math.round((Date.now() - since) / 1000);
for (const suite of suites) {
  const suiteBegan = Date.now();
  const result = spawnSync('npm', ['run', '--silent', `test:${suite}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(result.stdout);
  console.log(`(${suite}: ${seconds(suiteBegan)} s)`);
  const counts = /^\w+: (\d+) passed, (\d+) failed$/m.exec(result.stdout);
  if (counts) {
    passed += Number(counts[1]);
    failed += Number(counts[2]);
  }
  if (!counts || result.status !== 0) {
    // A suite that crashed before counting still counts as a failure.
    if (!counts) failed += 1;
    console.error(`suite ${suite} failed (exit ${result.status})`);
  }
}
printCounts('total', passed, failed);
console.log(`(npm test: ${seconds(began)} s)`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
