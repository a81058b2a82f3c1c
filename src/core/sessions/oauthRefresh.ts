import type { OAuthTokens } from '../protocol/oauthToken';
import type { RefreshMethodUsed } from '../shared/vocabulary';
import type { StoredSession } from './storedSession';

/** What a managed-login or machine-to-machine session refreshes with: the domain's token endpoint. */
export interface TokenEndpoint {
  refresh(refreshToken: string): Promise<OAuthTokens>;
  clientCredentials(): Promise<OAuthTokens>;
}

/**
 * A refresh at the token endpoint. With a refresh token: the refresh_token grant (a new refresh token only
 * when the client rotates; the session end never moves). Machine to machine has none: "refresh" asks for a
 * new access token with the client credentials. (The caller has checked there is one or the other.)
 */
export async function refreshAtTokenEndpoint(endpoint: TokenEndpoint, session: StoredSession): Promise<{ session: StoredSession; method: RefreshMethodUsed; fellBack: boolean }> {
  const refreshToken = session.tokens.refresh;
  if (refreshToken === undefined) {
    const tokens = await endpoint.clientCredentials();
    return { session: { ...session, tokens: { access: tokens.access } }, method: 'clientCredentials', fellBack: false };
  }
  const tokens = await endpoint.refresh(refreshToken);
  return {
    session: { ...session, tokens: { id: tokens.id ?? session.tokens.id, access: tokens.access, refresh: tokens.refresh ?? refreshToken } },
    method: 'tokenEndpoint',
    fellBack: false,
  };
}
