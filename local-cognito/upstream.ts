import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CognitoError } from './errors';
import { str } from './json';
import { checkDataFiles } from './dataFiles';
import { UPSTREAM_SHIM } from './upstreamShim';

/**
 * cognito-local, run as it ships (its own bin, its own data folder) on a private loopback port.
 * The layer forwards what it does not handle itself and reads its data files to learn what an app
 * client or user is; it never writes them. If cognito-local ends on its own (killed, crashed), it is
 * started again on the same port and data: everything it acknowledged is on disk (see `upstreamShim.ts`).
 */
export class Upstream {
  private readonly files = new DataFiles();
  private child: ChildProcess;
  private stopping = false;
  private restarts: number[] = [];

  private constructor(
    readonly url: string,
    private readonly dataDir: string,
    private readonly port: number,
    first: ChildProcess,
    private readonly output: (line: string) => void,
  ) {
    this.child = first;
    this.watch(first);
  }

  static async start(dataDir: string, issuerDomain: string, output: (line: string) => void = () => {}): Promise<Upstream> {
    mkdirSync(join(dataDir, '.cognito'), { recursive: true });
    writeFileSync(
      join(dataDir, '.cognito', 'config.json'),
      // Issuer = the layer's address, so `iss` and the JWKS URL point where clients talk.
      // Usernames are free-form as on AWS (cognito-local's default insists on email addresses).
      JSON.stringify({ TokenConfig: { IssuerDomain: issuerDomain }, UserPoolDefaults: { UsernameAttributes: [] } }),
    );
    // Before cognito-local reads its files: a damaged one is restored from its last good copy, or the
    // start stops here naming it (cognito-local would take an empty file for an empty pool).
    checkDataFiles(join(dataDir, '.cognito'), output);
    const port = await freePort();
    const child = await launch(dataDir, port);
    return new Upstream(`http://127.0.0.1:${port}`, dataDir, port, child, output);
  }

