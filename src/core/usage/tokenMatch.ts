import { claimsOf } from '../sessions/storedSession';
import type { TokenType } from '../shared/vocabulary';

export interface SignedInProfile {
  readonly profile: string;
  readonly clientId: string;
  /** The session's tokens: their `iss` is the pool's issuer as this endpoint writes it (AWS or local). */
  readonly tokens: { readonly id?: string; readonly access: string };
}

export interface TokenMatch {
  readonly profile: string;
  readonly tokenType: Exclude<TokenType, 'refresh'>;
}

/**
 * Which signed-in profile issued a token found in a file: same issuer as that profile's session and the
 * profile's app client (aud for ID tokens, client_id for access tokens). Only then may the file's token
 * be replaced with the profile's current one.
 */
export function matchProfiles(claims: Record<string, unknown>, profiles: readonly SignedInProfile[]): TokenMatch[] {
  const tokenUse = claims.token_use;
  if ((tokenUse !== 'id' && tokenUse !== 'access') || typeof claims.iss !== 'string') return [];
  const client = tokenUse === 'id' ? claims.aud : claims.client_id;
  const matches: TokenMatch[] = [];
  for (const candidate of profiles) {
    if (client !== candidate.clientId) continue;
    const own = candidate.tokens[tokenUse];
    if (own === undefined || claimsOf(own).iss !== claims.iss) continue;
    matches.push({ profile: candidate.profile, tokenType: tokenUse });
  }
  return matches;
}
