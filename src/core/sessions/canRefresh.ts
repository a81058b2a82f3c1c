import type { AuthFlow } from '../shared/vocabulary';

/**
 * Whether a session can get new tokens without the user: it holds a refresh token, or it is a
 * machine-to-machine session (CLIENT_CREDENTIALS has no refresh token; its "refresh" asks the token endpoint
 * for a new access token with the client's credentials). The one answer for the refresh flow, refresh
 * before use, and auto refresh (whose own copy left machine-to-machine sessions out).
 */
export function canRefresh(session: { readonly authFlow?: AuthFlow; readonly tokens: { readonly refresh?: string } }): boolean {
  return session.tokens.refresh !== undefined || session.authFlow === 'CLIENT_CREDENTIALS';
}
