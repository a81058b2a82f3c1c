import type { Translate } from '../shared/l10n';
import { explainOAuthError } from './oauthErrors';
import { forLog, forNotification } from '../shared/untrustedText';
import type { ExplainedFailure, FailureKind } from './failure';

export type { ExplainedFailure, FailureKind } from './failure';

/**
 * What a failed Cognito call means to the user: what happened and what to do. Keyed on the SDK error's
 * name (the Cognito exception) and message. Messages never include tokens, secrets or passwords. The
 * service's text is untrusted (a hostile endpoint writes it): it is made safe for a notification (no link
 * syntax, no hidden characters, 200 characters at most) and, for the log, freed of anything token-like.
 */
interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

export function explainCognitoError(error: unknown, t: Translate, context: { clientId?: string; profile?: string } = {}): ExplainedFailure {
  // Managed login's token endpoint speaks OAuth, not the Cognito API.
  const oauth = explainOAuthError(error, t);
  if (oauth) return oauth;
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const kind = classify(name, message, e);
  return { kind, message: describe(kind, t, context, forNotification(message)), detail: forLog(`${name}: ${message}`) };
}

function classify(name: string, message: string, e: ErrorLike): FailureKind {
  const code = typeof e.code === 'string' ? e.code : '';
  const causeCode = typeof (e.cause as ErrorLike | undefined)?.code === 'string' ? String((e.cause as ErrorLike).code) : '';
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH/.test(`${code} ${causeCode} ${message}`) || name === 'TimeoutError' || (name === 'TypeError' && /fetch failed/i.test(message))) {
    return 'network';
  }
  switch (name) {
    case 'UserNotConfirmedException':
      return 'userNotConfirmed';
    case 'PasswordResetRequiredException':
      return 'passwordResetRequired';
    case 'TooManyRequestsException':
    case 'ThrottlingException':
    case 'LimitExceededException':
      return 'throttled';
    case 'CodeMismatchException':
      return 'codeMismatch';
    case 'ExpiredCodeException':
      return 'expiredCode';
    case 'InvalidPasswordException':
      return 'invalidNewPassword';
    case 'RefreshTokenReuseException':
      return 'refreshReuse';
    case 'ResourceNotFoundException':
      return 'unknownClient';
    case 'CredentialsProviderError':
      return 'credentials';
    case 'InvalidParameterException':
      return /flow not enabled|not enabled for this client|not supported/i.test(message) ? 'flowNotEnabled' : 'invalidParameter';
    case 'NotAuthorizedException':
      if (/SECRET_HASH was not received|ClientSecret was not received/i.test(message)) return 'secretHashMissing';
      if (/secret hash/i.test(message)) return 'secretHashMismatch';
      if (/Refresh Token has been revoked/i.test(message)) return 'refreshRevoked';
      if (/Refresh Token has expired/i.test(message)) return 'refreshExpired';
      if (/Invalid Refresh Token/i.test(message)) return 'refreshInvalid';
      if (/Access Token has been revoked/i.test(message)) return 'accessRevoked';
      if (/Access Token has expired/i.test(message)) return 'accessExpired';
      if (/session/i.test(message)) return 'sessionExpired';
      if (/Incorrect username or password|User does not exist|Password attempts exceeded/i.test(message)) return 'wrongPassword';
      if (/flow.*not (enabled|allowed)/i.test(message)) return 'flowNotEnabled';
      return 'notAuthorized';
    default:
      return /Could not load credentials|credential/i.test(message) ? 'credentials' : 'unknown';
  }
}

function describe(kind: FailureKind, t: Translate, context: { clientId?: string; profile?: string }, raw: string): string {
  switch (kind) {
    case 'wrongPassword':
      return t('Incorrect username or password. Check both and try again.');
    case 'userNotConfirmed':
      return t('This user has not confirmed their account yet. Confirm it (code sent at sign-up, or AdminConfirmSignUp) and sign in again.');
    case 'passwordResetRequired':
      return t('Cognito requires a password reset for this user. Reset the password (ForgotPassword), then sign in again.');
    case 'flowNotEnabled':
      return t('This sign-in flow is not enabled on the app client. Enable it in the app client\'s authentication flows, or choose another authFlow for this profile.');
    case 'secretHashMissing':
      return t('The app client has a client secret. Set it with "Cognito: Set Client Secret" for profile {0}.', context.profile ?? '');
    case 'secretHashMismatch':
      // Since client-secret rotation (AddUserPoolClientSecret / DeleteUserPoolClientSecret, 2026), the likeliest
      // cause of a secret that used to work is that its secret was deleted after a new one was added.
      return t('The client secret does not match the app client. It may have been rotated (a new secret added and the old one deleted): set the current one with "Cognito: Set Client Secret".');
    case 'unknownClient':
      return t('Cognito does not know this app client or user pool. Check the profile\'s region, user pool id, client id and endpoint.');
    case 'network':
      return t('Cognito could not be reached. Check your network, proxy or the profile\'s endpoint, then try again.');
    case 'throttled':
      return t('Cognito is throttling requests. Wait a moment and try again.');
    case 'codeMismatch':
      return t('The code is not correct. Check it and try again.');
    case 'expiredCode':
      return t('The code has expired. Sign in again to get a new one.');
    case 'invalidNewPassword':
      return t('The new password does not meet the user pool\'s password policy: {0}', raw);
    case 'sessionExpired':
      return t('The sign-in took too long and its session expired. Sign in again.');
    case 'refreshReuse':
      return t('This refresh token was already replaced by rotation and its grace period is over (another window or a copy may have refreshed first). Sign in again.');
    case 'refreshRevoked':
      return t('The refresh token has been revoked (sign-out or global sign-out). Sign in again.');
    case 'refreshExpired':
      return t('The refresh token has expired: the session is over. Sign in again.');
    case 'refreshInvalid':
      return t('Cognito rejected the refresh token as invalid. If device tracking is on, or the tokens came from an admin sign-in on a rotating client, sign in again.');
    case 'accessRevoked':
      return t('The access token has been revoked (sign-out). Sign in again.');
    case 'accessExpired':
      return t('The access token has expired. Refresh or sign in again.');
    case 'credentials':
      return t('No AWS credentials were found for the admin sign-in flow. Configure credentials (or the profile\'s awsProfile), or use USER_SRP_AUTH.');
    case 'notAuthorized':
      return t('Cognito refused: {0}', raw);
    case 'invalidParameter':
      return t('Cognito rejected the request: {0}', raw);
    default:
      return t('Cognito failed: {0}', raw);
  }
}

/**
 * The command a failure's notification offers, if any: a secret that is missing or no longer matches (the
 * likeliest cause: client-secret rotation) is fixed by setting the current one.
 */
export function offeredCommand(kind: FailureKind): 'cognitoTokens.setClientSecret' | undefined {
  return kind === 'secretHashMismatch' || kind === 'secretHashMissing' ? 'cognitoTokens.setClientSecret' : undefined;
}
