// Run with --expose-gc. The refresh path the command uses (coordinator, refresh flow, SecretStorage store,
// rotation record, the AWS SDK bundle) against the bare SDK call, both against the local pool, in one run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { join } = require('node:path');
const root = join(__dirname, '..');
const { startLocalPool } = require(join(root, 'out/local-cognito/server.js'));
const { createCognitoApi } = require(join(root, 'dist/aws.js'));
const { RefreshCoordinator } = require(join(root, 'out/src/core/sessions/refreshCoordinator.js'));
const { SessionStore } = require(join(root, 'out/src/core/sessions/sessionStore.js'));
const { newSession } = require(join(root, 'out/src/core/sessions/storedSession.js'));
const { systemClock } = require(join(root, 'out/src/core/shared/clock.js'));
const { appendRecord } = require(join(root, 'out/src/core/sessions/rotationHistory.js'));
const { GetTokensFromRefreshTokenCommand, InitiateAuthCommand, CognitoIdentityProviderClient } = require('@aws-sdk/client-cognito-identity-provider');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

(async () => {
  const seed = { userPools: [{ name: 'bench', clients: [{ key: 'rot', ClientName: 'rot', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } }], users: [{ username: 'u', password: 'Passw0rd!' }] }] };
  const pool = await startLocalPool({ seed });
  const seeded = pool.seeded.userPools[0];
  const profile = { name: 'bench', region: 'local', userPoolId: seeded.id, clientId: seeded.clients.rot.clientId, endpoint: pool.endpoint, authFlow: 'USER_PASSWORD_AUTH', refreshMethod: 'rotation' };
  const sdk = new CognitoIdentityProviderClient({ endpoint: pool.endpoint, region: 'local', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  const signIn = async () => (await sdk.send(new InitiateAuthCommand({ ClientId: profile.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'u', PASSWORD: 'Passw0rd!' } }))).AuthenticationResult;

  // The command's path, with an in-memory SecretStorage.
  const values = new Map();
  const secrets = { get: async (k) => values.get(k), store: async (k, v) => void values.set(k, v), delete: async (k) => void values.delete(k), onDidChange: () => ({ dispose() {} }) };
  const store = new SessionStore(secrets, { onCorrupt() {} });
  let history = [];
  const coordinator = new RefreshCoordinator({
    clock: systemClock,
    load: (p) => store.get(p),
    save: (s) => store.put(s),
    clientSecret: async () => undefined,
    api: (() => {
      // As RefreshService does: one client per profile, reused.
      const api = createCognitoApi(profile);
      return () => api;
    })(),
    onRefreshed: (_p, record) => (history = appendRecord(history, record)),
  });
  const tokens = await signIn();
  await store.put(newSession({ profile: 'bench', typedUsername: 'u', authFlow: 'USER_PASSWORD_AUTH', tokens: { id: tokens.IdToken, access: tokens.AccessToken, refresh: tokens.RefreshToken }, clock: systemClock }));
  let bare = (await signIn()).RefreshToken;

  const rounds = Number(process.argv[2] ?? 300);
  const commandTimes = [];
  const bareTimes = [];
  for (let i = 0; i < 20; i++) {
    await coordinator.refresh('bench', profile.clientId, 'rotation');
    bare = (await sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: profile.clientId, RefreshToken: bare }))).AuthenticationResult.RefreshToken;
  }
  for (let i = 0; i < rounds; i++) {
    let start = process.hrtime.bigint();
    await coordinator.refresh('bench', profile.clientId, 'rotation');
    commandTimes.push(ms(start));
    start = process.hrtime.bigint();
    bare = (await sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: profile.clientId, RefreshToken: bare }))).AuthenticationResult.RefreshToken;
    bareTimes.push(ms(start));
  }

  global.gc();
  const heapBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < 1000; i++) await coordinator.refresh('bench', profile.clientId, 'rotation');
  global.gc();
  const heapAfter = process.memoryUsage().heapUsed;

  sdk.destroy();
  await pool.stop();
  process.stdout.write(JSON.stringify({ rounds, commandMedianMs: median(commandTimes), bareSdkMedianMs: median(bareTimes), overheadMedianMs: median(commandTimes) - median(bareTimes), heapGrowthMB: (heapAfter - heapBefore) / 1048576, historyLength: history.length }));
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
