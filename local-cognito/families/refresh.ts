/**
 * Refresh and rotation: GetTokensFromRefreshToken (new refresh token on every call when the client
 * rotates, the replaced one usable for the grace period) and InitiateAuth REFRESH_TOKEN_AUTH.
 */
import type { LayerContext } from '../context';
import { CognitoError, invalidParameter, notAuthorized, requireParams } from '../errors';
import { finishTokens, userTokenClaims, type AuthResult, type TokenClaims } from '../issuing';
import type { AuthFlowRequest, Body, Registry, RequestInfo } from '../registry';
import { tokenKey, type RefreshRecord } from '../state';
import { newRefreshToken } from '../tokens';
import type { UpstreamClient, UpstreamUser } from '../upstream';

export function registerRefresh(registry: Registry, ctx: LayerContext): void {
  registry.operation('GetTokensFromRefreshToken', (body, request) => getTokensFromRefreshToken(ctx, body, request));
  registry.authFlow('REFRESH_TOKEN_AUTH', (auth) => refreshTokenAuth(ctx, auth));
  registry.authFlow('REFRESH_TOKEN', (auth) => refreshTokenAuth(ctx, auth));
}

/** Synchronous from the check to the answer; a refusal is a rejected promise like any other. */
function refreshTokenAuth(ctx: LayerContext, auth: AuthFlowRequest): Promise<Body> {
  return Promise.resolve().then(() => refreshTokenAuthNow(ctx, auth));
}

function refreshTokenAuthNow(ctx: LayerContext, { client, params, request }: AuthFlowRequest): Body {
  ctx.requireFlow(client, 'REFRESH_TOKEN_AUTH');
  requireParams(params, ['REFRESH_TOKEN']);
  checkUserOf(ctx, params.REFRESH_TOKEN);
  const record = liveRefreshRecord(ctx, params.REFRESH_TOKEN, client, false);
  // SECRET_HASH for a refresh uses the real Cognito username, not an alias typed at sign-in.
  ctx.checkSecretHash(client, record.username, params.SECRET_HASH);
  return { ChallengeParameters: {}, AuthenticationResult: finishTokens(ctx, refreshedClaims(ctx, record, client), record.family, client, request) };
}

async function getTokensFromRefreshToken(ctx: LayerContext, body: Body, request: RequestInfo): Promise<Body> {
  const client = await ctx.client(body.ClientId);
  if (typeof body.RefreshToken !== 'string' || body.RefreshToken === '') {
    throw invalidParameter('1 validation error detected: Value null at \'refreshToken\' failed to satisfy constraint: Member must not be null');
  }
  if (client.ClientSecret) {
    if (typeof body.ClientSecret !== 'string' || body.ClientSecret === '') {
      throw notAuthorized(`Client ${client.ClientId} is configured with secret but ClientSecret was not received`);
    }
    if (!ctx.secretMatches(client, body.ClientSecret)) {
      throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
    }
  }
  checkUserOf(ctx, body.RefreshToken);
  const rotating = ctx.extras(client.ClientId).rotation.Feature === 'ENABLED';
  // From the check to the mark there is no await: of two refreshes with one token, the second sees the
  // first one's mark, so on a grace-0 client exactly one wins.
  const key = tokenKey(body.RefreshToken);
  const record = liveRefreshRecord(ctx, body.RefreshToken, client, rotating);
  const now = ctx.clock.now();
  const next = rotating ? newRefreshToken() : undefined;
  if (next) {
    // The replaced token keeps working for the grace period; its first replacement time is what counts.
    ctx.state.put('refresh', key, { ...record, replacedAt: record.replacedAt ?? now });
    ctx.state.put('refresh', tokenKey(next), { ...record, issuedAt: now, replacedAt: undefined });
  }
  let tokens: TokenClaims;
  try {
    tokens = refreshedClaims(ctx, record, client);
  } catch (error) {
    if (next) {
      // Nothing was issued: the token stays as it was.
      ctx.state.remove('refresh', tokenKey(next));
      ctx.state.put('refresh', key, record);
    }
    throw error;
  }
  const result: AuthResult = finishTokens(ctx, tokens, record.family, client, request);
  return { AuthenticationResult: next ? { ...result, RefreshToken: next } : result };
}

/** A disabled (or deleted) user's refresh tokens stop working, as on AWS; checked before the token itself. */
function checkUserOf(ctx: LayerContext, token: string): void {
  const record = ctx.state.data.refresh[tokenKey(token)];
  if (record && ctx.upstream.exactUser(record.userPoolId, record.username)?.Enabled === false) {
    throw notAuthorized('User is disabled.');
  }
}

function liveRefreshRecord(ctx: LayerContext, token: unknown, client: UpstreamClient, allowReplaced: boolean): RefreshRecord {
  const record = typeof token === 'string' ? ctx.state.data.refresh[tokenKey(token)] : undefined;
  if (!record || record.clientId !== client.ClientId) {
    throw notAuthorized('Invalid Refresh Token');
  }
  const family = ctx.state.data.families[record.family];
  const signedOut = ctx.state.data.signedOutAt[`${record.userPoolId}/${record.username}`];
  if (family?.revokedAt !== undefined || (signedOut !== undefined && signedOut >= record.issuedAt)) {
    throw notAuthorized('Refresh Token has been revoked');
  }
  const now = ctx.clock.now();
  if (now >= record.sessionEndsAt) {
    throw notAuthorized('Refresh Token has expired');
  }
  if (record.replacedAt !== undefined) {
    const grace = ctx.extras(client.ClientId).rotation.RetryGracePeriodSeconds * 1000;
    // With grace 0 a replaced token never works again, even within the same millisecond.
    if (!allowReplaced || now >= record.replacedAt + grace) {
      throw new CognitoError('RefreshTokenReuseException', 'Refresh Token has already been used and was rotated. Sign in again or use the newest refresh token.');
    }
  }
  return record;
}

/**
 * New ID and access token claims for the refresh token's user, as they are now (attributes, groups). A user
 * deleted since, or deleted and made again under the same name (another `sub`), has no tokens to refresh;
 * cognito-local answered "User not authorized" for a refresh token it could not find on any user.
 */
function refreshedClaims(ctx: LayerContext, record: RefreshRecord, client: UpstreamClient): TokenClaims {
  const user = refreshUser(ctx, record);
  if (!user) {
    throw notAuthorized('User not authorized');
  }
  return userTokenClaims(ctx, client, user);
}

/**
 * The user a refresh token belongs to: exactly the user name it was issued to (never an alias: another
 * user's email must not stand for a deleted one), and the same person: the same `sub`. Records from before
 * the pool kept `sub` name the refresh token cognito-local kept on the user's record, as cognito-local
 * checked it: a user deleted and made again under the same name has no such token.
 */
function refreshUser(ctx: LayerContext, record: RefreshRecord): UpstreamUser | undefined {
  const user = ctx.upstream.exactUser(record.userPoolId, record.username);
  if (!user) return undefined;
  if (record.sub !== undefined) {
    return user.Attributes?.find((a) => a.Name === 'sub')?.Value === record.sub ? user : undefined;
  }
  return record.upstream !== undefined && record.upstream !== '' && (user.RefreshTokens ?? []).includes(record.upstream) ? user : undefined;
}
