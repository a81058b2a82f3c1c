import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { alive, childrenOf } from '../fixtures/processes';

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The pool as users run it: `local-cognito --data DIR`, a separate process with cognito-local under it. */
class PoolProcess {
  out = '';
  readonly child: ChildProcess;
  constructor(dataDir: string, seedFile?: string) {
    const seed = seedFile ? ['--seed', seedFile] : [];
    this.child = spawn(process.execPath, [resolve(__dirname, '../../local-cognito/main.js'), '--port', '0', '--data', dataDir, ...seed], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.out += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.out += chunk.toString()));
  }
  /** The endpoint, once the pool says it is ready (and, when seeded, has printed what it created). */
  async ready(seeded = false): Promise<string> {
    return until('the pool to start', () => {
      if (this.child.exitCode !== null) throw new Error(`the pool exited with ${this.child.exitCode}: ${this.out}`);
      return seeded && !/seeded: .+\n/.test(this.out) ? undefined : /endpoint: (\S+)\n/.exec(this.out)?.[1];
    });
  }
  get upstreamPids(): number[] {
    return this.child.pid ? childrenOf(this.child.pid) : [];
  }
  async ended(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) await new Promise((r) => this.child.once('exit', r));
  }
}

async function call(endpoint: string, operation: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` }, body: JSON.stringify(body) });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200) throw new Error(`${operation}: ${String(json.__type)}: ${String(json.message)}`);
  return json;
}

const ROUNDS = ['SIGTERM the pool', 'SIGKILL the pool', 'SIGKILL cognito-local', 'SIGTERM cognito-local', 'SIGKILL both', 'SIGKILL the pool'] as const;

describe('local user pool: data survives SIGTERM and SIGKILL under load', function () {
  this.timeout(240_000);
  let dataDir = '';
  let pool: PoolProcess | undefined;

  afterEach(async () => {
    for (const pid of [...(pool?.upstreamPids ?? []), pool?.child.pid ?? 0].filter((p) => p > 0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone.
      }
    }
    await pool?.ended();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged user and refresh token through ${ROUNDS.length} stops (${ROUNDS.join(', ')})`, async function () {
    if (!existsSync('/proc/self/stat')) {
      console.log('      (skipped: needs /proc to find cognito-local under the pool)');
      this.skip();
    }
    dataDir = mkdtempSync(join(tmpdir(), 'pool-crash-test-'));
    const seedFile = join(dataDir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify({ userPools: [{ key: 'crash', name: 'crash', clients: [{ key: 'app', ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }], users: [{ username: 'demo', password: 'Demo-Passw0rd!' }] }] }));
    const data = join(dataDir, 'data');
    const users: Array<{ username: string; password: string }> = [{ username: 'demo', password: 'Demo-Passw0rd!' }];
    const refreshTokens: string[] = [];
    // Seeded once: later starts find the pool, its client and its users in the data folder.
    pool = new PoolProcess(data, seedFile);
    let endpoint = await pool.ready(true);
    const seeded = JSON.parse(/seeded: (.+)\n/.exec(pool.out)?.[1] ?? '{}') as { userPools: Array<{ id: string; clients: Record<string, { clientId: string }> }> };
    const poolId = seeded.userPools[0].id;
    const clientId = seeded.userPools[0].clients.app.clientId;

    const signIn = async (user: { username: string; password: string }): Promise<string> => {
      const result = (await call(endpoint, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: user.username, PASSWORD: user.password } })) as { AuthenticationResult: { RefreshToken: string } };
      return result.AuthenticationResult.RefreshToken;
    };

    const t0 = Date.now();
    const mark = (what: string): void => { if (process.env.CRASH_TRACE) console.log(`      ${((Date.now() - t0) / 1000).toFixed(1)}s ${what}`); };
    for (const [round, stop] of ROUNDS.entries()) {
      mark(`round ${round + 1} load`);
      // Load: eight workers creating users and signing in, each acknowledgement recorded as it arrives.
      let running = true;
      let acknowledged = 0;
      const worker = async (w: number): Promise<void> => {
        for (let i = 0; running; i++) {
          try {
            if (i % 2 === 0) {
              const user = { username: `u${round}-${w}-${i}`, password: `Pw-${round}-${w}-${i}-Aa1!` };
              await call(endpoint, 'AdminCreateUser', { UserPoolId: poolId, Username: user.username, TemporaryPassword: 'Temp-Passw0rd-1!', MessageAction: 'SUPPRESS' });
              await call(endpoint, 'AdminSetUserPassword', { UserPoolId: poolId, Username: user.username, Password: user.password, Permanent: true });
              users.push(user);
            } else {
              refreshTokens.push(await signIn(users[(w * 7 + i) % users.length]));
            }
            acknowledged++;
          } catch {
            if (!running) return; // Stopped under us: nothing was acknowledged.
          }
        }
      };
      const workers = [0, 1, 2, 3, 4, 5, 6, 7].map(worker);
      await until('load to be acknowledged', () => (acknowledged >= 24 ? true : undefined), 60_000);
      mark('kill');
      const upstream: number[] = pool.upstreamPids;
      assert.equal(upstream.length, 1, 'cognito-local runs under the pool');
      const kill = (pid: number, signal: NodeJS.Signals): void => void process.kill(pid, signal);
      switch (stop) {
        case 'SIGTERM the pool':
          kill(pool.child.pid ?? 0, 'SIGTERM');
          break;
        case 'SIGKILL the pool':
          kill(pool.child.pid ?? 0, 'SIGKILL');
          break;
        case 'SIGKILL cognito-local':
          kill(upstream[0], 'SIGKILL');
          break;
        case 'SIGTERM cognito-local':
          kill(upstream[0], 'SIGTERM');
          break;
        case 'SIGKILL both':
          kill(upstream[0], 'SIGKILL');
          kill(pool.child.pid ?? 0, 'SIGKILL');
          break;
      }
      running = false;
      await Promise.all(workers);
      if (stop.endsWith('cognito-local')) {
        // The pool starts cognito-local again with the same data and keeps serving.
        await until('cognito-local to be started again', () => pool?.upstreamPids.find((pid) => pid !== upstream[0]));
        await until('the pool to answer again', () => signIn(users[0]).then(() => true, () => undefined));
        // And a full restart of the pool finds the same data.
        kill(pool.child.pid ?? 0, 'SIGTERM');
      }
      await pool.ended();
      await until('cognito-local to end with the pool', () => (upstream.some(alive) ? undefined : true), 10_000);
      mark('restart');
      pool = new PoolProcess(data);
      endpoint = await pool.ready();

      // Everything acknowledged before the stop is there: every user (with their password) and every refresh token.
      mark('verify');
      const listed = new Set<string>();
      let token: string | undefined;
      do {
        const page = (await call(endpoint, 'ListUsers', { UserPoolId: poolId, Limit: 60, ...(token ? { PaginationToken: token } : {}) })) as { Users: Array<{ Username: string }>; PaginationToken?: string };
        page.Users.forEach((u) => listed.add(u.Username));
        token = page.PaginationToken;
      } while (token);
      assert.deepEqual(users.map((u) => u.username).filter((u) => !listed.has(u)), [], `round ${round + 1} (${stop}): every acknowledged user is still there`);
      await signIn(users[0]);
      await signIn(users[users.length - 1]);
      const failed: string[] = [];
      for (const refreshToken of refreshTokens) {
        await call(endpoint, 'GetTokensFromRefreshToken', { ClientId: clientId, RefreshToken: refreshToken }).catch((error: Error) => failed.push(error.message));
      }
      assert.deepEqual(failed, [], `round ${round + 1} (${stop}): every acknowledged refresh token works (${refreshTokens.length} tokens)`);
    }
    console.log(`      ${ROUNDS.length} rounds: ${users.length} users and ${refreshTokens.length} refresh tokens acknowledged, all there after every stop`);
  });

  it('never takes an empty or half-written data file for an empty pool: restores the last good copy, or refuses naming the file', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pool-damage-test-'));
    const seedFile = join(dataDir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify({ userPools: [{ key: 'd', name: 'damage', clients: [{ key: 'app', ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }], users: [{ username: 'demo', password: 'Demo-Passw0rd!' }] }] }));
    const data = join(dataDir, 'data');
    pool = new PoolProcess(data, seedFile);
    let endpoint = await pool.ready(true);
    const seeded = JSON.parse(/seeded: (.+)\n/.exec(pool.out)?.[1] ?? '{}') as { userPools: Array<{ id: string; clients: Record<string, { clientId: string }> }> };
    const { id: poolId } = seeded.userPools[0];
    const clientId = seeded.userPools[0].clients.app.clientId;
    const signIn = () => call(endpoint, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'demo', PASSWORD: 'Demo-Passw0rd!' } });
    const stopPool = async (): Promise<void> => {
      pool?.child.kill('SIGTERM');
      await pool?.ended();
    };
    await stopPool();
    pool = new PoolProcess(data); // This start keeps the last good copy.
    await pool.ready();
    const file = join(data, '.cognito', 'db', `${poolId}.json`);
    for (const damaged of ['', '{"Users": {"demo": {"Username": "de']) {
      await stopPool();
      writeFileSync(file, damaged);
      pool = new PoolProcess(data);
      endpoint = await pool.ready();
      assert.match(pool.out, /restored the copy kept at the pool's last start/);
      await signIn();
    }
    await stopPool();
    writeFileSync(file, '');
    rmSync(join(data, '.cognito', 'last-good'), { recursive: true, force: true });
    pool = new PoolProcess(data);
    await pool.ended();
    assert.equal(pool.child.exitCode, 1);
    assert.ok(pool.out.includes(file), `the message names the file: ${pool.out}`);
    assert.match(pool.out, /Nothing was changed\. Restore the file from a backup, or move it away/);
  });
});
