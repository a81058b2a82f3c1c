// Run in a fresh process per case: what starts dist/features.js without a command, and what must not.
// Usage: node bench/triggers-probe.cjs <case>; prints {case, loaded, answer?}. Cases:
//   idle          no stored session, no token in view: nothing loads, even after the inline-notes throttle
//   getSessions   VS Code lists the `cognito` provider's sessions with none stored: [] and nothing loads
//   storedSession a session stored by an earlier run: the features start (status bar, auto refresh)
//   tokenInView   a JWT in a visible editor: the features start (inline expiry notes)
const Module = require('node:module');
const { resolve, join } = require('node:path');
const shim = resolve(__dirname, 'vscodeShim.cjs');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? shim : original.call(this, request, ...rest);
};
const root = resolve(__dirname, '..');
const vscode = require(shim);
const which = process.argv[2];

const profiles = [{ name: 'p', region: 'local', userPoolId: 'local_probe', clientId: 'probeclient' }];
vscode.workspace.getConfiguration = () => ({
  get: (_key, fallback) => fallback,
  inspect: (key) => (key === 'profiles' ? { key, globalValue: profiles } : undefined),
});
const stored = new Map();
if (which === 'storedSession') stored.set('cognitoTokens.session.p', '{"version":2}');
let registeredAuth;
vscode.authentication.registerAuthenticationProvider = (_id, _label, provider) => {
  registeredAuth = provider;
  return { dispose() {} };
};
const token = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"exp":1}').toString('base64url')}.c2ln`;
if (which === 'tokenInView') {
  const lines = ['first line', `token=${token}`];
  vscode.window.visibleTextEditors = [{ document: { lineCount: lines.length, lineAt: (i) => ({ text: lines[i] }), uri: vscode.Uri.file('/probe.txt') }, visibleRanges: [{ start: { line: 0 }, end: { line: 1 } }], setDecorations() {} }];
}
const secrets = { get: async (key) => stored.get(key), store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) };
const context = {
  subscriptions: [], extensionUri: { fsPath: root }, extensionPath: root, extension: { packageJSON: require(join(root, 'package.json')) },
  secrets, globalState: { get: (_key, fallback) => fallback, update: async () => {} },
  environmentVariableCollection: { forEach() {}, get: () => undefined, replace() {}, delete() {}, clear() {} },
};
require(join(root, 'dist', 'extension.js')).activate(context);
const features = () => Object.keys(require.cache).some((path) => path.endsWith(join('dist', 'features.js')));

(async () => {
  let answer;
  if (which === 'getSessions') answer = await registeredAuth.getSessions(['profile:p']);
  // Longer than the inline notes' throttle (250 ms) and any SecretStorage read.
  await new Promise((done) => setTimeout(done, 600));
  process.stdout.write(JSON.stringify({ case: which, loaded: features(), answer }));
  process.exit(0);
})().catch((error) => {
  process.stderr.write(String((error && error.stack) || error));
  process.exit(1);
});
