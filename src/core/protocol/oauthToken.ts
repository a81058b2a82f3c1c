import { failureOfErrorCode, printable, type OAuthDomain, type OAuthFailure } from './oauth';

/**
 * Requests to a managed-login domain's `/oauth2/token`, `/oauth2/revoke` and `/oauth2/userInfo`, and what
 * their answers mean, as plain data: the shell posts `{url, headers, body}` to exactly the profile's domain.
 */
export interface HttpRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface OAuthClient {
  readonly domain: OAuthDomain;
  readonly clientId: string;
  /** A confidential client authenticates with client_secret_basic; a public client sends client_id. */
  readonly clientSecret?: string;
}

export type TokenGrant =
  | { readonly grant: 'authorization_code'; readonly code: string; readonly redirectUri: string; readonly codeVerifier: string }
  | { readonly grant: 'refresh_token'; readonly refreshToken: string }
  | { readonly grant: 'client_credentials'; readonly scopes: readonly string[] };

/** RFC 6749 Appendix B: client_secret_basic form-encodes id and secret before Base64. */
function formUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+').replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`, 'utf8').toString('base64')}`;
}

function formPost(path: string, client: OAuthClient, fields: Record<string, string>): HttpRequest {
  const body = new URLSearchParams(fields);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (client.clientSecret) {
    headers.authorization = basicAuthorization(client.clientId, client.clientSecret);
  } else {
    body.set('client_id', client.clientId);
  }
  return { url: new URL(path, client.domain.origin).href, method: 'POST', headers, body: body.toString() };
}

export function tokenRequest(client: OAuthClient, grant: TokenGrant): HttpRequest {
  switch (grant.grant) {
    case 'authorization_code':
      return formPost('/oauth2/token', client, { grant_type: 'authorization_code', code: grant.code, redirect_uri: grant.redirectUri, code_verifier: grant.codeVerifier });
    case 'refresh_token':
      return formPost('/oauth2/token', client, { grant_type: 'refresh_token', refresh_token: grant.refreshToken });
    case 'client_credentials': {
      const fields: Record<string, string> = { grant_type: 'client_credentials' };
      if (grant.scopes.length > 0) fields.scope = grant.scopes.join(' ');
      return formPost('/oauth2/token', client, fields);
    }
  }
}

/** `/oauth2/revoke` takes the refresh token; it revokes the access tokens issued from it too. */
export function revokeRequest(client: OAuthClient, refreshToken: string): HttpRequest {
  return formPost('/oauth2/revoke', client, { token: refreshToken });
}

export function userInfoRequest(domain: OAuthDomain, accessToken: string): HttpRequest {
  return { url: new URL('/oauth2/userInfo', domain.origin).href, method: 'GET', headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } };
}

export interface OAuthTokens {
  readonly access: string;
  /** Absent for client credentials (machine to machine): there is no user. */
  readonly id?: string;
  /** Present after a code exchange, and after a refresh only when the client rotates refresh tokens. */
  readonly refresh?: string;
  readonly expiresInSeconds?: number;
  readonly scope?: string;
}

export type TokenResponseOutcome =
  | { readonly kind: 'tokens'; readonly tokens: OAuthTokens }
  | { readonly kind: 'failed'; readonly failure: OAuthFailure; readonly status: number; readonly detail: string };

/** What `/oauth2/token` answered: tokens, or the OAuth error in our words (the raw text for the log). */
export function parseTokenResponse(status: number, bodyText: string): TokenResponseOutcome {
  let json: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(bodyText);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) json = value as Record<string, unknown>;
  } catch {
    // Not JSON: a proxy's page, an HTML error. Judged by the status below.
  }
  const str = (key: string): string | undefined => (typeof json[key] === 'string' && json[key] !== '' ? (json[key]) : undefined);
  if (status < 200 || status >= 300 || str('error')) {
    const error = str('error');
    return {
      kind: 'failed',
      failure: error ? failureOfErrorCode(error) : status >= 500 ? 'serverError' : 'other',
      status,
      detail: printable(`HTTP ${status} ${error ?? ''} ${str('error_description') ?? ''}`.trim()),
    };
  }
  const access = str('access_token');
  const tokenType = str('token_type');
  if (!access || (tokenType !== undefined && tokenType.toLowerCase() !== 'bearer')) {
    return { kind: 'failed', failure: 'other', status, detail: 'the token response had no bearer access_token' };
  }
  const expiresIn = typeof json.expires_in === 'number' && Number.isFinite(json.expires_in) && json.expires_in > 0 ? json.expires_in : undefined;
  return { kind: 'tokens', tokens: { access, id: str('id_token'), refresh: str('refresh_token'), expiresInSeconds: expiresIn, scope: str('scope') } };
}

/** `/oauth2/userInfo`'s claims; undefined when the answer is not a JSON object. */
export function parseUserInfo(status: number, bodyText: string): Record<string, unknown> | undefined {
  if (status !== 200) return undefined;
  try {
    const value: unknown = JSON.parse(bodyText);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
