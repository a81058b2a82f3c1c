import { parseOAuthDomain } from '../core/protocol/oauth';
import type { CoordinatorApi } from '../core/sessions/refreshCoordinator';
import { tokenEndpointApi } from '../core/sessions/tokenEndpointApi';
import type { StoredSession } from '../core/sessions/storedSession';
import { OAUTH_FLOWS } from '../core/shared/vocabulary';
import { domainTransport } from './httpTransport';

/**
 * The refresh API of a managed-login or machine-to-machine session: its bound domain's token endpoint.
 * The domain is the one the session was issued by (its binding), never what the settings say now.
 */
export function tokenEndpointFor(session: StoredSession, scopes: readonly string[] | undefined, clientSecret: () => Promise<string | undefined>): CoordinatorApi | undefined {
  if (!OAUTH_FLOWS.includes(session.authFlow) || !session.binding?.domain) return undefined;
  const domain = parseOAuthDomain(session.binding.domain);
  if (typeof domain === 'string') return undefined;
  return tokenEndpointApi(domainTransport(domain), { domain, clientId: session.binding.clientId, clientSecret }, scopes ?? []);
}
