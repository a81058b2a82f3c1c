/** App clients: RefreshTokenRotation, which cognito-local would drop, kept by the layer beside its record. */
import { DEFAULT_FLOWS, type LayerContext } from '../context';
import { invalidParameter } from '../errors';
import type { Body, Registry } from '../registry';
import type { ClientExtras } from '../state';
import { oauthSettingsFor, withOAuthSettings } from '../oauth/clientSettings';

export function registerAppClients(registry: Registry, ctx: LayerContext): void {
  registry.operation('CreateUserPoolClient', (body) => saveClient(ctx, 'CreateUserPoolClient', body));
  registry.operation('UpdateUserPoolClient', (body) => saveClient(ctx, 'UpdateUserPoolClient', body));
  registry.operation('DescribeUserPoolClient', async (body) => {
    const result = await ctx.upstream.call<{ UserPoolClient: Body }>('DescribeUserPoolClient', body);
    const clientId = String(result.UserPoolClient.ClientId);
    const extras = ctx.extras(clientId);
    return { UserPoolClient: { ...withOAuthSettings(ctx, clientId, result.UserPoolClient), RefreshTokenRotation: extras.rotation, EnableTokenRevocation: extras.revocation !== false } };
  });
}

async function saveClient(ctx: LayerContext, operation: string, body: Body): Promise<Body> {
  const rotation = parseRotation(body.RefreshTokenRotation);
  const flows = Array.isArray(body.ExplicitAuthFlows) ? (body.ExplicitAuthFlows as string[]) : undefined;
  if (rotation.Feature === 'ENABLED' && (flows ?? DEFAULT_FLOWS).includes('ALLOW_REFRESH_TOKEN_AUTH')) {
    throw invalidParameter('Refresh token rotation cannot be enabled while ALLOW_REFRESH_TOKEN_AUTH is in ExplicitAuthFlows. Remove it: rotating clients refresh with GetTokensFromRefreshToken.');
  }
  const oauth = await oauthSettingsFor(ctx, operation, body);
  const forwarded = { ...body };
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
