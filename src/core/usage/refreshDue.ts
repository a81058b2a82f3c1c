import { expiresAtOf } from '../sessions/storedSession';

import { clampMarginSeconds } from '../sessions/refreshMargin';

export { DEFAULT_MARGIN_SECONDS } from '../sessions/refreshMargin';

/** The auto-refresh margin from the user's own settings (the one clamp: core/sessions/refreshMargin.ts). */
export const marginSeconds = clampMarginSeconds;

/** True when a token handed out now would expire within the margin (or has no readable expiry). */
export function refreshBeforeUse(token: string | undefined, nowMs: number, marginSecondsValue: number): boolean {
  if (token === undefined) return true;
  const expiresAt = expiresAtOf(token);
  return expiresAt === undefined || expiresAt - nowMs <= marginSecondsValue * 1000;
}
