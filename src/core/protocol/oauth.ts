import { createHash, randomBytes } from 'node:crypto';
import { forLog } from '../shared/untrustedText';
import { isLoopbackHost } from '../shared/loopback';

/**
 * Managed login (OAuth 2.0 authorization code with PKCE) as pure functions: which domain may receive a
 * sign-in, the authorize URL, and what the browser's redirect back means. No network and no editor here:
 * the shell opens the URL, waits for the redirect and posts the token request these functions build.
 */

/** RFC 7636 §4.1: 32 random bytes, base64url, gives a 43-character verifier (the minimum length). */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** RFC 7636 §4.2, S256: BASE64URL(SHA256(ASCII(code_verifier))). Cognito accepts only S256 for PKCE. */
export function codeChallengeS256(verifier: string): string {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
    throw new Error('a PKCE code verifier is 43 to 128 unreserved characters (RFC 7636 §4.1)');
  }
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** The `state` binding one authorize request to its redirect: unguessable, so no other page can answer it. */
export function createState(): string {
  return randomBytes(24).toString('base64url');
}

export type DomainKind = 'cognito' | 'custom' | 'loopback';

/** Where managed login lives: always an origin (scheme, host, port), never a path the settings chose. */
export interface OAuthDomain {
  readonly origin: string;
  readonly kind: DomainKind;
}

export type DomainProblem = 'domainInvalid' | 'domainNotHttps' | 'domainHasPath';

const COGNITO_DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.auth(?:-fips)?\.[a-z]{2}(?:-[a-z]+)+-\d+\.amazoncognito\.com$/;

/**
 * `https://{prefix}.auth.{region}.amazoncognito.com`, a custom https domain, or http on loopback only (the
 * local pool serves the OAuth paths on its own port). A domain from workspace settings is untrusted, like
 * `endpoint`: the password typed into its page and the tokens it returns go nowhere else.
 */
export function parseOAuthDomain(text: string): OAuthDomain | DomainProblem {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'domainInvalid';
  }
  if (url.username !== '' || url.password !== '' || url.hostname === '') return 'domainInvalid';
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') return 'domainHasPath';
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:') {
    return loopback ? { origin: url.origin, kind: 'loopback' } : 'domainNotHttps';
  }
  if (url.protocol !== 'https:') return 'domainNotHttps';
  if (loopback) return { origin: url.origin, kind: 'loopback' };
  return { origin: url.origin, kind: COGNITO_DOMAIN.test(url.hostname) ? 'cognito' : 'custom' };
}

export type RedirectTarget =
  | { readonly kind: 'loopback'; readonly uri: string; readonly host: string; readonly port: number; readonly path: string }
  | { readonly kind: 'uriHandler'; readonly uri: string; readonly path: string };

export type RedirectProblem = 'redirectInvalid' | 'redirectNeedsPort' | 'redirectNotLoopback';

/**
 * Where the browser comes back to. `http://localhost:PORT/path` (or 127.0.0.1, [::1]) is answered by a
 * listener on that port; a URI with the editor's own scheme (`vscode://publisher.name/path`) by the
 * extension's URI handler. Anything else would hand the code to someone else, so it is refused.
 */
export function parseRedirectUri(text: string, editorSchemes: readonly string[] = ['vscode', 'vscode-insiders', 'code-oss', 'vscodium']): RedirectTarget | RedirectProblem {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'redirectInvalid';
  }
  if (url.hash !== '' || url.username !== '' || url.password !== '') return 'redirectInvalid';
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) return 'redirectNotLoopback';
    if (url.port === '') return 'redirectNeedsPort';
    return { kind: 'loopback', uri: url.href, host: url.hostname, port: Number(url.port), path: url.pathname };
  }
  const scheme = url.protocol.slice(0, -1);
  if (editorSchemes.includes(scheme)) {
    return { kind: 'uriHandler', uri: url.href, path: url.pathname };
  }
  return 'redirectNotLoopback';
}

