import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The pool as users run it: `local-cognito --data DIR`, one process (cognito-local runs inside it). */
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

const ROUNDS = ['SIGTERM', 'SIGKILL', 'SIGKILL', 'SIGTERM', 'SIGKILL', 'SIGKILL'] as const;

describe('local user pool: data survives SIGTERM and SIGKILL under load', function () {
  this.timeout(240_000);
  let dataDir = '';
  let pool: PoolProcess | undefined;

  afterEach(async () => {
    try {
      pool?.child.kill('SIGKILL');
    } catch {
      // Gone.
    }
    await pool?.ended();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged user and refresh token through ${ROUNDS.length} stops (${ROUNDS.join(', ')})`, async () => {
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
      try {
        await until('load to be acknowledged', () => (acknowledged >= 24 ? true : undefined), 60_000);
        mark('kill');
        pool.child.kill(stop);
      } finally {
        // Whatever happened, the workers stop (a failed wait must not leave them looping after the test).
        running = false;
        await Promise.all(workers);
      }
      await pool.ended();
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

  /** A seeded pool in a fresh data folder, stopped: what the next start finds. */
  async function seededFolder(prefix: string): Promise<{ data: string; clientId: string; poolId: string }> {
    dataDir = mkdtempSync(join(tmpdir(), prefix));
    const seedFile = join(dataDir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify({ userPools: [{ key: 'd', name: 'damage', clients: [{ key: 'app', ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }], users: [{ username: 'demo', password: 'Demo-Passw0rd!' }] }] }));
    const data = join(dataDir, 'data');
    pool = new PoolProcess(data, seedFile);
    await pool.ready(true);
    const seeded = JSON.parse(/seeded: (.+)\n/.exec(pool.out)?.[1] ?? '{}') as { userPools: Array<{ id: string; clients: Record<string, { clientId: string }> }> };
    pool.child.kill('SIGTERM');
    await pool.ended();
    return { data, poolId: seeded.userPools[0].id, clientId: seeded.userPools[0].clients.app.clientId };
  }

  const signInDemo = (endpoint: string, clientId: string) => call(endpoint, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'demo', PASSWORD: 'Demo-Passw0rd!' } });

  it('drops only a journal line cut short by a crash, and keeps every change before it', async () => {
    const { data, clientId } = await seededFolder('pool-journal-test-');
    // What SIGKILL in the middle of an append leaves: a last line without its end.
    appendFileSync(join(data, 'local-pool-users.journal'), '{"s":"clients","k":["Clients","x"],"v":{"ClientId":"x","UserPool');
    appendFileSync(join(data, 'local-pool-layer.journal'), '{"t":"refresh","k":"ab');
    pool = new PoolProcess(data);
    const endpoint = await pool.ready();
    await signInDemo(endpoint, clientId);
  });

  it('refuses to start on a damaged snapshot, naming the file, and changes nothing', async () => {
    const { data } = await seededFolder('pool-damage-test-');
    const file = join(data, 'local-pool-users.json');
    for (const damaged of ['', '{"clients": {"Clients": {"de']) {
      writeFileSync(file, damaged);
      pool = new PoolProcess(data);
      await pool.ended();
      assert.equal(pool.child.exitCode, 1);
      assert.ok(pool.out.includes(file), `the message names the file: ${pool.out}`);
      assert.match(pool.out, /is damaged\. Nothing was changed\. Restore it from a backup, or move it away/);
      assert.equal(readFileSync(file, 'utf8'), damaged, 'the file is left as it was');
    }
  });

  it("takes over a data folder from before (cognito-local's own files): users, passwords and clients", async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pool-import-test-'));
    const data = join(dataDir, 'data');
    const db = join(data, '.cognito', 'db');
    mkdirSync(db, { recursive: true });
    const when = '2026-01-02T03:04:05.000Z';
    writeFileSync(join(db, 'clients.json'), JSON.stringify({ Clients: { oldclient1: { ClientId: 'oldclient1', ClientName: 'old', UserPoolId: 'local_old1', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], CreationDate: when, LastModifiedDate: when } } }));
    writeFileSync(join(db, 'local_old1.json'), JSON.stringify({
      Options: { Id: 'local_old1', Name: 'old', UsernameAttributes: [], CreationDate: when, LastModifiedDate: when },
      Users: { demo: { Username: 'demo', Password: 'Demo-Passw0rd!', UserStatus: 'CONFIRMED', Enabled: true, Attributes: [{ Name: 'sub', Value: '0a1b2c3d-0000-4000-8000-000000000001' }], UserCreateDate: when, UserLastModifiedDate: when } },
    }));
    pool = new PoolProcess(data);
    const endpoint = await pool.ready();
    await signInDemo(endpoint, 'oldclient1');
    const described = (await call(endpoint, 'AdminGetUser', { UserPoolId: 'local_old1', Username: 'demo' })) as { UserCreateDate: number };
    assert.equal(described.UserCreateDate, Date.parse(when) / 1000, 'dates come back as they were');
  });

  it('refuses to start on a journal damaged before its last line, naming it', async () => {
    const { data } = await seededFolder('pool-journal-damage-test-');
    const journal = join(data, 'local-pool-users.journal');
    writeFileSync(journal, '{"s":"clients","k":["Clients","x"],"v":{"ClientId":"x"}}\nnot json\n{"s":"clients","k":["Clients","y"],"v":{"ClientId":"y"}}\n');
    pool = new PoolProcess(data);
    await pool.ended();
    assert.equal(pool.child.exitCode, 1);
    assert.ok(pool.out.includes(journal) && pool.out.includes('line 2'), `the message names the file and line: ${pool.out}`);
  });

  it("keeps a pool's own values whose names end in Date as they were through a restart", async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pool-tags-test-'));
    const data = join(dataDir, 'data');
    pool = new PoolProcess(data);
    let endpoint = await pool.ready();
    const tags = { expiryDate: '2030-01-01', ownerDate: 'not a date', plain: 'x' };
    const created = (await call(endpoint, 'CreateUserPool', { PoolName: 'tags', UserPoolTags: tags })) as { UserPool: { Id: string } };
    pool.child.kill('SIGKILL');
    await pool.ended();
    pool = new PoolProcess(data);
    endpoint = await pool.ready();
    const described = (await call(endpoint, 'DescribeUserPool', { UserPoolId: created.UserPool.Id })) as { UserPool: { UserPoolTags: Record<string, string> } };
    assert.deepEqual(described.UserPool.UserPoolTags, tags);
  });

  it('refuses a second pool on the same data folder, naming the first, and the first goes on', async () => {
    const { data, clientId } = await seededFolder('pool-lock-test-');
    pool = new PoolProcess(data);
    const endpoint = await pool.ready();
    const second = new PoolProcess(data);
    try {
      await second.ended();
      assert.equal(second.child.exitCode, 1);
      assert.ok(second.out.includes(`another local pool (process ${pool.child.pid ?? 0}) is using the data folder`), second.out);
    } finally {
      second.child.kill('SIGKILL');
    }
    await signInDemo(endpoint, clientId);
    // A lock left by SIGKILL is taken over by the next start.
    pool.child.kill('SIGKILL');
    await pool.ended();
    pool = new PoolProcess(data);
    await signInDemo(await pool.ready(), clientId);
  });
});
