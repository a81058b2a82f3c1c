import { CognitoError } from '../errors';
import { str } from '../json';
import type { OAuthHost, PlainRequest, PlainResponse } from './host';
import { messagePage } from './html';
import { authenticateClient, formBody, jsonResponse, OAuthError, redirect, single } from './protocol';

/** `/oauth2/revoke`: a refresh token (and what was issued from it), as RevokeToken. 200 with no body. */
export async function revokeEndpoint(host: OAuthHost, request: PlainRequest): Promise<PlainResponse> {
  try {
    const form = formBody(request);
    const client = await authenticateClient(host, request, form);
    const token = single(form, 'token');
    if (!token) {
      throw new OAuthError('invalid_request', 'token is required.');
    }
    if (token.split('.').length === 3) {
      throw new OAuthError('unsupported_token_type', 'Only refresh tokens can be revoked.');
    }
    try {
      await host.revoke(request, client, token);
    } catch (error) {
      if (error instanceof CognitoError && error.status < 500) {
        throw new OAuthError(error.type === 'UnsupportedTokenTypeException' ? 'unsupported_token_type' : 'invalid_request', error.message);
      }
      throw error;
    }
    return { status: 200, headers: { 'cache-control': 'no-store' }, body: '' };
  } catch (error) {
    if (error instanceof OAuthError) return error.response();
    throw error;
  }
}

/** Which attributes each OIDC scope releases; `openid` alone releases every attribute. */
const SCOPE_ATTRIBUTES: Record<string, (name: string) => boolean> = {
  email: (name) => name === 'email' || name === 'email_verified',
  phone: (name) => name === 'phone_number' || name === 'phone_number_verified',
  profile: (name) => !['email', 'email_verified', 'phone_number', 'phone_number_verified', 'sub'].includes(name),
};

/** `/oauth2/userInfo`: the user's attributes for a live access token that carries `openid`. */
export async function userInfoEndpoint(host: OAuthHost, request: PlainRequest): Promise<PlainResponse> {
  const refuse = (error: string, description: string): PlainResponse => ({
    status: 401,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'www-authenticate': `Bearer error="${error}", error_description="${description}"` },
    body: { error, error_description: description },
  });
  const authorization = String(request.headers.authorization ?? '');
  if (!/^bearer /i.test(authorization)) {
    return refuse('invalid_request', 'Send the access token as Authorization: Bearer <token>.');
  }
  let claims: Record<string, unknown>;
  try {
    claims = await host.checkAccessToken(authorization.slice(7).trim());
  } catch (error) {
    if (error instanceof CognitoError && error.status < 500) {
      return refuse('invalid_token', error.message);
    }
    throw error;
  }
  const scopes = str(claims.scope).split(' ');
  const poolId = str(claims.iss).split('/').pop() ?? '';
  const user = typeof claims.username === 'string' ? await host.user(poolId, claims.username) : undefined;
  if (!scopes.includes('openid') || !user) {
    return refuse('invalid_token', user ? 'The access token does not have the openid scope.' : 'The access token does not belong to a user.');
  }
  const filters = scopes.map((scope) => SCOPE_ATTRIBUTES[scope]).filter((filter) => filter !== undefined);
  const info: Record<string, string> = {};
  for (const { Name, Value } of user.Attributes ?? []) {
    if (Name === 'sub' || filters.length === 0 || filters.some((allowed) => allowed(Name))) {
      info[Name] = Value;
    }
  }
  info.username = user.Username;
  return jsonResponse(info);
}

/**
 * `/logout`: with `logout_uri` registered in LogoutURLs, back to it; with `redirect_uri` and
 * `response_type`, to the sign-in page again. The local pool keeps no browser session, so there is
 * nothing else to end.
 */
export async function logoutEndpoint(host: OAuthHost, request: PlainRequest): Promise<PlainResponse> {
  const params = request.url.searchParams;
  const clientId = params.get('client_id') ?? '';
  const client = clientId ? await host.client(clientId) : undefined;
  if (!client) {
    return messagePage('Sign-out failed', [clientId ? 'The client_id is not an app client of this pool.' : 'The client_id parameter is missing.']);
  }
  const settings = host.settings(client.ClientId);
  const logoutUri = params.get('logout_uri');
  if (logoutUri !== null) {
    if (!settings.LogoutURLs.includes(logoutUri)) {
      return redirect(`/error?error=redirect_mismatch&client_id=${encodeURIComponent(client.ClientId)}`);
    }
    return redirect(logoutUri);
  }
  if (params.get('redirect_uri') !== null && params.get('response_type') !== null) {
    const next = new URLSearchParams(params);
    return redirect(`/oauth2/authorize?${next.toString()}`);
  }
  return messagePage('Sign-out failed', ['Give logout_uri (one of the app client\'s LogoutURLs), or redirect_uri and response_type to sign in again.']);
}

const ERROR_TEXT: Record<string, string> = {
  redirect_mismatch: 'The redirect_uri (or logout_uri) is not one of the URLs registered on the app client (CallbackURLs, LogoutURLs). It must match exactly, including the port and the path.',
};

/** `/error`: where Cognito sends a browser it must not send back to the app. */
export function errorPage(request: PlainRequest): PlainResponse {
  const error = request.url.searchParams.get('error') ?? 'unknown_error';
  return messagePage('An error was encountered with the requested page', [error, ERROR_TEXT[error] ?? 'The request could not be completed.']);
}

/** What managed login adds to the discovery document (`families/discovery.ts` names the endpoints). */
export function managedLoginDiscovery(): Record<string, unknown> {
  return {
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:token-exchange'],
    code_challenge_methods_supported: ['S256'],
  };
}
