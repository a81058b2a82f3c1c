// Words every layer shares. They live here, below everything, so no module has to import a
// flow or a view just to name a token type or a sign-in flow (and no import circle forms).

/** The three tokens of a Cognito sign-in. */
export type TokenType = 'id' | 'access' | 'refresh';

/** How a profile signs in (`cognitoTokens.profiles[].authFlow`). */
export type AuthFlow = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'ADMIN_USER_PASSWORD_AUTH' | 'USER_AUTH' | 'MANAGED_LOGIN' | 'CLIENT_CREDENTIALS';
export const AUTH_FLOWS: readonly AuthFlow[] = ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH', 'MANAGED_LOGIN', 'CLIENT_CREDENTIALS'];

/** Flows whose tokens come from the managed-login domain's token endpoint, not the Cognito API. */
export const OAUTH_FLOWS: readonly AuthFlow[] = ['MANAGED_LOGIN', 'CLIENT_CREDENTIALS'];

/** `cognitoTokens.profiles[].refreshMethod`: auto tries rotation first and falls back where unsupported. */
export type RefreshMethod = 'auto' | 'rotation' | 'classic';

/**
 * What a refresh actually used: GetTokensFromRefreshToken (rotation), REFRESH_TOKEN_AUTH (classic), the
 * token endpoint's refresh_token grant (managed login), or a new client-credentials token (machine to machine).
 */
export type RefreshMethodUsed = 'rotation' | 'classic' | 'tokenEndpoint' | 'clientCredentials';

/** A first factor of the choice-based sign-in (USER_AUTH), as Cognito names it. */
export type FirstFactor = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';
export const FIRST_FACTORS: readonly FirstFactor[] = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

export function isFirstFactor(value: unknown): value is FirstFactor {
  return typeof value === 'string' && (FIRST_FACTORS as readonly string[]).includes(value);
}
