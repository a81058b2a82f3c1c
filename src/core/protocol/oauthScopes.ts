import type { Translate } from '../shared/l10n';

/**
 * OAuth scopes as Cognito uses them: the OpenID ones, Cognito's self-service scope, and custom scopes
 * `resource-server-identifier/scope-name` from a resource server (machine to machine).
 */

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** Scopes from settings (an array) or a token's `scope` claim (space-separated); invalid entries dropped. */
export function parseScopes(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(' ') : [];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') continue;
    for (const scope of item.trim().split(/\s+/)) {
      if (scope !== '' && SCOPE_TOKEN.test(scope) && !out.includes(scope)) out.push(scope);
    }
  }
  return out;
}

/** Each returns undefined when valid, else a problem key (translated by the caller). */
export function checkScopesText(text: string): 'scopesInvalid' | undefined {
  const parts = text.trim().split(/\s+/).filter((s) => s !== '');
  return parts.every((s) => SCOPE_TOKEN.test(s)) ? undefined : 'scopesInvalid';
}

export type ScopeKind = 'openid' | 'standard' | 'cognitoAdmin' | 'custom' | 'other';

export interface ScopeInfo {
  readonly scope: string;
  readonly kind: ScopeKind;
  /** For custom scopes: the resource server's identifier (may itself contain slashes, e.g. a URL). */
  readonly resourceServer?: string;
  readonly name?: string;
}

export function classifyScope(scope: string): ScopeInfo {
  if (scope === 'openid') return { scope, kind: 'openid' };
  if (scope === 'email' || scope === 'phone' || scope === 'profile') return { scope, kind: 'standard' };
  if (scope === 'aws.cognito.signin.user.admin') return { scope, kind: 'cognitoAdmin' };
  const slash = scope.lastIndexOf('/');
  if (slash > 0 && slash < scope.length - 1) {
    return { scope, kind: 'custom', resourceServer: scope.slice(0, slash), name: scope.slice(slash + 1) };
  }
  return { scope, kind: 'other' };
}

/** Whether an access token's scopes allow Cognito's self-service APIs (GetUser); else use /oauth2/userInfo. */
export function allowsSelfService(scopeClaim: unknown): boolean {
  return parseScopes(scopeClaim).includes('aws.cognito.signin.user.admin');
}

/** One line per scope for the hover and the inspector. */
export function describeScope(info: ScopeInfo, t: Translate): string {
  switch (info.kind) {
    case 'openid':
      return t('openid: an OpenID Connect sign-in; /oauth2/userInfo answers with this token.');
    case 'standard':
      return t('{0}: lets /oauth2/userInfo return the user\'s {0} attributes.', info.scope);
    case 'cognitoAdmin':
      return t('aws.cognito.signin.user.admin: allows Cognito self-service APIs such as GetUser and UpdateUserAttributes.');
    case 'custom':
      return t('{0}: custom scope "{1}" of resource server "{2}"; your API decides what it allows.', info.scope, info.name ?? '', info.resourceServer ?? '');
    default:
      return t('{0}: a scope Cognito does not define; your API decides what it means.', info.scope);
  }
}
