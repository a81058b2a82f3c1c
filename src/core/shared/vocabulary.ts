// Words every layer shares. They live here, below everything, so no module has to import a
// flow or a view just to name a token type or a sign-in flow (and no import circle forms).

/** The three tokens of a Cognito sign-in. */
export type TokenType = 'id' | 'access' | 'refresh';

/** How a profile signs in (`cognitoTokens.profiles[].authFlow`). */
export type AuthFlow = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'ADMIN_USER_PASSWORD_AUTH';
export const AUTH_FLOWS: readonly AuthFlow[] = ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH'];

/** `cognitoTokens.profiles[].refreshMethod`: auto tries rotation first and falls back where unsupported. */
export type RefreshMethod = 'auto' | 'rotation' | 'classic';

/** What a refresh actually used: GetTokensFromRefreshToken (rotation) or REFRESH_TOKEN_AUTH (classic). */
export type RefreshMethodUsed = 'rotation' | 'classic';
