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

  /**
   * A user by user name, else by `sub`, else by email or phone number where the pool makes them sign-in
   * names, as cognito-local's getUserByUsername finds them: `UsernameAttributes` (the address is the name),
   * or `AliasAttributes` with the address verified, as AWS requires of an alias
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html). An
   * unverified or not-enabled email never stands for someone else's account.
   */
  userNow(userPoolId: string, username: string): UpstreamUser | undefined {
    const direct = this.exactUser(userPoolId, username);
    if (direct) return direct;
    const users = Object.values((this.store.get(userPoolId, ['Users']) ?? {}) as Record<string, UpstreamUser>);
    const options = this.poolOptions(userPoolId) ?? {};
    const listed = (name: string): string[] => (Array.isArray(options[name]) ? (options[name] as string[]) : []);
    const attribute = (user: UpstreamUser, name: string): string | undefined => user.Attributes?.find((a) => a.Name === name)?.Value;
    const bySub = users.find((user) => attribute(user, 'sub') === username);
    if (bySub) return bySub;
    for (const [name, verified] of [['email', 'email_verified'], ['phone_number', 'phone_number_verified']] as const) {
      const asName = listed('UsernameAttributes').includes(name);
      const asAlias = listed('AliasAttributes').includes(name);
      if (!asName && !asAlias) continue;
      const found = users.find((user) => attribute(user, name) === username && (asName || attribute(user, verified) === 'true'));
      if (found) return found;
    }
    return undefined;
  }

  /** The user with exactly this user name (no alias): what a refresh token or a session belongs to. */
  exactUser(userPoolId: string, username: string): UpstreamUser | undefined {
    if (userPoolId === 'clients') return undefined;
    const users = this.store.get(userPoolId, ['Users']) as Record<string, UpstreamUser> | undefined;
    const user = users && Object.hasOwn(users, username) ? users[username] : undefined;
    return user?.Username === username ? user : undefined;
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
  /** cognito-local's refresh tokens for this user (refresh records from before issue 19 name one of them). */
  RefreshTokens?: string[];
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
