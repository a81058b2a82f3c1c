import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CognitoError } from './errors';
import { str } from './json';

/** Run before cognito-local's own bin (argv[1]) in its process: exit when the parent's pipe closes. */
const PARENT_WATCH = [
  "process.stdin.on('data', () => {});",
  "process.stdin.on('end', () => process.exit(0));",
  "process.stdin.on('error', () => process.exit(0));",
  'require(process.argv[1]);',
].join(' ');

/**
 * cognito-local, run as it ships (its own bin, its own data folder) on a private loopback port.
 * The layer forwards what it does not handle itself and reads its data files to learn what an app
 * client or user is; it never writes them.
 */
export class Upstream {
  private readonly files = new DataFiles();

  private constructor(
    readonly url: string,
    private readonly dataDir: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(dataDir: string, issuerDomain: string): Promise<Upstream> {
    mkdirSync(join(dataDir, '.cognito'), { recursive: true });
    writeFileSync(
      join(dataDir, '.cognito', 'config.json'),
      // Issuer = the layer's address, so `iss` and the JWKS URL point where clients talk.
      // Usernames are free-form as on AWS (cognito-local's default insists on email addresses).
      JSON.stringify({ TokenConfig: { IssuerDomain: issuerDomain }, UserPoolDefaults: { UsernameAttributes: [] } }),
    );
    const port = await freePort();
    const bin = require.resolve('cognito-local/lib/bin/start.js');
    // cognito-local runs under a parent-death watch: its stdin is a pipe only we hold, so when this
    // process ends in any way (SIGKILL included) the pipe closes and cognito-local exits with it.
    const child = spawn(process.execPath, ['-e', PARENT_WATCH, bin], {
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
        break;
      } catch {
        if (child.exitCode !== null || Date.now() > deadline) {
          child.kill();
          throw new Error(`cognito-local did not start: ${stderr}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return new Upstream(url, dataDir, child);
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
    this.child.kill('SIGTERM');
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
 * One POST on a fresh loopback connection. Reusing idle connections races cognito-local's 5-second
 * keep-alive timeout when the event loop is busy (a burst of SRP sign-ins): a request written to a
 * socket the server has just closed fails with ECONNRESET, and a POST cannot be retried blindly.
 */
function post(url: string, operation: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`, 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 500, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
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
