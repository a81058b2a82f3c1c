import { requestTokens, revokeRefreshToken, type HttpSend } from '../protocol/oauthFlows';
import type { OAuthDomain } from '../protocol/oauth';
import type { OAuthClient, OAuthTokens } from '../protocol/oauthToken';
import type { RefreshMethodUsed } from '../shared/vocabulary';
import type { CoordinatorApi } from './refreshCoordinator';
import type { StoredSession } from './storedSession';

/** What a managed-login or machine-to-machine session refreshes with: the domain's token endpoint. */
export interface TokenEndpoint {
  refresh(refreshToken: string): Promise<OAuthTokens>;
  clientCredentials(): Promise<OAuthTokens>;
}

/**
 * The refresh coordinator's API for a session whose tokens came from a managed-login domain: the same
 * one-request-per-profile, compare-and-set save and rotation record as GetTokensFromRefreshToken, with the
 * requests going to `{domain}/oauth2/token` and `/oauth2/revoke` only.
 */
export function tokenEndpointApi(send: HttpSend, target: { domain: OAuthDomain; clientId: string; clientSecret: () => Promise<string | undefined> }, scopes: readonly string[]): CoordinatorApi {
  const notHere = (): Promise<never> => Promise.reject(new Error('a managed-login session refreshes at its token endpoint only'));
  const client = async (): Promise<OAuthClient> => ({ domain: target.domain, clientId: target.clientId, clientSecret: await target.clientSecret() });
  return {
    tokenEndpoint: {
      refresh: async (refreshToken) => requestTokens(send, await client(), { grant: 'refresh_token', refreshToken }),
      clientCredentials: async () => requestTokens(send, await client(), { grant: 'client_credentials', scopes }),
    },
    getTokensFromRefreshToken: notHere,
    initiateAuth: notHere,
    graceSeconds: () => Promise.resolve(undefined),
    revokeToken: async (refreshToken) => revokeRefreshToken(send, await client(), refreshToken),
  };
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
