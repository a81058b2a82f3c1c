import type { FailureKind } from '../core/protocol/cognitoErrors';
import type { OAuthFailure } from '../core/protocol/oauth';
import type { SessionSummary } from '../core/sessions/storedSession';
import type { UseRefused } from '../sessions/profileService';

// What `cognitoTokens.signIn` takes and resolves to, in their own file: both sign-in paths (the API's in
// signInCommand.ts, managed login's and USER_AUTH's in oauth/oauthSignIn.ts) speak them without importing
// each other.

/** Errors the new flows add to a sign-in result: OAuth's, passkeys, a factor the pool does not offer. */
export type OAuthSignInError = OAuthFailure | 'webAuthn' | 'factorUnavailable' | 'noTokens';

/** `cognitoTokens.signIn` arguments: all optional; what is missing is asked for. */
export interface SignInArgs {
  readonly profile?: string;
  readonly username?: string;
  readonly password?: string;
  readonly newPassword?: string;
  /** Required attributes for NEW_PASSWORD_REQUIRED, by name (without "userAttributes."). */
  readonly attributes?: Record<string, string>;
  readonly mfaCode?: string;
  /** SELECT_MFA_TYPE answer: SOFTWARE_TOKEN_MFA, SMS_MFA or EMAIL_OTP. */
  readonly mfaType?: string;
  /** USER_AUTH: the first factor (PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP) instead of the profile's or a pick. */
  readonly challenge?: string;
  /** USER_AUTH: the one-time code (EMAIL_OTP_CODE / SMS_OTP_CODE). */
  readonly code?: string;
}

export type SignInResult = SessionSummary | { readonly profile: string; readonly error: FailureKind | 'unsupportedChallenge' | UseRefused['error'] | OAuthSignInError; readonly message: string };
