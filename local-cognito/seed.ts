/**
 * Seed files create pools, app clients and users through the Cognito API (so the layer records client
 * settings such as RefreshTokenRotation). Format, documented in docs/local-user-pool.md:
 * { "userPools": [ { "key", "name", "clients": [ { "key", ...CreateUserPoolClient fields } ],
 *   "users": [ { "username", "password", "temporaryPassword"?, "attributes"?, "groups"? } ], "groups"?,
 *   "resourceServers"?: [ { "Identifier", "Name", "Scopes": [ { "ScopeName", "ScopeDescription" } ] } ],
 *   "codes"?: { "username": "next code" } } ] }
 * A user with neither password nor temporaryPassword is passwordless (EMAIL_OTP through USER_AUTH).
 */
import { passwordlessPassword } from './userAuth';

type Call = (operation: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>;
type SetCode = (userPoolId: string, username: string, code: string) => void;

export interface SeedFile {
  userPools: Array<{
    key?: string;
    name: string;
    groups?: string[];
    resourceServers?: Array<Record<string, unknown>>;
    clients?: Array<Record<string, unknown> & { key?: string }>;
    users?: Array<{ username: string; password?: string; temporaryPassword?: string; attributes?: Record<string, string>; groups?: string[] }>;
    /** username → the code the next sign-up or forgot-password message to that user carries. */
    codes?: Record<string, string>;
  }>;
}

export interface SeedResult {
  userPools: Array<{ key: string; id: string; name: string; clients: Record<string, { clientId: string; clientSecret?: string }>; users: string[] }>;
}

export async function applySeed(seed: SeedFile, call: Call, setCode: SetCode = () => {}): Promise<SeedResult> {
  if (!seed || !Array.isArray(seed.userPools)) {
    throw new Error('A seed file needs a "userPools" array (see docs/local-user-pool.md).');
  }
  const result: SeedResult = { userPools: [] };
  for (const pool of seed.userPools) {
    const created = (await call('CreateUserPool', { PoolName: pool.name })) as { UserPool: { Id: string } };
    const userPoolId = created.UserPool.Id;
    const entry: SeedResult['userPools'][number] = { key: pool.key ?? pool.name, id: userPoolId, name: pool.name, clients: {}, users: [] };
    for (const group of pool.groups ?? []) {
      await call('CreateGroup', { UserPoolId: userPoolId, GroupName: group });
    }
    // Before the clients: their AllowedOAuthScopes name these servers' scopes.
    for (const server of pool.resourceServers ?? []) {
      await call('CreateResourceServer', { ...server, UserPoolId: userPoolId });
    }
    for (const client of pool.clients ?? []) {
      const { key, ...request } = client;
      const made = (await call('CreateUserPoolClient', { ...request, UserPoolId: userPoolId })) as { UserPoolClient: { ClientId: string; ClientSecret?: string; ClientName: string } };
      entry.clients[key ?? made.UserPoolClient.ClientName] = { clientId: made.UserPoolClient.ClientId, clientSecret: made.UserPoolClient.ClientSecret };
    }
    for (const user of pool.users ?? []) {
      const attributes = Object.entries(user.attributes ?? {}).map(([Name, Value]) => ({ Name, Value }));
      const passwordless = !user.password && !user.temporaryPassword;
      const password = passwordless ? passwordlessPassword() : user.password;
      await call('AdminCreateUser', { UserPoolId: userPoolId, Username: user.username, TemporaryPassword: user.temporaryPassword ?? password, UserAttributes: attributes, MessageAction: 'SUPPRESS' });
      if (password && !user.temporaryPassword) {
        await call('AdminSetUserPassword', { UserPoolId: userPoolId, Username: user.username, Password: password, Permanent: true });
      }
      for (const group of user.groups ?? []) {
        await call('AdminAddUserToGroup', { UserPoolId: userPoolId, Username: user.username, GroupName: group });
      }
      entry.users.push(user.username);
    }
    for (const [username, code] of Object.entries(pool.codes ?? {})) {
      setCode(userPoolId, username, String(code));
    }
    result.userPools.push(entry);
  }
  return result;
}
