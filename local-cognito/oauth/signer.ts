import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { claimsOf, newId } from '../tokens';

/**
 * cognito-local's own signing key (the one its JWKS publishes, kid "CognitoLocal"), read from its package
 * as it ships. Managed login needs two things cognito-local's token generator cannot do: an access token
 * whose `scope` is what the user granted, and a machine-to-machine token with no user. Both are signed here
 * with the same key and header, so every verifier (the layer's own access-token check, jose, openid-client)
 * treats them like any other token of the pool.
 */
let key: KeyObject | undefined;
function signingKey(): KeyObject {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  key ??= createPrivateKey((require('cognito-local/lib/keys/cognitoLocal.private.json') as { pem: string }).pem);
  return key;
}

async function sign(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal', typ: 'JWT' }).sign(signingKey());
}

/** The same token with some claims changed (`undefined` removes one); `jti`, `exp` and the rest are kept. */
export async function withClaims(token: string, changes: Record<string, unknown>): Promise<string> {
  const claims = { ...(claimsOf(token) ?? {}) };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) {
      delete claims[name];
    } else {
      claims[name] = value;
    }
  }
  return sign(claims);
}

/**
 * A client-credentials access token as Cognito issues it: `sub` and `client_id` both the app client id,
 * `scope` the granted custom scopes, no `username`, no ID or refresh token.
 */
export async function machineAccessToken(input: { issuer: string; clientId: string; scopes: string[]; nowMs: number; lifetimeSeconds: number }): Promise<string> {
  const now = Math.floor(input.nowMs / 1000);
  return sign({
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