export interface AuthorizeRequest {
  readonly domain: OAuthDomain;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly state: string;
  readonly codeChallenge: string;
  /** Skips the managed-login page straight to a federated provider (`Google`, a SAML provider's name). */
  readonly identityProvider?: string;
  /** Step-up: acr_values and max_age on the authorize endpoint. */
  readonly acrValues?: readonly string[];
  readonly maxAge?: number;
}

/** `{domain}/oauth2/authorize?response_type=code&…&code_challenge_method=S256`. */
export function authorizeUrl(request: AuthorizeRequest): string {
  const url = new URL('/oauth2/authorize', request.domain.origin);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  if (request.scopes.length > 0) url.searchParams.set('scope', request.scopes.join(' '));
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', request.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (request.identityProvider) url.searchParams.set('identity_provider', request.identityProvider);
  if (request.acrValues !== undefined && request.acrValues.length > 0) url.searchParams.set('acr_values', request.acrValues.join(' '));
  if (request.maxAge !== undefined) url.searchParams.set('max_age', String(request.maxAge));
  return url.href;
}

/** `{domain}/logout?client_id=…&logout_uri=…`: ends the browser's managed-login session (a cookie). */
export function logoutUrl(domain: OAuthDomain, clientId: string, logoutUri: string): string {
  const url = new URL('/logout', domain.origin);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('logout_uri', logoutUri);
  return url.href;
}

/** The ways a managed-login attempt ends without tokens. `timeout` and `cancelled` come from the shell. */
export type OAuthFailure =
  | 'stateMismatch'
  | 'noCode'
  | 'redirectMismatch'
  | 'invalidScope'
  | 'unauthorizedClient'
  | 'accessDenied'
  | 'invalidRequest'
  | 'invalidClient'
  | 'invalidGrant'
  | 'unsupportedGrantType'
  | 'serverError'
  | 'timeout'
  | 'portInUse'
  | 'domainRefused'
  | 'redirectRefused'
  | 'other';

export type CallbackOutcome =
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'failed'; readonly failure: OAuthFailure; readonly detail: string };

const ERROR_CODES: Record<string, OAuthFailure> = {
  redirect_mismatch: 'redirectMismatch',
  invalid_scope: 'invalidScope',
  unauthorized_client: 'unauthorizedClient',
  access_denied: 'accessDenied',
  invalid_request: 'invalidRequest',
  invalid_client: 'invalidClient',
  invalid_grant: 'invalidGrant',
  unsupported_grant_type: 'unsupportedGrantType',
  server_error: 'serverError',
  temporarily_unavailable: 'serverError',
};

/** An OAuth `error` code (from a redirect or a token response) as one of our failures. */
export function failureOfErrorCode(code: string): OAuthFailure {
  return ERROR_CODES[code] ?? 'other';
}

/**
 * The redirect's query, checked before anything else: a `state` that is not ours means the request did not
 * come from this sign-in, so its code and its error are both ignored. The error text is untrusted (anyone
 * can open the loopback URL), so it is shortened to printable characters and kept for the log only.
 */
export function parseCallback(query: URLSearchParams, expectedState: string): CallbackOutcome {
  const state = query.get('state');
  if (state === null || state !== expectedState) {
    return { kind: 'failed', failure: 'stateMismatch', detail: 'state missing or not this sign-in\'s' };
  }
  const error = query.get('error');
  if (error !== null) {
    return { kind: 'failed', failure: failureOfErrorCode(error), detail: printable(`${error}: ${query.get('error_description') ?? ''}`) };
  }
  const code = query.get('code');
  if (code === null || code === '') {
    return { kind: 'failed', failure: 'noCode', detail: 'redirect without code or error' };
  }
  return { kind: 'code', code };
}

/** A server's or callback's error text for the log and a failure's detail: the shared cleaning of untrusted text. */
export function printable(text: string, max = 200): string {
  return forLog(text, max);
}
