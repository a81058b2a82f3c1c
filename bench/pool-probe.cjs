// The local pool beside the emulators it is measured against, in one run, through the AWS SDK: each one
// started as its users start it, with one pool, one app client and one confirmed user. Prints one JSON line:
// { emulators: [{ name, coldStartMs, signInMedianMs, throughput, loaded, grown (ours), refresh }] }.
// Usage: node bench/pool-probe.cjs [--smoke]. moto (moto_server) and ministack join when installed.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { spawn, spawnSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand,
  GetTokensFromRefreshTokenCommand, InitiateAuthCommand, ListUserPoolsCommand,
} = require('@aws-sdk/client-cognito-identity-provider');

const root = join(__dirname, '..');
// The pool's own helper (compiled by the bench's test build): a free loopback port for each emulator.
const { freePort } = require(join(root, 'out', 'local-cognito', 'upstream.js'));
const smoke = process.argv.includes('--smoke');
/** How much of each measurement: the full run, or once through every step (the smoke run in `npm test`). */
const size = smoke
  ? { coldStarts: 1, sequential: 3, clients: 2, perClient: 2, load: 10, grown: 20, refreshes: 3 }
  : { coldStarts: 5, sequential: 300, clients: 50, perClient: 20, load: 1_500, grown: 10_000, refreshes: 300 };

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const since = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/** Resident memory of a process and everything under it (MB), from /proc. */
function rssMB(pid) {
  const children = (p) => {
    const out = [];
    for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === p) out.push(Number(entry), ...children(Number(entry)));
      } catch {
        // Ended meanwhile.
      }
    }
    return out;
  };
  let kb = 0;
  for (const p of [pid, ...children(pid)]) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // Ended meanwhile.
    }
  }
  return Math.round(kb / 1024);
}

const sdk = (endpoint) => new CognitoIdentityProviderClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });

/** `npm run local-cognito` without its build step: node's options and the script, as package.json has them. */
function ourCommand() {
  const script = require(join(root, 'package.json')).scripts['local-cognito'];
  const command = script.split('&&').pop().trim().split(/\s+/);
  if (command[0] !== 'node') throw new Error(`unexpected local-cognito script: ${script}`);
  return command.slice(1).map((arg) => (arg.startsWith('out/') ? join(root, arg) : arg));
}

/** The emulators: how each is started as its users start it (a fresh data folder each). */
function emulators() {
  const list = [
    {
      name: 'ours',
      key: 'ours',
      start: (port, dir) => spawn(process.execPath, [...ourCommand(), '--port', String(port), '--data', dir], { stdio: 'ignore' }),
      rotation: true,
    },
    {
      name: 'cognito-local alone',
      key: 'cognitoLocal',
      start: (port, dir) => {
        // Its default wants email addresses as user names; the others take any name.
        mkdirSync(join(dir, '.cognito'), { recursive: true });
        writeFileSync(join(dir, '.cognito', 'config.json'), JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }));
        return spawn(process.execPath, [require.resolve('cognito-local/lib/bin/start.js')], { cwd: dir, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' });
      },
      rotation: false,
    },
  ];
  if (spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0) {
    list.push({ name: 'moto (moto_server)', key: 'moto', start: (port) => spawn('moto_server', ['-p', String(port)], { stdio: 'ignore' }), rotation: false });
  }
  if (spawnSync('ministack', ['--help'], { stdio: 'ignore' }).status === 0) {
    list.push({ name: 'ministack', key: 'ministack', start: (port) => spawn('ministack', ['--port', String(port)], { stdio: 'ignore', env: { ...process.env, PORT: String(port) } }), rotation: false });
  }
  return list;
}

