import type { TokenType } from '../shared/vocabulary';

/**
 * Scopes of the `cognito` authentication provider: `profile:NAME` picks the profile, `id_token` asks for
 * the ID token instead of the access token, `audience:X` a derived access token for audience X (token
 * exchange). Anything else is not ours to grant.
 */
export type CognitoScopes =
  | { readonly ok: true; readonly profile?: string; readonly tokenType: Exclude<TokenType, 'refresh'>; readonly audience?: string }
  | { readonly ok: false; readonly reason: string };

export function parseScopes(scopes: readonly string[] | undefined): CognitoScopes {
  let profile: string | undefined;
  let tokenType: 'id' | 'access' = 'access';
  let audience: string | undefined;
  for (const scope of scopes ?? []) {
    if (scope.startsWith('profile:') && scope.length > 'profile:'.length) {
      if (profile !== undefined) return { ok: false, reason: 'more than one profile' };
      profile = scope.slice('profile:'.length);
    } else if (scope.startsWith('audience:') && scope.length > 'audience:'.length) {
      if (audience !== undefined) return { ok: false, reason: 'more than one audience' };
      audience = scope.slice('audience:'.length);
    } else if (scope === 'id_token') {
      tokenType = 'id';
    } else if (scope !== 'access_token') {
      return { ok: false, reason: `unknown scope ${JSON.stringify(scope)}` };
    }
  }
  if (audience !== undefined && tokenType === 'id') return { ok: false, reason: 'an ID token has no audience to exchange for' };
  return { ok: true, profile, tokenType, ...(audience !== undefined ? { audience } : {}) };
}

/** A session's id names its profile and token, so two extensions asking the same thing get the same id. */
export function sessionId(profile: string, tokenType: 'id' | 'access', audience?: string): string {
  return audience === undefined ? `${tokenType}:${profile}` : `${tokenType}:${profile}:audience:${audience}`;
}

export function accountLabel(username: string, profile: string): string {
  return `${username} (${profile})`;
}
