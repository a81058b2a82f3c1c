import { parseCognitoIssuer } from '../tokens/cognitoIssuer';
import { decodeToken } from '../tokens/jwt';
import { isLoopbackHost } from '../shared/loopback';

/**
 * Where requests for a session go. A session is bound to the target it was issued by: its tokens, the
 * client secret and the password are only ever sent there, whatever the settings say later.
 */
export interface CognitoTarget {
  readonly region: string;
  /** undefined: AWS's regional endpoint for `region`. */
  readonly endpoint?: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** Managed login and client credentials: the domain (origin) the tokens came from and go back to. */
  readonly domain?: string;
}

/** The target a stored session was issued for, and the issuer its tokens name. */
export interface SessionBinding extends CognitoTarget {
  readonly issuer?: string;
}


/** Why an endpoint URL is refused, or undefined when it is usable: https anywhere, http only on loopback. */
export function endpointProblem(value: string): 'endpointInvalid' | 'endpointInsecure' | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'endpointInvalid';
  }
  if (url.protocol === 'https:') return url.username || url.password ? 'endpointInvalid' : undefined;
  if (url.protocol !== 'http:') return 'endpointInvalid';
  if (url.username || url.password) return 'endpointInvalid';
  return isLoopbackHost(url.hostname) ? undefined : 'endpointInsecure';
}

/** One spelling per endpoint: origin and path without a trailing slash; undefined for AWS. */
export function normalizeEndpoint(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined || endpoint.trim() === '') return undefined;
  try {
    const url = new URL(endpoint.trim());
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return endpoint.trim().replace(/\/+$/, '');
  }
}

/** The URL requests for `target` go to, for messages and confirmations. */
export function endpointOf(target: CognitoTarget): string {
  return normalizeEndpoint(target.endpoint) ?? `https://cognito-idp.${target.region}.amazonaws.com`;
}

export function sameTarget(a: CognitoTarget, b: CognitoTarget): boolean {
  return endpointOf(a) === endpointOf(b) && a.userPoolId === b.userPoolId && a.clientId === b.clientId && (a.domain ?? '') === (b.domain ?? '');
}

/** A profile's target, as a binding to record at sign-in (with the issuer the new ID token names). */
export function bindingFor(target: CognitoTarget, idToken: string | undefined): SessionBinding {
  const iss = idToken === undefined ? undefined : claims(idToken).iss;
  return { region: target.region, endpoint: normalizeEndpoint(target.endpoint), userPoolId: target.userPoolId, clientId: target.clientId, domain: target.domain, issuer: typeof iss === 'string' ? iss : undefined };
}

/**
 * The binding of a session stored before bindings were recorded, read from its own tokens (we stored them):
 * the issuer names the pool (and, for a local pool, the endpoint), `aud` / `client_id` the app client.
 * Undefined when they name no Cognito pool: such a session is never sent anywhere.
 */
export function bindingFromTokens(tokens: { readonly id?: string; readonly access: string }): SessionBinding | undefined {
  const id = tokens.id === undefined ? {} : claims(tokens.id);
  const access = claims(tokens.access);
  const iss = typeof id.iss === 'string' ? id.iss : access.iss;
  const issuer = parseCognitoIssuer(iss);
  const clientId = typeof id.aud === 'string' ? id.aud : typeof access.client_id === 'string' ? access.client_id : undefined;
  if (!issuer || !clientId) return undefined;
  const endpoint = issuer.format === 'local' ? issuer.issuer.slice(0, issuer.issuer.lastIndexOf('/')) : undefined;
  if (endpoint !== undefined && endpointProblem(endpoint)) return undefined;
  return { region: issuer.region, endpoint: normalizeEndpoint(endpoint), userPoolId: issuer.userPoolId, clientId, issuer: issuer.issuer };
}

export type BindingCheck =
  | { readonly ok: true }
  /** The profile now points somewhere else than where the session came from. */
  | { readonly ok: false; readonly reason: 'moved'; readonly was: string; readonly now: string };

/** Whether a session may be used with a profile's current settings. */
export function checkBinding(binding: SessionBinding | undefined, profile: CognitoTarget): BindingCheck {
  if (binding && sameTarget(binding, profile)) return { ok: true };
  return { ok: false, reason: 'moved', was: binding ? describeTarget(binding) : '?', now: describeTarget(profile) };
}

export function describeTarget(target: CognitoTarget): string {
  return `${endpointOf(target)} · ${target.userPoolId} · ${target.clientId}${target.domain ? ` · ${target.domain}` : ''}`;
}

function claims(token: string): Record<string, unknown> {
  const decoded = decodeToken(token);
  return decoded.kind === 'jws' ? decoded.payload : {};
}
