// Pool suite: the local user pool (cognito-local + our rotation layer) tested through the AWS SDK, in plain Node.
// With --against https://cognito-idp.REGION.amazonaws.com (and --yes-create-resources, or --dry-run), its
// conformance part runs on the local pool and on a real user pool it creates and deletes (docs/local-user-pool.md).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { compileTests, root, runNodeSuite } from './lib.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const args = process.argv.slice(2);
if (args.includes('--against') || args.includes('--dry-run')) {
  compileTests();
  const result = spawnSync(process.execPath, [resolve(root, 'out/test/conformance/main.js'), ...args], { cwd: root, stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
} else {
  await runNodeSuite('pool', 'pool');
}
