import type { TokenType } from '../shared/vocabulary';

/**
 * Scopes of the `cognito` authentication provider: `profile:NAME` picks the profile, `id_token` asks for
 * the ID token instead of the access token. Anything else is not ours to grant.
 */
export type CognitoScopes =
  | { readonly ok: true; readonly profile?: string; readonly tokenType: Exclude<TokenType, 'refresh'> }
  | { readonly ok: false; readonly reason: string };

export function parseScopes(scopes: readonly string[] | undefined): CognitoScopes {
  let profile: string | undefined;
  let tokenType: 'id' | 'access' = 'access';
  for (const scope of scopes ?? []) {
    if (scope.startsWith('profile:') && scope.length > 'profile:'.length) {
      if (profile !== undefined) return { ok: false, reason: 'more than one profile' };
      profile = scope.slice('profile:'.length);
    } else if (scope === 'id_token') {
      tokenType = 'id';
    } else if (scope !== 'access_token') {
      return { ok: false, reason: `unknown scope ${JSON.stringify(scope)}` };
    }
  }
  return { ok: true, profile, tokenType };
}

/** A session's id names its profile and token, so two extensions asking the same thing get the same id. */
export function sessionId(profile: string, tokenType: 'id' | 'access'): string {
  return `${tokenType}:${profile}`;
}

export function accountLabel(username: string, profile: string): string {
  return `${username} (${profile})`;
}
