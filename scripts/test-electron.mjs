// The host suite through @vscode/test-electron, for machines with a desktop VS Code or internet access.
// Offline it cannot download VS Code, so it fails fast with a message that says what to use instead.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compileTests, root, run } from './lib.mjs';

const { runTests } = await import('@vscode/test-electron');
const vscodeExecutablePath = process.env.CTI_VSCODE_EXECUTABLE;
if (!vscodeExecutablePath) {
  try {
    const response = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    console.error(`test:electron needs a desktop VS Code: set CTI_VSCODE_EXECUTABLE to its binary, or allow it to be downloaded (${error.message}).`);
    console.error('On machines without either, run `npm run test:host`: the same suite in code-server.');
    process.exit(1);
  }
} else if (!existsSync(vscodeExecutablePath)) {
  console.error(`CTI_VSCODE_EXECUTABLE=${vscodeExecutablePath} does not exist.`);
  process.exit(1);
}
compileTests();
run('npm', ['run', '--silent', 'build']);
process.env.CTI_TEST_RESULTS = join(root, 'test-results', 'electron-results.json');
await runTests({
  vscodeExecutablePath,
  extensionDevelopmentPath: root,
  extensionTestsPath: join(root, 'out/test/host/index'),
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', join(root, 'test', 'host', 'workspace')],
});
