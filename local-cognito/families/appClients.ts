/** App clients: RefreshTokenRotation, which cognito-local would drop, kept by the layer beside its record. */
import { DEFAULT_FLOWS, type LayerContext } from '../context';
import { invalidParameter } from '../errors';
import { str } from '../json';
import type { Body, Registry } from '../registry';
import type { ClientExtras } from '../state';
import { oauthSettingsFor, withOAuthSettings } from '../oauth/clientSettings';
import { requireTier } from '../featurePlan';
import { checkValidities } from '../tokenValidity';

export function registerAppClients(registry: Registry, ctx: LayerContext): void {
  registry.operation('CreateUserPoolClient', (body) => saveClient(ctx, 'CreateUserPoolClient', body));
  registry.operation('UpdateUserPoolClient', (body) => saveClient(ctx, 'UpdateUserPoolClient', body));
  registry.operation('DescribeUserPoolClient', async (body) => {
    const result = await ctx.upstream.call<{ UserPoolClient: Body }>('DescribeUserPoolClient', body);
    const clientId = String(result.UserPoolClient.ClientId);
    const extras = ctx.extras(clientId);
    // After secret rotation, the client's secret is its oldest active one (ListUserPoolClientSecrets names both).
    const rotated = ctx.state.data.clientSecrets[clientId];
    return { UserPoolClient: { ...withOAuthSettings(ctx, clientId, result.UserPoolClient), ...(rotated ? { ClientSecret: rotated[0]?.value } : {}), RefreshTokenRotation: extras.rotation, EnableTokenRevocation: extras.revocation !== false } };
  });
}

async function saveClient(ctx: LayerContext, operation: string, body: Body): Promise<Body> {
  const rotation = parseRotation(body.RefreshTokenRotation);
  const flows = Array.isArray(body.ExplicitAuthFlows) ? (body.ExplicitAuthFlows as string[]) : undefined;
  if (rotation.Feature === 'ENABLED' && (flows ?? DEFAULT_FLOWS).includes('ALLOW_REFRESH_TOKEN_AUTH')) {
    throw invalidParameter('Refresh token rotation cannot be enabled while ALLOW_REFRESH_TOKEN_AUTH is in ExplicitAuthFlows. Remove it: rotating clients refresh with GetTokensFromRefreshToken.');
  }
  // Validity ranges (InvalidParameterException) before the plan: a malformed request is refused as such.
  const units = checkValidities(body);
  requirePlanFor(ctx, body, rotation, flows);
  const oauth = await oauthSettingsFor(ctx, operation, body);
  const forwarded: Body = { ...body, TokenValidityUnits: units };
  delete forwarded.RefreshTokenRotation;
  const result = await ctx.upstream.call<{ UserPoolClient: Body }>(operation, forwarded);
  const clientId = String(result.UserPoolClient.ClientId);
  // UpdateUserPoolClient resets what it is not given, as Cognito documents; so does rotation.
  ctx.state.put('clients', clientId, { rotation, revocation: body.EnableTokenRevocation !== false, oauth });
  return { UserPoolClient: { ...withOAuthSettings(ctx, clientId, result.UserPoolClient), RefreshTokenRotation: rotation, EnableTokenRevocation: body.EnableTokenRevocation !== false } };
}

function parseRotation(value: unknown): ClientExtras['rotation'] {
  const input = (typeof value === 'object' && value !== null ? value : {}) as { Feature?: unknown; RetryGracePeriodSeconds?: unknown };
  const feature = input.Feature === 'ENABLED' ? 'ENABLED' : 'DISABLED';
  const grace = input.RetryGracePeriodSeconds === undefined ? 0 : Number(input.RetryGracePeriodSeconds);
  if (input.Feature !== undefined && input.Feature !== 'ENABLED' && input.Feature !== 'DISABLED') {
    throw invalidParameter('RefreshTokenRotation.Feature must be ENABLED or DISABLED.');
  }
  if (!Number.isInteger(grace) || grace < 0 || grace > 60) {
    throw invalidParameter('RefreshTokenRotation.RetryGracePeriodSeconds must be an integer from 0 to 60.');
  }
  return { Feature: feature, RetryGracePeriodSeconds: grace };
}

/**
 * Features of the Essentials plan, refused on a Lite pool when the client is configured (as AWS refuses "a
 * feature you attempted to configure"): refresh-token rotation, choice-based sign-in (ALLOW_USER_AUTH) and
 * token exchange (ALLOW_TOKEN_EXCHANGE_*). See `featurePlan.ts`.
 */
function requirePlanFor(ctx: LayerContext, body: Body, rotation: ClientExtras['rotation'], flows: string[] | undefined): void {
  const pool = ctx.state.data.pools[str(body.UserPoolId)];
  if (rotation.Feature === 'ENABLED') {
    requireTier(pool, 'Refresh token rotation');
  }
  if (flows?.includes('ALLOW_USER_AUTH')) {
    requireTier(pool, 'Choice-based sign-in (ALLOW_USER_AUTH)');
  }
  if (flows?.some((flow) => flow.startsWith('ALLOW_TOKEN_EXCHANGE'))) {
    requireTier(pool, 'Token exchange');
  }
}
