// Bundles the extension. Separate outputs, because activation must stay small (src/bundles.ts loads the
// others, each on its first use):
//   dist/extension.js  loaded at activation: thin stubs only (no services, no jose, no AWS SDK)
//   dist/features.js   services, commands, the view's rows, status bar, token usage
//   dist/hover.js      the hover provider, on the first hover
//   dist/verify.js     jose + signature verification, required only when the user clicks Verify
//   dist/aws.js        the AWS SDK Cognito client, required on the first sign-in or refresh
//   media/out/inspector.js  the webview page's script (media/ is the webview's only resource root)
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = !watch && process.env.CTI_DEV !== '1';
const common = { bundle: true, minify: production, sourcemap: true, logLevel: 'warning', legalComments: 'none' };

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: ['src/features.ts'], outfile: 'dist/features.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: ['src/hover/jwtHoverProvider.ts'], outfile: 'dist/hover.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: ['src/core/tokens/verify.ts'], outfile: 'dist/verify.js', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: ['src/aws/cognitoClient.ts'], outfile: 'dist/aws.js', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: ['media/inspector.ts'], outfile: 'media/out/inspector.js', platform: 'browser', format: 'iife', target: 'es2022' },
];
// The local user pool (a development tool, not part of the extension): CLI and library for tests.
const localPool = [
  // (tsc compiles the same files to out/local-cognito/ for the test suites, which import startLocalPool.)
  { ...common, minify: false, entryPoints: ['local-cognito/main.ts'], outfile: 'out/tools/local-cognito.js', platform: 'node', format: 'cjs', target: 'node20', external: ['cognito-local'] },
];
if (process.argv.includes('--local-pool')) {
  builds.splice(0, builds.length, ...localPool);
} else {
  builds.push(...localPool);
}

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('watching for changes…');
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`built ${builds.map((b) => b.outfile).join(', ')} in ${Date.now() - started} ms`);
}
