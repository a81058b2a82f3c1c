import type { Translate } from '../shared/l10n';
import type { OAuthFailure } from './oauth';

/**
 * A managed-login or token-endpoint failure in plain words: what happened and what to change on the app
 * client or the profile. Never includes a code, token or secret.
 */
export function explainOAuthFailure(failure: OAuthFailure, t: Translate, context: { redirectUri?: string; scopes?: readonly string[]; grant?: string } = {}): string {
  switch (failure) {
    case 'stateMismatch':
      return t('The browser came back with an answer that does not belong to this sign-in (its state did not match). Nothing was signed in; start the sign-in again.');
    case 'noCode':
      return t('The browser came back without an authorization code. Start the sign-in again.');
    case 'redirectMismatch':
      return t('The app client does not accept the redirect URI {0}. Add it exactly to the app client\'s allowed callback URLs, or change the profile\'s redirectUri.', context.redirectUri ?? '');
    case 'invalidScope':
      return t('The app client does not allow the scopes {0}. Allow them in the app client\'s OAuth scopes (custom scopes come from a resource server), or change the profile\'s scopes.', (context.scopes ?? []).join(' '));
    case 'unauthorizedClient':
      return t('The app client is not allowed to use this OAuth flow ({0}). Enable it in the app client\'s allowed OAuth flows and turn on OAuth for the client.', context.grant ?? 'code');
    case 'accessDenied':
      return t('Sign-in was denied in the browser (consent refused or the identity provider said no). Nothing was signed in.');
    case 'invalidRequest':
      return t('The managed-login domain rejected the request as malformed. Check the profile\'s domain, client id and redirect URI.');
    case 'invalidClient':
      return t('The managed-login domain did not accept the client credentials. Check the client id; the client secret may have been rotated: set the current one with "Cognito: Set Client Secret".');
    case 'invalidGrant':
      return t('The code or refresh token was not accepted (expired, already used or revoked). Sign in again.');
    case 'unsupportedGrantType':
      return t('The managed-login domain does not support this grant type. Check the app client\'s allowed OAuth flows.');
    case 'serverError':
      return t('The managed-login domain failed. Try again in a moment.');
    case 'timeout':
      return t('No answer came back from the browser in time. If the browser shows redirect_mismatch, add {0} to the app client\'s callback URLs; then sign in again.', context.redirectUri ?? '');
    case 'portInUse':
      return t('Another program is using the redirect URI\'s port ({0}). Close it or choose another port in the profile\'s redirectUri (and in the app client\'s callback URLs).', context.redirectUri ?? '');
    case 'domainRefused':
      return t('The managed-login domain must be https (a Cognito or custom domain) or http on this computer only. Check the profile\'s domain.');
    case 'redirectRefused':
      return t('The redirect URI {0} would send the sign-in away from this editor. Use http://localhost:PORT/path (registered as a callback URL on the app client), or leave redirectUri empty to use the editor\'s own callback.', context.redirectUri ?? '');
    default:
      return t('Managed login failed. See the Cognito Tokens output for details.');
  }
}
