import { errors as joseErrors, jwtVerify } from 'jose';
import type { LayerContext } from './context';
import { invalidParameter, notAuthorized } from './errors';
import { str } from './json';

/** Signature (the pool's own key only, RS256), expiry (the layer's clock) and revocation of an access token. */
export async function checkAccessToken(ctx: LayerContext, token: unknown): Promise<{ poolId: string; username: string }> {
  if (typeof token !== 'string' || token === '') {
    throw invalidParameter('1 validation error detected: Value null at \'accessToken\' failed to satisfy constraint: Member must not be null');
  }
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, ctx.signer.publicKey, { algorithms: ['RS256'], currentDate: new Date(ctx.clock.now()) }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw notAuthorized('Access Token has expired');
    }
    throw notAuthorized('Invalid Access Token');
  }
  if (payload.token_use !== 'access') {
    throw notAuthorized('Invalid Access Token');
  }
  const poolId = str(payload.iss).split('/').pop() ?? '';
  const username = str(payload.username);
  const issued = typeof payload.jti === 'string' ? ctx.state.data.accessTokens[payload.jti] : undefined;
  // Revocation is tracked by origin_jti (the sign-in); tokens from clients without revocation by their jti.
  const familyId = typeof payload.origin_jti === 'string' ? payload.origin_jti : issued?.family;
  const family = familyId ? ctx.state.data.families[familyId] : undefined;
  const signedOut = ctx.state.data.signedOutAt[`${poolId}/${username}`];
  // Issue times come from the layer's clock (tests move it); a token the layer never saw falls back to iat.
  const issuedAt = issued?.issuedAt ?? (typeof payload.iat === 'number' ? payload.iat * 1000 : 0);
  if (family?.revokedAt !== undefined || (signedOut !== undefined && signedOut >= issuedAt)) {
    throw notAuthorized('Access Token has been revoked');
  }
  ctx.requireEnabledUser(poolId, username);
  return { poolId, username };
}
