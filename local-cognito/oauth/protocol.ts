import { timingSafeEqual } from 'node:crypto';
import type { UpstreamClient } from '../upstream';
import type { OAuthHost, PlainRequest, PlainResponse } from './host';
import { isUnsafeRedirect } from './redirectSchemes';

/** An OAuth error answer: `{error, error_description}` with no-store, as Cognito's token endpoints send. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }

  response(): PlainResponse {
    const headers: Record<string, string> = { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', pragma: 'no-cache' };
    if (this.status === 401 && this.error === 'invalid_client') {
      headers['www-authenticate'] = 'Basic realm="local user pool"';
    }
    return { status: this.status, headers, body: { error: this.error, error_description: this.description } };
  }
}

export function jsonResponse(body: unknown, status = 200): PlainResponse {
  return { status, headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', pragma: 'no-cache' }, body };
}

export function redirect(location: string): PlainResponse {
  // Last line of defence (app clients are checked when saved, but state from an older pool may hold one):
  // never send a browser to a URL that runs script or reads local files.
  const safe = isUnsafeRedirect(location) ? '/error?error=redirect_mismatch' : location;
  return { status: 302, headers: { location: safe, 'cache-control': 'no-store' }, body: '' };
}

/** A POST body sent as a form; anything else is `invalid_request`. */
export function formBody(request: PlainRequest): URLSearchParams {
  const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new OAuthError('invalid_request', 'The body must be application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(request.body.toString('utf8'));
}

/** One value of a parameter; a parameter given twice is refused (RFC 6749 §3.1). */
export function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) {
    throw new OAuthError('invalid_request', `${name} is given more than once.`);
  }
  return values[0] === undefined || values[0] === '' ? undefined : values[0];
}

/**
 * Client authentication at the token and revoke endpoints: client_secret_basic (RFC 6749 §2.3.1, the
 * id and secret form-encoded inside Basic) or client_secret_post. A client with a secret must prove it.
 */
export async function authenticateClient(host: OAuthHost, request: PlainRequest, form: URLSearchParams): Promise<UpstreamClient> {
  let basicId: string | undefined;
  let basicSecret: string | undefined;
  const authorization = String(request.headers.authorization ?? '');
  if (/^basic /i.test(authorization)) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const cut = decoded.indexOf(':');
    if (cut < 0) {
      throw new OAuthError('invalid_client', 'Malformed Basic authorization header.', 401);
    }
    basicId = formDecode(decoded.slice(0, cut));
    basicSecret = formDecode(decoded.slice(cut + 1));
  }
  const formId = single(form, 'client_id');
  if (basicId !== undefined && formId !== undefined && basicId !== formId) {
    throw new OAuthError('invalid_client', 'client_id differs from the client in the Authorization header.', 401);
  }
  const clientId = basicId ?? formId;
  if (!clientId) {
    throw new OAuthError('invalid_request', 'client_id is missing.');
  }
  const client = await host.client(clientId);
  if (!client) {
    throw new OAuthError('invalid_client', 'Client authentication failed: unknown client.', 401);
  }
  const secret = basicSecret ?? single(form, 'client_secret');
  if (client.ClientSecret && (secret === undefined || !host.secretMatches(client, secret))) {
    throw new OAuthError('invalid_client', secret === undefined ? 'This client has a secret: authenticate with client_secret_basic or client_secret_post.' : 'Client authentication failed.', 401);
  }
  return client;
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw new OAuthError('invalid_client', 'Malformed Basic authorization header.', 401);
  }
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function parseScopes(value: string | undefined): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  return [...new Set(value.split(' ').filter((s) => s !== ''))];
}
