import { expiresAtOf } from '../sessions/storedSession';

export const DEFAULT_MARGIN_SECONDS = 60;

/**
 * The auto-refresh margin from the user's own settings. A workspace cannot set it: a repository must not
 * be able to make every use of a token trigger a refresh (issue 9: auto-refresh settings are user-only).
 */
export function marginSeconds(userValue: unknown): number {
  return typeof userValue === 'number' && Number.isFinite(userValue) ? Math.min(Math.max(userValue, 10), 3600) : DEFAULT_MARGIN_SECONDS;
}

/** True when a token handed out now would expire within the margin (or has no readable expiry). */
export function refreshBeforeUse(token: string | undefined, nowMs: number, marginSecondsValue: number): boolean {
  if (token === undefined) return true;
  const expiresAt = expiresAtOf(token);
  return expiresAt === undefined || expiresAt - nowMs <= marginSecondsValue * 1000;
}
