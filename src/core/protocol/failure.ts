// What a failure means to the user, shared by the Cognito API errors (cognitoErrors.ts) and the OAuth
// endpoint errors (oauthErrors.ts). Its own file so that neither explainer imports the other's module for
// the type (that made an import circle).
export type FailureKind =
  | 'wrongPassword'
  | 'userNotConfirmed'
  | 'passwordResetRequired'
  | 'flowNotEnabled'
  | 'secretHashMissing'
  | 'secretHashMismatch'
  | 'unknownClient'
  | 'network'
  | 'throttled'
  | 'codeMismatch'
  | 'expiredCode'
  | 'invalidNewPassword'
  | 'sessionExpired'
  | 'refreshReuse'
  | 'refreshRevoked'
  | 'refreshExpired'
  | 'refreshInvalid'
  | 'accessRevoked'
  | 'accessExpired'
  | 'notAuthorized'
  | 'credentials'
  | 'invalidParameter'
  | 'unknown';

export interface ExplainedFailure {
  readonly kind: FailureKind;
  readonly message: string;
  /** The service's own message, for the log. */
  readonly detail: string;
}
