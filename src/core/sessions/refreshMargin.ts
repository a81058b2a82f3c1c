/**
 * The auto-refresh margin (`cognitoTokens.autoRefreshMarginSeconds`): how long before an access token
 * expires auto refresh and refresh-before-use act. The one clamp, for the settings reader, the scheduler
 * and refresh before use: 10 s to 1 h, 60 s when the value is not a number. Read from the user's own
 * settings only (issue 9: a repository must not be able to make every use of a token trigger a refresh).
 */
export const DEFAULT_MARGIN_SECONDS = 60;
export const MIN_MARGIN_SECONDS = 10;
export const MAX_MARGIN_SECONDS = 3600;

export function clampMarginSeconds(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(value, MIN_MARGIN_SECONDS), MAX_MARGIN_SECONDS) : DEFAULT_MARGIN_SECONDS;
}
