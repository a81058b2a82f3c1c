import { requestTokens, revokeRefreshToken, type HttpSend } from '../protocol/oauthFlows';
import type { OAuthDomain } from '../protocol/oauth';
import type { OAuthClient } from '../protocol/oauthToken';
import type { CoordinatorApi } from './refreshCoordinator';

// Its own file (it was in oauthRefresh.ts): it builds the coordinator's API, so it depends on the
// coordinator, while the coordinator's refresh flow depends on oauthRefresh. Together they made a circle.

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
