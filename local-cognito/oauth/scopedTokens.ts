import { notAuthorized } from '../errors';
import type { TokenSigner } from '../signing';
import { claimsOf } from '../tokens';
import type { AuthResult } from './host';
import { withClaims } from './signer';

export interface OAuthTokens {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in: number;
  token_type: 'Bearer';
}

/**
 * The pool's tokens as managed login hands them out: the access token's `scope` is exactly what was
 * granted (so `aws.cognito.signin.user.admin` only when asked for), the ID token only with `openid`
 * (carrying the authorize request's `nonce`). Everything else, `jti` included, stays as the pool issued
 * it, so revocation and sign-out find these tokens like any other.
 */
export function scopedTokens(signer: TokenSigner, auth: AuthResult, scopes: string[], nonce?: string): OAuthTokens {
  const tokens: OAuthTokens = {
    access_token: withClaims(signer, auth.AccessToken, { scope: scopes.join(' ') }),
    expires_in: auth.ExpiresIn ?? 3600,
    token_type: 'Bearer',
  };
  if (scopes.includes('openid')) {
    tokens.id_token = nonce === undefined ? auth.IdToken : withClaims(signer, auth.IdToken, { nonce });
  }
  if (auth.RefreshToken) {
    tokens.refresh_token = auth.RefreshToken;
  }
  return tokens;
}

/**
 * The user-pool API (GetUser, UpdateUserAttributes, GlobalSignOut…) takes only access tokens with
 * `aws.cognito.signin.user.admin`; tokens from managed login without it must use `/oauth2/userInfo`.
 */
export function requireAdminScope(accessToken: string): void {
  const scope = claimsOf(accessToken)?.scope;
  if (typeof scope !== 'string' || !scope.split(' ').includes('aws.cognito.signin.user.admin')) {
    throw notAuthorized('Access Token does not have required scopes');
  }
}
