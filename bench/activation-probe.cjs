// Run in a fresh process: time require + activate of dist/extension.js and list what it loaded; then the
// first uses, each paying its bundle's load once: the first command run (dist/features.js) and the first
// hover (dist/hover.js). Throws if activation loaded more than dist/extension.js.
const Module = require('node:module');
const { statSync } = require('node:fs');
const { resolve, join } = require('node:path');
const shim = resolve(__dirname, 'vscodeShim.cjs');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? shim : original.call(this, request, ...rest);
};
const root = resolve(__dirname, '..');
// VS Code hands the extension its manifest already parsed (context.extension.packageJSON).
const packageJSON = require(join(root, 'package.json'));
const before = new Set(Object.keys(require.cache));
const ours = () => Object.keys(require.cache).filter((path) => !before.has(path) && path !== shim);
const since = (start) => Number(process.hrtime.bigint() - start) / 1e6;

const started = process.hrtime.bigint();
const extension = require(join(root, 'dist', 'extension.js'));
const secrets = { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) };
const globalState = { get: (_key, fallback) => fallback, update: async () => {} };
const environmentVariableCollection = { forEach() {}, get: () => undefined, replace() {}, delete() {}, clear() {} };
const context = { subscriptions: [], extensionUri: { fsPath: root }, extensionPath: root, extension: { packageJSON }, secrets, globalState, environmentVariableCollection };
const api = extension.activate(context);
const ms = since(started);
const loaded = ours();
const bytes = loaded.reduce((sum, path) => sum + statSync(path).size, 0);
const relative = (paths) => paths.map((p) => p.slice(root.length + 1));
if (relative(loaded).join() !== 'dist/extension.js' || api.bundlesAtActivation.length !== 0) {
  throw new Error(`activation loaded more than dist/extension.js: ${relative(loaded).join(', ')}; bundles ${api.bundlesAtActivation.join(', ')}`);
}

(async () => {
  const { registered, Position } = require(shim);
  // The first command: the stub starts dist/features.js, whose registration replaces it, and runs it.
  let start = process.hrtime.bigint();
  await registered.commands.get('cognitoTokens.refreshView')();
  const firstCommandMs = since(start);
  const afterCommand = ours();

  // The first hover on a token: dist/hover.js.
  const token = `${Buffer.from('{"alg":"RS256","kid":"probe"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'probe', exp: 2e9 })).toString('base64url')}.c2lnbmF0dXJl`;
  const line = `Authorization: Bearer ${token}`;
  const document = { lineCount: 1, lineAt: () => ({ text: line }), uri: { toString: () => 'file:///probe.log' } };
  start = process.hrtime.bigint();
  const hover = registered.hover[0].provideHover(document, new Position(0, line.indexOf('eyJ') + 5));
  const firstHoverMs = since(start);
  if (!hover) throw new Error('the first hover gave nothing');

  process.stdout.write(JSON.stringify({
    ms, bytes, loaded: relative(loaded),
    firstCommandMs, firstCommandLoaded: relative(afterCommand.filter((p) => !loaded.includes(p))),
    firstHoverMs, firstHoverLoaded: relative(ours().filter((p) => !afterCommand.includes(p))),
  }));
  // Features start timers (status bar, inline notes) that would keep this probe alive.
  process.exit(0);
})().catch((error) => {
  process.stderr.write(String((error && error.stack) || error));
  process.exit(1);
});
