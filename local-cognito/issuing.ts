import { randomBytes } from 'node:crypto';
import type { LayerContext } from './context';
import { str } from './json';
import { acrFor, NO_ASSURANCE, type Assurance } from './assurance';
import type { Body, RequestInfo } from './registry';
import { tokenKey, type SessionRecord } from './state';
import { idTokenAttributes, isAttributeClaim } from './attributeAccess';
import { claimsOf, newId, newRefreshToken, refreshValidityMs } from './tokens';
import { tokenLifetimeSeconds } from './tokenValidity';
import type { UpstreamClient, UpstreamUser } from './upstream';

export type AuthResult = { AccessToken: string; IdToken: string; RefreshToken?: string; ExpiresIn?: number; TokenType?: string };

/** The claims of a new ID and access token, before the layer completes and signs them (`finishTokens`). */
export interface TokenClaims {
  access: Record<string, unknown>;
  id: Record<string, unknown>;
}

/** Sessions for challenges last 3 minutes, as Cognito's do. */
export const SESSION_MS = 3 * 60 * 1000;

/**
 * What every sign-in ends with, whichever family ran it. Tokens (from cognito-local, after a challenge
 * it answered): a new sign-in of ours. A challenge from cognito-local: give it our own Session.
 */
export function afterAuth(ctx: LayerContext, result: Body, client: UpstreamClient, typedUsername: string, request: RequestInfo, assurance: Assurance = NO_ASSURANCE): Body {
  const auth = result.AuthenticationResult as AuthResult | undefined;
  if (auth) {
    const claims = { access: claimsOf(auth.AccessToken) ?? {}, id: claimsOf(auth.IdToken) ?? {} };
    const username = typeof claims.access.username === 'string' ? claims.access.username : typedUsername;
    return signedIn(ctx, claims, client, username, request, assurance);
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

/**
 * Whether a user whose password (or code) is proven gets tokens now, as cognito-local's USER_PASSWORD_AUTH
 * decides: not when their status asks for something first (a new password, a reset, confirmation) and not
 * when the pool asks for MFA (always, or for users who set it up). Those go to cognito-local's challenges.
 */
export function readyForTokens(ctx: LayerContext, client: UpstreamClient, user: UpstreamUser): boolean {
  if (user.UserStatus === 'FORCE_CHANGE_PASSWORD' || user.UserStatus === 'RESET_REQUIRED' || user.UserStatus === 'UNCONFIRMED') {
    return false;
  }
  const mfa = ctx.upstream.poolOptions(client.UserPoolId)?.MfaConfiguration;
  const userHasMfa = (user.MFAOptions ?? []).length > 0 || (user.UserMFASettingList ?? []).length > 0;
  return !(mfa === 'ON' || (mfa !== 'OFF' && userHasMfa));
}

/**
 * A user's new ID and access token claims: what cognito-local's token generator (JwtTokenGenerator) puts
 * in them, made here so that a sign-in or refresh signs two tokens once, with the pool's key, instead of
 * three with cognito-local's and two again. Times are real time, as cognito-local's were.
 */
export function userTokenClaims(ctx: LayerContext, client: UpstreamClient, user: UpstreamUser): TokenClaims {
  const iat = Math.floor(Date.now() / 1000);
  const eventId = newId();
  const attribute = (name: string): string | undefined => user.Attributes?.find((a) => a.Name === name)?.Value;
  const sub = attribute('sub');
  const groups = ctx.upstream.groupsOf(client.UserPoolId, user.Username);
  const access: Record<string, unknown> = { auth_time: iat, client_id: client.ClientId, event_id: eventId, iat, jti: newId(), scope: 'aws.cognito.signin.user.admin', sub, token_use: 'access', username: user.Username };
  const id: Record<string, unknown> = { 'cognito:username': user.Username, auth_time: iat, event_id: eventId, iat, jti: newId(), sub, token_use: 'id', aud: client.ClientId };
  if (groups.length > 0) {
    access['cognito:groups'] = groups;
    id['cognito:groups'] = groups;
  }
  return { access, id };
}

/** A new sign-in: a refresh-token family of its own, and its first tokens. */
export function signedIn(ctx: LayerContext, claims: TokenClaims, client: UpstreamClient, username: string, request: RequestInfo, assurance: Assurance = NO_ASSURANCE): Body {
  const family = newId();
  ctx.state.put('families', family, { userPoolId: client.UserPoolId, username, acr: acrFor(assurance), amr: assurance.amr.length > 0 ? assurance.amr : undefined });
  const now = ctx.clock.now();
  const refreshToken = newRefreshToken();
  const sub = typeof claims.access.sub === 'string' ? claims.access.sub : undefined;
  ctx.state.put('refresh', tokenKey(refreshToken), {
    family,
    clientId: client.ClientId,
    userPoolId: client.UserPoolId,
    username,
    sub,
    issuedAt: now,
    sessionEndsAt: now + refreshValidityMs(client.RefreshTokenValidity, client.TokenValidityUnits?.RefreshToken),
  });
  return { ChallengeParameters: {}, AuthenticationResult: { ...finishTokens(ctx, claims, family, client, request), RefreshToken: refreshToken } };
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
export function finishTokens(ctx: LayerContext, given: TokenClaims, family: string, client: UpstreamClient, request: RequestInfo): AuthResult {
  const revocation = ctx.extras(client.ClientId).revocation !== false;
  const signIn = ctx.state.data.families[family];
  const username = str(given.access.username);
  const user = username ? ctx.upstream.userNow(client.UserPoolId, username) : undefined;
  const complete = (original: Record<string, unknown>, kind: 'IdToken' | 'AccessToken', changes: Record<string, unknown> = {}): { token: string; claims: Record<string, unknown> } => {
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
  const access = complete(given.access, 'AccessToken', granted ? { scope: granted.join(' ') } : {});
  const id = complete(given.id, 'IdToken');
  const exp = typeof access.claims.exp === 'number' ? access.claims.exp : 0;
  const iat = typeof access.claims.iat === 'number' ? access.claims.iat : 0;
  ctx.state.put('accessTokens', String(access.claims.jti), { family, issuedAt: ctx.clock.now(), expiresAt: exp * 1000 });
  return { AccessToken: access.token, IdToken: id.token, ExpiresIn: Math.max(0, exp - iat), TokenType: 'Bearer' };
}
