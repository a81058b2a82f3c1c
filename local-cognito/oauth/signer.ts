import type { TokenSigner } from '../signing';
import { claimsOf, newId } from '../tokens';

/**
 * Managed login needs two things cognito-local's token generator cannot do: an access token whose
 * `scope` is what the user granted, and a machine-to-machine token with no user. Both are signed with the
 * pool's own key (`signing.ts`, one per data folder), so every verifier (the layer's access-token check,
 * jose, openid-client) treats them like any other token of the pool.
 */

/** The same token with some claims changed (`undefined` removes one); `jti`, `origin_jti`, `exp` and the rest are kept. */
export function withClaims(signer: TokenSigner, token: string, changes: Record<string, unknown>): string {
  const claims = { ...(claimsOf(token) ?? {}) };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) {
      delete claims[name];
    } else {
      claims[name] = value;
    }
  }
  return signer.sign(claims);
}

/**
 * A client-credentials access token as Cognito issues it: `sub` and `client_id` both the app client id,
 * `scope` the granted custom scopes, no `username`, no ID or refresh token.
 */
export function machineAccessToken(signer: TokenSigner, input: { issuer: string; clientId: string; scopes: string[]; nowMs: number; lifetimeSeconds: number }): string {
  const now = Math.floor(input.nowMs / 1000);
  return signer.sign({
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
