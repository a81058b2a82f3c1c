import { randomBytes } from 'node:crypto';
import type { LayerContext } from './context';
import { str } from './json';
import type { Body } from './registry';
import { tokenKey, type SessionRecord } from './state';
import { claimsOf, newId, newRefreshToken, refreshValidityMs } from './tokens';
import type { UpstreamClient } from './upstream';

export type AuthResult = { AccessToken: string; IdToken: string; RefreshToken?: string; ExpiresIn?: number; TokenType?: string };

/** Sessions for challenges last 3 minutes, as Cognito's do. */
export const SESSION_MS = 3 * 60 * 1000;

/**
 * What every sign-in ends with, whichever family ran it. Tokens: swap in our refresh token (a new
 * family) and add ExpiresIn/TokenType. A challenge from cognito-local: give it our own Session.
 */
export function afterAuth(ctx: LayerContext, result: Body, client: UpstreamClient, typedUsername: string): Body {
  const auth = result.AuthenticationResult as AuthResult | undefined;
  if (auth) {
    const claims = claimsOf(auth.AccessToken) ?? {};
    const username = typeof claims.username === 'string' ? claims.username : typedUsername;
    const family = newId();
    ctx.state.data.families[family] = { userPoolId: client.UserPoolId, username };
    const now = ctx.clock.now();
    const refreshToken = newRefreshToken();
    ctx.state.data.refresh[tokenKey(refreshToken)] = {
      family,
      clientId: client.ClientId,
      userPoolId: client.UserPoolId,
      username,
      upstream: String(auth.RefreshToken ?? ''),
      issuedAt: now,
      sessionEndsAt: now + refreshValidityMs(client.RefreshTokenValidity, client.TokenValidityUnits?.RefreshToken),
    };
    return { ChallengeParameters: {}, AuthenticationResult: { ...finishTokens(ctx, auth, family), RefreshToken: refreshToken } };
  }
  const challenge = str(result.ChallengeName);
  const params = (result.ChallengeParameters ?? {}) as Record<string, string>;
  const session = newSession(ctx, {
    clientId: client.ClientId,
    userPoolId: client.UserPoolId,
    username: params.USER_ID_FOR_SRP ?? typedUsername,
    challenge,
    expiresAt: ctx.clock.now() + SESSION_MS,
    upstreamSession: typeof result.Session === 'string' ? result.Session : undefined,
  });
  return { ChallengeName: challenge, ChallengeParameters: params, Session: session };
}

export function newSession(ctx: LayerContext, record: SessionRecord): string {
  const id = randomBytes(96).toString('base64url');
  ctx.state.data.sessions[id] = record;
  ctx.state.save();
  return id;
}

/** ID and access tokens with ExpiresIn and TokenType; the access token is remembered for revocation. */
export function finishTokens(ctx: LayerContext, auth: AuthResult, family: string): AuthResult {
  const claims = claimsOf(auth.AccessToken) ?? {};
  if (typeof claims.jti === 'string') {
    ctx.state.data.accessTokens[claims.jti] = { family, issuedAt: ctx.clock.now() };
  }
  ctx.state.save();
  const exp = typeof claims.exp === 'number' ? claims.exp : 0;
  const iat = typeof claims.iat === 'number' ? claims.iat : 0;
  return { AccessToken: auth.AccessToken, IdToken: auth.IdToken, ExpiresIn: Math.max(0, exp - iat), TokenType: 'Bearer' };
}
