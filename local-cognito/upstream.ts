import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!response.ok) {
      const type = (str(json.__type) || str(json.code) || 'InternalErrorException').split('#').pop() ?? 'InternalErrorException';
      throw new CognitoError(type, str(json.message) || 'cognito-local failed', response.status);
    }
    return json as T;
  }

  /** An app client as cognito-local stored it, or undefined. */
  client(clientId: string): UpstreamClient | undefined {
    const clients = readJson<{ Clients?: Record<string, UpstreamClient> }>(join(this.dataDir, '.cognito', 'db', 'clients.json'));
    return clients?.Clients?.[clientId];
  }

  /** A user as cognito-local stored it (it keeps passwords in clear: a development tool). */
  user(userPoolId: string, username: string): UpstreamUser | undefined {
    const pool = readJson<{ Users?: Record<string, UpstreamUser> }>(join(this.dataDir, '.cognito', 'db', `${userPoolId}.json`));
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
  TokenValidityUnits?: { RefreshToken?: string };
}

export interface UpstreamUser {
  Username: string;
  Password: string;
  UserStatus: string;
  Enabled: boolean;
  Attributes?: Array<{ Name: string; Value: string }>;
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) {
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined; // cognito-local is mid-write; callers treat it as not found.
  }
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
