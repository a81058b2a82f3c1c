/** One signed-in profile as auto refresh sees it. */
export interface AutoRefreshCandidate {
  readonly profile: string;
  /** ms since epoch; undefined when the access token has no usable exp. */
  readonly accessExpiresAt?: number;
  readonly hasRefreshToken: boolean;
}

export interface AutoRefreshSettings {
  /** From the user's own settings only: a workspace cannot make the extension send refresh tokens by itself. */
  readonly enabled: boolean;
  readonly marginSeconds: number;
}

/**
 * The profiles to refresh now: auto refresh on, a refresh token to use, the access token within the
 * margin of its expiry (or past it), and no failed attempt since the profile last changed (a failure waits
 * for the user: a sign-in or a manual refresh).
 */
export function dueForAutoRefresh(candidates: readonly AutoRefreshCandidate[], settings: AutoRefreshSettings, now: number, failed: ReadonlySet<string>): string[] {
  if (!settings.enabled) return [];
  const marginMs = Math.min(Math.max(settings.marginSeconds, 10), 3600) * 1000;
  return candidates
    .filter((c) => c.hasRefreshToken && c.accessExpiresAt !== undefined && !failed.has(c.profile) && c.accessExpiresAt - now <= marginMs)
    .map((c) => c.profile);
}
