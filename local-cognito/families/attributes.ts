/**
 * GetUser and UpdateUserAttributes bounded by the app client's ReadAttributes / WriteAttributes (the client
 * is the access token's `client_id`). A write outside WriteAttributes is NotAuthorizedException "A client
 * attempted to write unauthorized attribute", as Cognito answers
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html,
 * API_UserPoolClientType.html).
 */
import { checkAccessToken } from '../accessTokens';
import { canRead, canWrite } from '../attributeAccess';
import type { LayerContext } from '../context';
import { notAuthorized } from '../errors';
import { requireAdminScope } from '../oauth/scopedTokens';
import { str } from '../json';
import type { Body, Registry } from '../registry';
import { claimsOf } from '../tokens';

export function registerAttributes(registry: Registry, ctx: LayerContext): void {
  registry.operation('GetUser', async (body) => {
    await checkAccessToken(ctx, body.AccessToken);
    requireAdminScope(String(body.AccessToken));
    const result = await ctx.upstream.call<Body & { UserAttributes?: Array<{ Name: string; Value: string }> }>('GetUser', body);
    const client = await ctx.upstream.client(str(claimsOf(str(body.AccessToken))?.client_id));
    if (!client || !result.UserAttributes) return result;
    return { ...result, UserAttributes: result.UserAttributes.filter((a) => canRead(client, a.Name)) };
  });
  registry.operation('UpdateUserAttributes', async (body) => {
    await checkAccessToken(ctx, body.AccessToken);
    requireAdminScope(String(body.AccessToken));
    const client = await ctx.upstream.client(str(claimsOf(str(body.AccessToken))?.client_id));
    const names = Array.isArray(body.UserAttributes) ? (body.UserAttributes as Array<{ Name?: unknown }>).map((a) => str(a?.Name)) : [];
    if (client && names.some((name) => !canWrite(client, name))) {
      throw notAuthorized('A client attempted to write unauthorized attribute');
    }
    return ctx.upstream.call('UpdateUserAttributes', body);
  });
}
