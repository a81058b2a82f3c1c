import { createServer } from 'node:net';
import { cognitoLocalRouter, type CognitoLocalRoute } from './store/cognitoLocalInProcess';
import type { PoolStore } from './store/poolStore';

/**
 * cognito-local, unmodified, run inside the pool's process on the pool's own store (`store/poolStore.ts`).
 * The layer answers what it handles itself (sign-in, refresh, tokens: `families/`) from the same store and
 * hands the rest (user and pool administration, sign-up…) to cognito-local's own operation handlers. There
 * is no second process to cross, restart or lose data in.
 */
export class Upstream {
  private route: Promise<CognitoLocalRoute> | undefined;

  constructor(
    readonly store: PoolStore,
    private readonly issuerDomain: string,
  ) {}

  /** Loads cognito-local's handlers now (at start), rather than on the first operation that needs them. */
  warm(): void {
    this.route ??= cognitoLocalRouter(this.store, this.issuerDomain);
    this.route.catch(() => {}); // A failure reaches the first call, which awaits the same promise.
  }

  /** Calls a Cognito operation on cognito-local; its errors come back as CognitoError. */
  async call<T = Record<string, unknown>>(operation: string, body: Record<string, unknown>): Promise<T> {
    this.warm();
    const route = await (this.route as Promise<CognitoLocalRoute>);
    return (await route(operation, body)) as T;
  }

  /** An app client as cognito-local stored it, or undefined. */
  client(clientId: string): Promise<UpstreamClient | undefined> {
    return Promise.resolve(this.clientNow(clientId));
  }

  clientNow(clientId: string): UpstreamClient | undefined {
    return this.store.get('clients', ['Clients', clientId]) as UpstreamClient | undefined;
  }

  /** A user by user name, or by an alias (email, sub) as cognito-local finds them. */
  user(userPoolId: string, username: string): Promise<UpstreamUser | undefined> {
    return Promise.resolve(this.userNow(userPoolId, username));
  }

  userNow(userPoolId: string, username: string): UpstreamUser | undefined {
    if (userPoolId === 'clients') return undefined;
    const users = this.store.get(userPoolId, ['Users']) as Record<string, UpstreamUser> | undefined;
    if (!users) return undefined;
    const direct = Object.hasOwn(users, username) ? users[username] : undefined;
    if (direct?.Username === username) return direct;
    const all = Object.values(users);
    return all.find((u) => u.Username === username) ?? all.find((u) => u.Attributes?.some((a) => (a.Name === 'email' || a.Name === 'sub') && a.Value === username));
  }

  /** The groups a user is in, sorted, as cognito-local puts them in `cognito:groups`. */
  groupsOf(userPoolId: string, username: string): string[] {
    const groups = (this.store.get(userPoolId, ['Groups']) ?? {}) as Record<string, { GroupName: string; members?: string[] }>;
    return Object.values(groups)
      .filter((group) => group.members?.includes(username))
      .map((group) => group.GroupName)
      .sort((a, b) => a.localeCompare(b));
  }

  /** The pool's options (MfaConfiguration…), or undefined for an unknown pool. */
  poolOptions(userPoolId: string): Record<string, unknown> | undefined {
    return userPoolId === 'clients' ? undefined : (this.store.get(userPoolId, ['Options']) as Record<string, unknown> | undefined);
  }

  poolExists(userPoolId: string): boolean {
    return this.poolOptions(userPoolId) !== undefined;
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
  MFAOptions?: unknown[];
  UserMFASettingList?: unknown[];
}

/** A free loopback port (the tests start servers of their own on it). */
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