/** Starts the emulator in a fresh data folder; resolves once a Cognito call is answered, with the time that took. */
async function start(emulator) {
  const dir = mkdtempSync(join(tmpdir(), `pool-bench-${emulator.key}-`));
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = sdk(endpoint);
  const started = process.hrtime.bigint();
  const child = emulator.start(port, dir);
  const stop = async () => {
    client.destroy();
    child.kill('SIGKILL');
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (;;) {
      try {
        await client.send(new ListUserPoolsCommand({ MaxResults: 10 }));
        return { endpoint, client, child, stop, coldStartMs: since(started) };
      } catch (error) {
        if (child.exitCode !== null) throw new Error(`${emulator.name} exited with ${child.exitCode}`);
        if (since(started) > 60_000) throw new Error(`${emulator.name} did not answer within 60 s: ${error.message}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

async function measure(emulator) {
  // Cold start: from the spawn to the first answer of a Cognito call, in a fresh data folder (the median of several).
  const coldStarts = [];
  for (let i = 1; i < size.coldStarts; i++) {
    const started = await start(emulator);
    coldStarts.push(started.coldStartMs);
    await started.stop();
  }
  const { endpoint, client, child, stop, coldStartMs } = await start(emulator);
  coldStarts.push(coldStartMs);
  try {

    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'bench' }));
    const { UserPoolClient } = await client.send(new CreateUserPoolClientCommand({
      UserPoolId: UserPool.Id, ClientName: 'bench', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }));
    // Rotation (where the emulator has it) on a client of its own: AWS refuses it beside ALLOW_REFRESH_TOKEN_AUTH.
    const rotating = emulator.rotation
      ? (await client.send(new CreateUserPoolClientCommand({ UserPoolId: UserPool.Id, ClientName: 'rotating', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } }))).UserPoolClient
      : UserPoolClient;
    await client.send(new AdminCreateUserCommand({ UserPoolId: UserPool.Id, Username: 'bench', MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp-Passw0rd-1!' }));
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: UserPool.Id, Username: 'bench', Password: 'Bench-Passw0rd-1!', Permanent: true }));
    const signInWith = (c, clientId = UserPoolClient.ClientId) => c.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bench', PASSWORD: 'Bench-Passw0rd-1!' } }));
    let signIns = 0;
    const sequential = async () => {
      const samples = [];
      for (let i = 0; i < size.sequential; i++) {
        const t = process.hrtime.bigint();
        await signInWith(client);
        samples.push(since(t));
      }
      signIns += size.sequential;
      return median(samples);
    };
    await signInWith(client); // warm-up: connection, JIT
    signIns++;
    const signInMedianMs = await sequential();

    // Many clients at once: each its own SDK client (its own connections), sign-ins back to back.
    const burst = async (clients, perClient) => {
      let failures = 0;
      const t = process.hrtime.bigint();
      await Promise.all(Array.from({ length: clients }, async () => {
        const own = sdk(endpoint);
        for (let i = 0; i < perClient; i++) await signInWith(own).catch(() => failures++);
        own.destroy();
      }));
      signIns += clients * perClient;
      return { perSecond: Math.round((clients * perClient) / (since(t) / 1000)), failures };
    };
    const throughput = await burst(size.clients, size.perClient);

    // Every emulator takes the same load; then its memory and the same sequential sign-in again.
    const loadTo = async (target) => {
      while (signIns < target) {
        const left = target - signIns;
        await burst(Math.min(size.clients, left), Math.max(1, Math.min(size.perClient, Math.floor(left / size.clients))));
      }
    };
    await loadTo(size.load);
    const loaded = { after: signIns, rssMB: rssMB(child.pid), signInMedianMs: await sequential() };
    // Ours goes on to the growth budget's count (the others would take minutes: their sign-ins slow as they fill).
    let grown;
    if (emulator.key === 'ours') {
      await loadTo(size.grown);
      grown = { after: signIns, rssMB: rssMB(child.pid), signInMedianMs: await sequential() };
    }

    // Refresh: REFRESH_TOKEN_AUTH, and GetTokensFromRefreshToken with rotation (each call takes the newest token).
    const refresh = {};
    let refreshToken = (await signInWith(client)).AuthenticationResult.RefreshToken;
    const samples = [];
    for (let i = 0; i < size.refreshes; i++) {
      const t = process.hrtime.bigint();
      await client.send(new InitiateAuthCommand({ ClientId: UserPoolClient.ClientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }));
      samples.push(since(t));
    }
    refresh.refreshTokenAuthMs = median(samples);
    refreshToken = (await signInWith(client, rotating.ClientId)).AuthenticationResult.RefreshToken;
    try {
      const rotations = [];
      for (let i = 0; i < size.refreshes; i++) {
        const t = process.hrtime.bigint();
        const { AuthenticationResult } = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.ClientId, RefreshToken: refreshToken }));
        rotations.push(since(t));
        if (AuthenticationResult.RefreshToken) refreshToken = AuthenticationResult.RefreshToken;
        else refresh.noNewRefreshToken = true;
      }
      refresh.getTokensFromRefreshTokenMs = median(rotations);
    } catch (error) {
      refresh.getTokensFromRefreshTokenMs = null;
      refresh.getTokensFromRefreshTokenError = String(error.name ?? error.message);
    }
    return { name: emulator.name, key: emulator.key, coldStartMs: median(coldStarts), coldStarts: coldStarts.length, signInMedianMs, throughput, loaded, grown, refresh };
  } finally {
    await stop();
  }
}

(async () => {
  const results = [];
  for (const emulator of emulators()) {
    results.push(await measure(emulator));
  }
  process.stdout.write(`${JSON.stringify({ emulators: results })}\n`);
})().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
