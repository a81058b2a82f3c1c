import { activeProfile } from '../usage/activeProfile';
import { canRefresh } from './canRefresh';
import { clampMarginSeconds } from './refreshMargin';
import { expiresAtOf, type StoredSession } from './storedSession';

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
  const marginMs = clampMarginSeconds(settings.marginSeconds) * 1000;
  return candidates
    .filter((c) => c.hasRefreshToken && c.accessExpiresAt !== undefined && !failed.has(c.profile) && c.accessExpiresAt - now <= marginMs)
    .map((c) => c.profile);
}

/** A stored session as auto refresh sees it (the one can-refresh rule: machine-to-machine sessions too). */
export function autoRefreshCandidate(session: StoredSession): AutoRefreshCandidate {
  return { profile: session.profile, accessExpiresAt: expiresAtOf(session.tokens.access), hasRefreshToken: canRefresh(session) };
}

/** How one automatic refresh went, as the shell reports it ('skipped': the profile is gone from settings; not a failure). */
export type AutoRefreshAttempt = 'refreshed' | 'refused' | 'failed' | 'skipped';

/**
 * Auto refresh over time: which profiles are due on each tick, and the failure memory that keeps a failed or
 * refused profile from being tried again on every tick (it waits until its session changes: a sign-in, a
 * manual refresh, another window's refresh). The shell ticks it, runs the refresh and says what happened;
 * the status bar only shows. Also remembers which profile changed last: the active profile.
 */
export class AutoRefreshScheduler {
  private readonly failed = new Set<string>();
  private lastChanged: string | undefined;

  constructor(private readonly deps: { readonly settings: () => AutoRefreshSettings; readonly now: () => number; readonly refresh: (profile: string) => Promise<AutoRefreshAttempt> }) {}

  /** A profile's session changed: it may be tried again, and it is the active one now. */
  sessionChanged(profile: string): void {
    this.lastChanged = profile;
    this.failed.delete(profile);
  }

  /** The profile the status bar shows and terminals export for (the one active-profile rule). */
  active(signedIn: readonly string[]): string | undefined {
    return activeProfile(this.lastChanged, signedIn);
  }

  /** Refreshes the due profiles one after another; a failure or refusal is remembered until the session changes. */
  async tick(sessions: readonly StoredSession[]): Promise<void> {
    const due = dueForAutoRefresh(sessions.map(autoRefreshCandidate), this.deps.settings(), this.deps.now(), this.failed);
    for (const profile of due) {
      const attempt = await this.deps.refresh(profile).catch((): AutoRefreshAttempt => 'failed');
      if (attempt === 'refused' || attempt === 'failed') this.failed.add(profile);
    }
  }
}
