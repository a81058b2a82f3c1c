import { randomBytes } from 'node:crypto';
import type { LayerContext } from './context';
import { str } from './json';
import { acrFor, NO_ASSURANCE, type Assurance } from './assurance';
import type { Body, RequestInfo } from './registry';
import { tokenKey, type SessionRecord } from './state';
import { idTokenAttributes, isAttributeClaim } from './attributeAccess';
import { claimsOf, newId, newRefreshToken, refreshValidityMs } from './tokens';
import { tokenLifetimeSeconds } from './tokenValidity';
import type { UpstreamClient } from './upstream';

export type AuthResult = { AccessToken: string; IdToken: string; RefreshToken?: string; ExpiresIn?: number; TokenType?: string };

/** Sessions for challenges last 3 minutes, as Cognito's do. */
export const SESSION_MS = 3 * 60 * 1000;

/**
 * What every sign-in ends with, whichever family ran it. Tokens: swap in our refresh token (a new
 * family) and add ExpiresIn/TokenType. A challenge from cognito-local: give it our own Session.
 */
export async function afterAuth(ctx: LayerContext, result: Body, client: UpstreamClient, typedUsername: string, request: RequestInfo, assurance: Assurance = NO_ASSURANCE): Promise<Body> {
  const auth = result.AuthenticationResult as AuthResult | undefined;
  if (auth) {
    const claims = claimsOf(auth.AccessToken) ?? {};
    const username = typeof claims.username === 'string' ? claims.username : typedUsername;
    const family = newId();
    ctx.state.put('families', family, { userPoolId: client.UserPoolId, username, acr: acrFor(assurance), amr: assurance.amr.length > 0 ? assurance.amr : undefined });
    const now = ctx.clock.now();
    const refreshToken = newRefreshToken();
    ctx.state.put('refresh', tokenKey(refreshToken), {
      family,
      clientId: client.ClientId,
      userPoolId: client.UserPoolId,
      username,
      upstream: String(auth.RefreshToken ?? ''),
      issuedAt: now,
      sessionEndsAt: now + refreshValidityMs(client.RefreshTokenValidity, client.TokenValidityUnits?.RefreshToken),
    });
    return { ChallengeParameters: {}, AuthenticationResult: { ...(await finishTokens(ctx, auth, family, client, request)), RefreshToken: refreshToken } };
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
    assurance,
  });
  return { ChallengeName: challenge, ChallengeParameters: params, Session: session };
}

export function newSession(ctx: LayerContext, record: SessionRecord): string {
  const id = randomBytes(96).toString('base64url');
  ctx.state.addSession(id, record);
  return id;
}

/**
 * ID and access tokens with ExpiresIn and TokenType. The layer completes cognito-local's tokens: `iss` is
 * the address the client used, each has a `jti`, and with token revocation on (the client's
 * EnableTokenRevocation, on by default) an `origin_jti` naming the sign-in they descend from, which is
 * how RevokeToken finds them and why the SDKs' signOut calls RevokeToken at all. Their lifetime is the
 * client's (60 minutes unless it says: `tokenValidity.ts`; cognito-local would give 24 hours), and the ID
 * token carries every attribute the client may read (`attributeAccess.ts`; cognito-local puts only email
 * and custom attributes in it).
 */
export async function finishTokens(ctx: LayerContext, auth: AuthResult, family: string, client: UpstreamClient, request: RequestInfo): Promise<AuthResult> {
  const revocation = ctx.extras(client.ClientId).revocation !== false;
  const signIn = ctx.state.data.families[family];
  const username = str(claimsOf(auth.AccessToken)?.username);
  const user = username ? await ctx.upstream.user(client.UserPoolId, username) : undefined;
  const complete = (token: string, kind: 'IdToken' | 'AccessToken', changes: Record<string, unknown> = {}): { token: string; claims: Record<string, unknown> } => {
    const original = claimsOf(token) ?? {};
    const claims: Record<string, unknown> = { ...original, iss: `${request.origin}/${client.UserPoolId}`, jti: typeof original.jti === 'string' ? original.jti : newId(), ...changes };
    if (typeof original.iat === 'number') {
      claims.exp = original.iat + tokenLifetimeSeconds(client, kind);
    }
    if (kind === 'IdToken' && user) {
      for (const name of Object.keys(claims)) {
        if (isAttributeClaim(name, user)) delete claims[name];
      }
      Object.assign(claims, idTokenAttributes(user, client));
    }
    if (revocation) {
      claims.origin_jti = family;
    }
    // The sign-in's assurance, on its first tokens and every refresh (a refresh authenticates nobody anew).
    if (signIn?.acr !== undefined) claims.acr = signIn.acr;
    if (signIn?.amr !== undefined) claims.amr = signIn.amr;
    return { token: ctx.signer.sign(claims), claims };
  };
  // A session started through managed login keeps the scopes granted then on every refresh path
  // (GetTokensFromRefreshToken, REFRESH_TOKEN_AUTH, /oauth2/token), as Cognito's do: without
  // aws.cognito.signin.user.admin, GetUser and the other self-service calls stay refused. See
  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html
  const granted = ctx.state.data.oauthGrants[family];
  const access = complete(auth.AccessToken, 'AccessToken', granted ? { scope: granted.join(' ') } : {});
  const id = complete(auth.IdToken, 'IdToken');
  const exp = typeof access.claims.exp === 'number' ? access.claims.exp : 0;
  const iat = typeof access.claims.iat === 'number' ? access.claims.iat : 0;
  ctx.state.put('accessTokens', String(access.claims.jti), { family, issuedAt: ctx.clock.now(), expiresAt: exp * 1000 });
  return { AccessToken: access.token, IdToken: id.token, ExpiresIn: Math.max(0, exp - iat), TokenType: 'Bearer' };
}
