// Run with --expose-gc. The refresh command's own path against the bare SDK call, both against the local
// pool, in one run: `refreshCommand` over the real Services (profile from settings, SessionRepository over
// an in-memory SecretStorage, RefreshService, RefreshCoordinator, compare-and-set save, rotation record in
// globalState, the shared client from dist/aws.js), with `vscode` replaced by the bench shim.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const Module = require('node:module');
const { join } = require('node:path');
const root = join(__dirname, '..');
const shimPath = join(__dirname, 'vscodeShim.cjs');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? shimPath : original.call(this, request, ...rest);
};
const vscode = require(shimPath);
const { startLocalPool } = require(join(root, 'out/local-cognito/server.js'));
const { createServices } = require(join(root, 'out/src/services.js'));
const { createBundles } = require(join(root, 'out/src/bundles.js'));
const { refreshCommand } = require(join(root, 'out/src/commands/sessionCommands.js'));
const { newSession } = require(join(root, 'out/src/core/sessions/storedSession.js'));
const { systemClock } = require(join(root, 'out/src/core/shared/clock.js'));
const { GetTokensFromRefreshTokenCommand, InitiateAuthCommand, CognitoIdentityProviderClient } = require('@aws-sdk/client-cognito-identity-provider');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

(async () => {
  const seed = { userPools: [{ name: 'bench', clients: [{ key: 'rot', ClientName: 'rot', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } }], users: [{ username: 'u', password: 'Passw0rd!' }] }] };
  const pool = await startLocalPool({ seed });
  const seeded = pool.seeded.userPools[0];
  const profile = { name: 'bench', region: 'local', userPoolId: seeded.id, clientId: seeded.clients.rot.clientId, endpoint: pool.endpoint, authFlow: 'USER_PASSWORD_AUTH', refreshMethod: 'rotation' };
  // The profile as the user's own settings hold it (the command reads settings on every call, as in VS Code).
  const settings = { profiles: [profile] };
  vscode.workspace.getConfiguration = () => ({
    get: (key, fallback) => (key in settings ? settings[key] : fallback),
    inspect: (key) => (key in settings ? { key, globalValue: settings[key] } : undefined),
  });
  const sdk = new CognitoIdentityProviderClient({ endpoint: pool.endpoint, region: 'local', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  const signIn = async () => (await sdk.send(new InitiateAuthCommand({ ClientId: profile.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'u', PASSWORD: 'Passw0rd!' } }))).AuthenticationResult;

  // An extension context with an in-memory SecretStorage and globalState, as the host gives.
  const values = new Map();
  const secretListeners = new Set();
  const fire = (key) => secretListeners.forEach((listener) => listener({ key }));
  const secrets = {
    get: async (k) => values.get(k),
    store: async (k, v) => { values.set(k, v); fire(k); },
    delete: async (k) => { values.delete(k); fire(k); },
    onDidChange: (listener) => { secretListeners.add(listener); return { dispose: () => secretListeners.delete(listener) }; },
  };
  const state = new Map();
  const globalState = { get: (k, fallback) => (state.has(k) ? state.get(k) : fallback), update: async (k, v) => void (v === undefined ? state.delete(k) : state.set(k, v)), keys: () => [...state.keys()] };
  const context = { subscriptions: [], extensionUri: vscode.Uri.file(root), extensionPath: root, extension: { id: 'cognito-devtools.cognito-token-inspector' }, secrets, globalState };
  const log = vscode.window.createOutputChannel('bench', { log: true });
  const services = createServices(context, log, createBundles(context, log));

  const tokens = await signIn();
  const binding = { region: profile.region, endpoint: profile.endpoint, userPoolId: profile.userPoolId, clientId: profile.clientId };
  await services.repository.put(newSession({ profile: 'bench', binding, typedUsername: 'u', authFlow: 'USER_PASSWORD_AUTH', tokens: { id: tokens.IdToken, access: tokens.AccessToken, refresh: tokens.RefreshToken }, clock: systemClock }));
  let bare = (await signIn()).RefreshToken;

  const command = async () => {
    const result = await refreshCommand(services, { profile: 'bench' });
    if (!result || 'error' in result || !result.rotated || !result.saved) throw new Error(`the refresh command did not refresh: ${JSON.stringify(result && result.error)}`);
  };
  const bareCall = async () => {
    bare = (await sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: profile.clientId, RefreshToken: bare }))).AuthenticationResult.RefreshToken;
  };

  const rounds = Number(process.argv[2] ?? 300);
  const commandTimes = [];
  const bareTimes = [];
  for (let i = 0; i < Math.min(20, rounds); i++) {
    await command();
    await bareCall();
  }
  // Interleaved, so both see the same machine load.
  for (let i = 0; i < rounds; i++) {
    let start = process.hrtime.bigint();
    await command();
    commandTimes.push(ms(start));
    start = process.hrtime.bigint();
    await bareCall();
    bareTimes.push(ms(start));
  }

  global.gc();
  const heapBefore = process.memoryUsage().heapUsed;
  // The heap check's refreshes (argv[3], 1000 in the full run; the smoke run does one).
  for (let i = 0; i < Number(process.argv[3] ?? 1000); i++) await command();
  global.gc();
  const heapAfter = process.memoryUsage().heapUsed;

  for (const d of context.subscriptions) d.dispose();
  sdk.destroy();
  await pool.stop();
  process.stdout.write(JSON.stringify({ rounds, commandMedianMs: median(commandTimes), bareSdkMedianMs: median(bareTimes), overheadMedianMs: median(commandTimes) - median(bareTimes), heapGrowthMB: (heapAfter - heapBefore) / 1048576, historyLength: services.repository.records('bench').length }));
})().catch((error) => {
  process.stderr.write(String((error && error.stack) || error));
  process.exit(1);
});
