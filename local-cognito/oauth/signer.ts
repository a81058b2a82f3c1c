import { signAsCognitoLocal } from '../signing';
import { claimsOf, newId } from '../tokens';

/**
 * Managed login needs two things cognito-local's token generator cannot do: an access token whose
 * `scope` is what the user granted, and a machine-to-machine token with no user. Both are signed by the
 * pool's own signing (`signing.ts`: cognito-local's key, kid "CognitoLocal"), so every verifier (the
 * layer's access-token check, jose, openid-client) treats them like any other token of the pool.
 */

/** The same token with some claims changed (`undefined` removes one); `jti`, `origin_jti`, `exp` and the rest are kept. */
export function withClaims(token: string, changes: Record<string, unknown>): string {
  const claims = { ...(claimsOf(token) ?? {}) };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) {
      delete claims[name];
    } else {
      claims[name] = value;
    }
  }
  return signAsCognitoLocal(claims);
}

/**
 * A client-credentials access token as Cognito issues it: `sub` and `client_id` both the app client id,
 * `scope` the granted custom scopes, no `username`, no ID or refresh token.
 */
export function machineAccessToken(input: { issuer: string; clientId: string; scopes: string[]; nowMs: number; lifetimeSeconds: number }): string {
  const now = Math.floor(input.nowMs / 1000);
  return signAsCognitoLocal({
    sub: input.clientId,
    token_use: 'access',
    scope: input.scopes.join(' '),
    auth_time: now,
    iss: input.issuer,
    exp: now + input.lifetimeSeconds,
    iat: now,
    version: 2,
    jti: newId(),
    client_id: input.clientId,
  });
}
