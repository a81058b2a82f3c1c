/**
 * Sign-out and revocation: RevokeToken, GlobalSignOut, AdminUserGlobalSignOut, and revocation enforced
 * on every access-token operation before cognito-local sees it.
 */
import { checkAccessToken } from '../accessTokens';
import { requireAdminScope } from '../oauth/scopedTokens';
import type { LayerContext } from '../context';
import { CognitoError, notAuthorized } from '../errors';
import { str } from '../json';
import type { Body, Registry } from '../registry';
import { tokenKey } from '../state';
import type { UpstreamClient } from '../upstream';

/** Access-token operations: the layer checks the token (signature, expiry, revocation) before forwarding. */
const ACCESS_TOKEN_OPERATIONS = [
  'DeleteUserAttributes', 'ChangePassword', 'DeleteUser', 'SetUserMFAPreference',
  'VerifySoftwareToken', 'AssociateSoftwareToken',
];
// GetUserAttributeVerificationCode and VerifyUserAttribute: in `codes.ts`, which checks the token too;
// GetUser and UpdateUserAttributes in `attributes.ts` (ReadAttributes / WriteAttributes).

export function registerSignOut(registry: Registry, ctx: LayerContext): void {
  registry.operation('RevokeToken', async (body) => revokeToken(ctx, body, await ctx.client(body.ClientId)));
  registry.operation('GlobalSignOut', async (body) => {
    const claims = await checkAccessToken(ctx, body.AccessToken);
    requireAdminScope(String(body.AccessToken));
    return signOutUser(ctx, claims.poolId, claims.username);
  });
  registry.operation('AdminUserGlobalSignOut', async (body) => {
    const userPoolId = str(body.UserPoolId);
    const user = await ctx.upstream.user(userPoolId, str(body.Username));
    if (!user) {
      throw new CognitoError('UserNotFoundException', 'User does not exist.');
    }
    return signOutUser(ctx, userPoolId, user.Username);
  });
  for (const operation of ACCESS_TOKEN_OPERATIONS) {
    registry.operation(operation, async (body) => {
      if (typeof body.AccessToken === 'string') {
        await checkAccessToken(ctx, body.AccessToken);
        requireAdminScope(body.AccessToken);
      }
      return ctx.upstream.call(operation, body);
    });
  }
}

function revokeToken(ctx: LayerContext, body: Body, client: UpstreamClient): Body {
  if (client.ClientSecret && !ctx.secretMatches(client, body.ClientSecret)) {
    throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
  }
  if (ctx.extras(client.ClientId).revocation === false) {
    throw new CognitoError('UnsupportedOperationException', 'Token revocation is not enabled for this app client (EnableTokenRevocation).');
  }
  const token = typeof body.Token === 'string' ? body.Token : '';
  if (token.split('.').length === 3) {
    throw new CognitoError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
  }
  const record = ctx.state.data.refresh[tokenKey(token)];
  if (record && record.clientId === client.ClientId) {
    const family = ctx.state.data.families[record.family];
    if (family) {
      ctx.state.put('families', record.family, { ...family, revokedAt: ctx.clock.now() });
    }
  }
  return {};
}

function signOutUser(ctx: LayerContext, userPoolId: string, username: string): Body {
  // Everything issued up to now is revoked; tokens from a later sign-in are not.
  ctx.state.put('signedOutAt', `${userPoolId}/${username}`, ctx.clock.now());
  return {};
}
