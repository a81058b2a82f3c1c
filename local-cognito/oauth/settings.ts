import { CognitoError, invalidParameter } from '../errors';
import { isUnsafeRedirect } from './redirectSchemes';

/**
 * An app client's managed-login settings (CreateUserPoolClient / UpdateUserPoolClient fields). The layer
 * keeps its own validated copy: cognito-local stores them unchecked and keeps old values on an update
 * that omits them, where Cognito resets what an update does not give.
 */
export interface OAuthClientSettings {
  CallbackURLs: string[];
  LogoutURLs: string[];
  DefaultRedirectURI?: string;
  AllowedOAuthFlows: string[];
  AllowedOAuthScopes: string[];
  AllowedOAuthFlowsUserPoolClient: boolean;
  SupportedIdentityProviders: string[];
}

/** Scopes every pool knows; anything else must be `resourceServer/scope`. */
export const STANDARD_SCOPES = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'];
const FLOWS = ['code', 'implicit', 'client_credentials'];

export const NO_OAUTH: OAuthClientSettings = {
  CallbackURLs: [],
  LogoutURLs: [],
  AllowedOAuthFlows: [],
  AllowedOAuthScopes: [],
  AllowedOAuthFlowsUserPoolClient: false,
  SupportedIdentityProviders: [],
};

/**
 * Reads and checks the OAuth fields of a client request, as Cognito does: known flows, client_credentials
 * alone and only with a secret and custom scopes, scopes that exist, callback URLs that are absolute and
 * https (http only for localhost). `scopeExists` answers for custom scopes of this pool's resource servers.
 */
export function parseOAuthSettings(body: Record<string, unknown>, hasSecret: boolean, scopeExists: (scope: string) => boolean): OAuthClientSettings {
  const settings: OAuthClientSettings = {
    CallbackURLs: strings(body.CallbackURLs, 'CallbackURLs'),
    LogoutURLs: strings(body.LogoutURLs, 'LogoutURLs'),
    DefaultRedirectURI: typeof body.DefaultRedirectURI === 'string' ? body.DefaultRedirectURI : undefined,
    AllowedOAuthFlows: strings(body.AllowedOAuthFlows, 'AllowedOAuthFlows'),
    AllowedOAuthScopes: strings(body.AllowedOAuthScopes, 'AllowedOAuthScopes'),
    AllowedOAuthFlowsUserPoolClient: body.AllowedOAuthFlowsUserPoolClient === true,
    SupportedIdentityProviders: strings(body.SupportedIdentityProviders, 'SupportedIdentityProviders'),
  };
  for (const flow of settings.AllowedOAuthFlows) {
    if (!FLOWS.includes(flow)) {
      throw invalidParameter(`1 validation error detected: Value '[${flow}]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy enum value set: [implicit, client_credentials, code]`);
    }
  }
  for (const url of [...settings.CallbackURLs, ...settings.LogoutURLs, ...(settings.DefaultRedirectURI ? [settings.DefaultRedirectURI] : [])]) {
    checkUrl(url);
  }
  if (settings.DefaultRedirectURI && !settings.CallbackURLs.includes(settings.DefaultRedirectURI)) {
    throw invalidParameter('DefaultRedirectURI must be one of the CallbackURLs.');
  }
  const unknown = settings.AllowedOAuthScopes.filter((scope) => !STANDARD_SCOPES.includes(scope) && !scopeExists(scope));
  if (unknown.length > 0) {
    throw new CognitoError('ScopeDoesNotExistException', `Invalid scope requested: ${unknown.join(', ')}`);
  }
  const m2m = settings.AllowedOAuthFlows.includes('client_credentials');
  if (m2m && settings.AllowedOAuthFlows.length > 1) {
    throw new CognitoError('InvalidOAuthFlowException', 'client_credentials flow can not be selected along with code flow or implicit flow');
  }
  if (m2m && !hasSecret) {
    throw new CognitoError('InvalidOAuthFlowException', 'client_credentials flow can not be selected if client does not have a client secret.');
  }
  if (m2m && settings.AllowedOAuthScopes.some((scope) => STANDARD_SCOPES.includes(scope))) {
    throw new CognitoError('InvalidOAuthFlowException', 'client_credentials flow can only be used with custom scopes (resourceServer/scope).');
  }
  if (settings.AllowedOAuthFlowsUserPoolClient) {
    if (settings.AllowedOAuthFlows.length === 0 || settings.AllowedOAuthScopes.length === 0) {
      throw new CognitoError('InvalidOAuthFlowException', 'AllowedOAuthFlowsUserPoolClient needs AllowedOAuthFlows and AllowedOAuthScopes.');
    }
    if (!m2m && settings.CallbackURLs.length === 0) {
      throw new CognitoError('InvalidOAuthFlowException', 'The code and implicit flows need at least one CallbackURL.');
    }
  }
  return settings;
}

/**
 * https anywhere, http only for localhost, custom schemes for native apps; absolute, no fragment
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-CallbackURLs).
 */
function checkUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidParameter(`${value} is not a valid URL: it must be absolute.`);
  }
  if (isUnsafeRedirect(value)) {
    // Cognito documents absolute URIs, https (http for localhost) and app schemes such as myapp://; a
    // browser sent to javascript:, data: or file: runs or reads it instead of returning to an app.
    throw invalidParameter(`${value} is not a valid URL: the ${url.protocol} scheme is not allowed for a redirect.`);
  }
  if (url.hash !== '' || value.includes('#')) {
    throw invalidParameter(`${value} is not a valid URL: it must not contain a fragment.`);
  }
  if (url.protocol === 'http:' && url.hostname !== 'localhost') {
    throw invalidParameter(`${value} is not a valid URL: http is allowed only for http://localhost; use https.`);
  }
}

function strings(value: unknown, name: string): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalidParameter(`${name} must be a list of strings.`);
  }
  return [...(value as string[])];
}
