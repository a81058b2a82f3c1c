// Run in a fresh process: time require + activate of dist/extension.js, and list what it loaded.
const Module = require('node:module');
const { statSync } = require('node:fs');
const { resolve, join } = require('node:path');
const shim = resolve(__dirname, 'vscodeShim.cjs');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? shim : original.call(this, request, ...rest);
};
const root = resolve(__dirname, '..');
const before = new Set(Object.keys(require.cache));
const started = process.hrtime.bigint();
const extension = require(join(root, 'dist', 'extension.js'));
const secrets = { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) };
const globalState = { get: () => undefined, update: async () => {} };
const environmentVariableCollection = { forEach() {}, get: () => undefined, replace() {}, delete() {}, clear() {} };
extension.activate({ subscriptions: [], extensionUri: { fsPath: root }, extensionPath: root, secrets, globalState, environmentVariableCollection });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const loaded = Object.keys(require.cache).filter((path) => !before.has(path) && path !== shim);
const bytes = loaded.reduce((sum, path) => sum + statSync(path).size, 0);
process.stdout.write(JSON.stringify({ ms, bytes, loaded: loaded.map((p) => p.slice(root.length + 1)) }));
// activate() starts timers (status bar, tree) that would keep this probe alive.
process.exit(0);
