/** The hook the app-client family calls: managed-login settings checked before cognito-local sees the request. */
import type { LayerContext } from '../context';
import { str } from '../json';
import type { Body } from '../registry';
import { resourceServersOf } from './family';
import { parseOAuthSettings, type OAuthClientSettings } from './settings';

export async function oauthSettingsFor(ctx: LayerContext, operation: string, body: Body): Promise<OAuthClientSettings> {
  const hasSecret = operation === 'CreateUserPoolClient' ? body.GenerateSecret === true : Boolean((await ctx.upstream.client(str(body.ClientId)))?.ClientSecret);
  const servers = resourceServersOf(ctx);
  return parseOAuthSettings(body, hasSecret, (scope) => servers.scopeExists(str(body.UserPoolId), scope));
}

/**
 * An app client description with the layer's managed-login settings in place of cognito-local's copy
 * (which an update does not reset). Empty settings are left out, as Cognito does.
 */
export function withOAuthSettings(ctx: LayerContext, clientId: string, described: Body): Body {
  const kept = ctx.extras(clientId).oauth;
  if (!kept) {
    return described;
  }
  const view: Body = { ...described, ...kept };
  for (const [name, value] of Object.entries(kept)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      delete view[name];
    }
  }
  return view;
}
