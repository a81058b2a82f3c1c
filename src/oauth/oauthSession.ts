import { logoutUrl, parseOAuthDomain, parseRedirectUri } from '../core/protocol/oauth';
import { fetchUserInfo } from '../core/protocol/oauthFlows';
import { allowsSelfService } from '../core/protocol/oauthScopes';
import type { Profile } from '../core/sessions/profiles';
import { claimsOf, type StoredSession } from '../core/sessions/storedSession';
import type { NotifierAction } from '../notifier';
import type { Services } from '../services';
import { t } from '../translate';
import { domainTransport } from './httpTransport';
import { listenForRedirect } from './loopbackRedirect';
import { openInBrowser } from './openBrowser';

/**
 * What a managed-login session does after sign-in, at its own domain: user info from `/oauth2/userInfo`
 * when the access token cannot call GetUser, and ending the browser's managed-login session (`/logout`).
 */

/** The user's attributes from `/oauth2/userInfo`, when this session must use it (no self-service scope); else undefined. */
export async function userInfoInstead(session: StoredSession): Promise<{ username: string; attributes: Record<string, string> } | undefined> {
  if (allowsSelfService(claimsOf(session.tokens.access).scope) || !session.binding?.domain) return undefined;
  const domain = parseOAuthDomain(session.binding.domain);
  if (typeof domain === 'string') return undefined;
  const attributes = await fetchUserInfo(domainTransport(domain), domain, session.tokens.access);
  return { username: attributes.username ?? session.username, attributes };
}

/**
 * Revoking tokens does not end the browser's managed-login cookie: the next sign-in would skip the password.
 * The sign-out message offers `/logout`; it returns to `{redirectUri's origin}/signed-out` (register it in
 * the app client's sign-out URLs), which a short-lived loopback listener answers.
 */
export function browserLogoutAction(services: Services, profile: Profile, session: StoredSession): NotifierAction[] {
  if (session.authFlow !== 'MANAGED_LOGIN' || !session.binding?.domain) return [];
  const domain = parseOAuthDomain(session.binding.domain);
  const redirect = profile.redirectUri ? parseRedirectUri(profile.redirectUri) : undefined;
  if (typeof domain === 'string' || redirect === undefined || typeof redirect === 'string' || redirect.kind !== 'loopback') return [];
  const signedOut = new URL('/signed-out', redirect.uri).href;
  return [
    {
      title: t('End Browser Session'),
      run: async () => {
        const listener = listenForRedirect({ host: redirect.host, port: redirect.port, path: '/signed-out', state: undefined, timeoutMs: 120_000, page: () => ({ title: t('Signed out'), message: t('The managed-login session in this browser has ended. You can close this tab.') }), refusedPage: { title: t('Not what VS Code is waiting for'), message: t('VS Code ignored this request and keeps waiting for the browser to come back from the page it opened.') } });
        await listener.ready.catch(() => undefined);
        void listener.redirect.catch(() => undefined);
        services.log.info(`[signOut] ${profile.name}: opening ${domain.origin}/logout (returns to ${signedOut})`);
        await openInBrowser(logoutUrl(domain, session.binding?.clientId ?? profile.clientId, signedOut), services.log);
      },
    },
  ];
}