  /** cognito-local ended without being asked: start it again (at most 5 times a minute). */
  private watch(child: ChildProcess): void {
    child.once('exit', (code, signal) => {
      if (this.stopping || child !== this.child) return;
      const now = Date.now();
      this.restarts = [...this.restarts.filter((at) => at > now - 60_000), now];
      if (this.restarts.length > 5) {
        this.output(`cognito-local ended (${signal ?? `exit code ${code}`}) again; not restarting it. Stop the pool and start it again; its data is kept.`);
        return;
      }
      this.output(`cognito-local ended (${signal ?? `exit code ${code}`}); starting it again with the same data.`);
      launch(this.dataDir, this.port).then(
        (next) => {
          if (this.stopping) {
            next.kill('SIGTERM');
            return;
          }
          this.child = next;
          this.watch(next);
        },
        (error: unknown) => this.output(`cognito-local could not be started again: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
  }

  /** Calls a Cognito operation on cognito-local; its errors come back as CognitoError. */
  async call<T = Record<string, unknown>>(operation: string, body: Record<string, unknown>): Promise<T> {
    const response = await post(this.url, operation, JSON.stringify(body));
    const text = response.text;
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (response.status >= 400) {
      const type = (str(json.__type) || str(json.code) || 'InternalErrorException').split('#').pop() ?? 'InternalErrorException';
      throw new CognitoError(type, str(json.message) || 'cognito-local failed', response.status);
    }
    return json as T;
  }

  /** An app client as cognito-local stored it, or undefined. */
  async client(clientId: string): Promise<UpstreamClient | undefined> {
    const clients = await this.files.read<{ Clients?: Record<string, UpstreamClient> }>(join(this.dataDir, '.cognito', 'db', 'clients.json'));
    return clients?.Clients?.[clientId];
  }

  /** A user as cognito-local stored it (it keeps passwords in clear: a development tool). */
  async user(userPoolId: string, username: string): Promise<UpstreamUser | undefined> {
    if (!/^[\w-]+$/.test(userPoolId)) {
      return undefined;
    }
    const pool = await this.files.read<{ Users?: Record<string, UpstreamUser> }>(join(this.dataDir, '.cognito', 'db', `${userPoolId}.json`));
    const users = Object.values(pool?.Users ?? {});
    return users.find((u) => u.Username === username) ?? users.find((u) => u.Attributes?.some((a) => (a.Name === 'email' || a.Name === 'sub') && a.Value === username));
  }

  poolExists(userPoolId: string): boolean {
    return /^[\w-]+$/.test(userPoolId) && existsSync(join(this.dataDir, '.cognito', 'db', `${userPoolId}.json`));
  }

  stop(): void {
    this.stopping = true;
    this.child.kill('SIGTERM');
  }

  /** cognito-local's process id (the crash tests kill it). */
  get pid(): number | undefined {
    return this.child.pid;
  }
}

/** Starts cognito-local on `port` and waits until it answers. */
async function launch(dataDir: string, port: number): Promise<ChildProcess> {
  const bin = require.resolve('cognito-local/lib/bin/start.js');
  // cognito-local runs under a parent-death watch: its stdin is a pipe only we hold, so when this
  // process ends in any way (SIGKILL included) the pipe closes and cognito-local exits with it. The
  // same preamble makes its data-file writes atomic (`upstreamShim.ts`).
  const child = spawn(process.execPath, ['-e', UPSTREAM_SHIM, bin], {
    cwd: dataDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DEBUG: '' },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await fetch(`${url}/health`);
      return child;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill();
        throw new Error(`cognito-local did not start: ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export interface UpstreamClient {
  ClientId: string;
  UserPoolId: string;
  ClientSecret?: string;
  ExplicitAuthFlows?: string[];
  RefreshTokenValidity?: number;
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  TokenValidityUnits?: { RefreshToken?: string; AccessToken?: string; IdToken?: string };
  /** Attributes the client may read (GetUser, the ID token); all when absent or empty. */
  ReadAttributes?: string[];
  /** Attributes the client may write (UpdateUserAttributes); the standard ones when absent or empty. */
  WriteAttributes?: string[];
}

export interface UpstreamUser {
  Username: string;
  Password: string;
  /** The sign-up or forgot-password code cognito-local would accept. */
  ConfirmationCode?: string;
  /** The attribute verification code cognito-local would accept. */
  AttributeVerificationCode?: string;
  UserStatus: string;
  Enabled: boolean;
  Attributes?: Array<{ Name: string; Value: string }>;
}

/**
 * cognito-local's data files, read while it writes them: it rewrites a file in place (truncate, then
 * write, sometimes two writes at once), so a read can see half a file. A read that does not parse is
 * tried again until the writes settle; if they never do, the last complete version stands in. Parsed
 * files are kept until the file changes, so a burst of sign-ins parses each version once.
 */
class DataFiles {
  private readonly cache = new Map<string, { stamp: string; value: unknown }>();

  async read<T>(file: string): Promise<T | undefined> {
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      let stamp: string;
      try {
        const stat = statSync(file);
        stamp = `${stat.mtimeMs}/${stat.size}/${stat.ino}`;
      } catch {
        return undefined; // No such file: nothing stored yet.
      }
      const cached = this.cache.get(file);
      if (cached?.stamp === stamp) {
        return cached.value as T;
      }
      try {
        const value = JSON.parse(readFileSync(file, 'utf8')) as T;
        this.cache.set(file, { stamp, value });
        return value;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 2 + attempt));
      }
    }
    return this.cache.get(file)?.value as T | undefined;
  }
}

/** About 1.3 s of retries in all, far longer than cognito-local takes to write a file. */
const READ_ATTEMPTS = 50;

/**
 * How long one call to cognito-local may take once sent. A call never waits forever: cognito-local hung,
 * or restarting after a crash, becomes an error the client sees instead of a stall.
 */
export const UPSTREAM_TIMEOUT_MS = 15_000;
/**
 * Calls to cognito-local in flight at once; the rest wait their turn here. cognito-local handles one
 * request at a time (about 25 ms per refresh on a busy 2-core machine, most of it signing tokens), so a
 * burst of 200 refreshes queues for seconds whatever we do; sending all 200 at once only adds 200
 * simultaneous connects, which overflow a small listen backlog (128 on macOS) and cost 1 + 2 + 4 + 8 s
 * of SYN retries for the unlucky ones. Measured: 200 concurrent `/oauth2/token` refreshes spent their
 * time waiting on cognito-local (layer event-loop delay p50 14 ms), none in the layer.
 */
const MAX_IN_FLIGHT = 8;
let inFlight = 0;
const waiting: Array<() => void> = [];

async function post(url: string, operation: string, body: string): Promise<{ status: number; text: string }> {
  if (inFlight >= MAX_IN_FLIGHT) {
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  inFlight++;
  try {
    return await postOnce(url, operation, body, UPSTREAM_TIMEOUT_MS);
  } finally {
    inFlight--;
    waiting.shift()?.();
  }
}

/**
 * One POST on a fresh loopback connection, failing after `timeoutMs`. Reusing idle connections races
 * cognito-local's 5-second keep-alive timeout when the event loop is busy (a burst of SRP sign-ins): a
 * request written to a socket the server has just closed fails with ECONNRESET, and a POST cannot be
 * retried blindly.
 */
export function postOnce(url: string, operation: string, body: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`, 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 500, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new CognitoError('InternalErrorException', `cognito-local did not answer ${operation} within ${timeoutMs / 1000} s. Try again; if it keeps happening, restart the local pool (its data is kept).`, 500));
    }, timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
