import type * as vscode from 'vscode';
import type { Clock } from '../core/shared/clock';
import type { Profile } from '../core/sessions/profiles';
import type { DerivedTokenStore } from '../core/exchange/derivedTokens';
import type { SessionSource } from './sessionSource';

/** What the token-usage features are built from (tasks, terminals, the auth provider, files, curl). */
export interface UsageDeps {
  readonly sessions: SessionSource;
  /** The profiles in settings, as every other command reads them. */
  readonly profiles: () => readonly Profile[];
  /** The existing profile picker: the named profile, the only one, or the user's choice. */
  readonly pickProfile: (name: string | undefined) => Promise<Profile | undefined>;
  readonly clock: Clock;
  readonly log: vscode.LogOutputChannel;
  /** Tokens from token exchange, in memory under their session (one store: services.derivedTokens). */
  readonly derived: DerivedTokenStore;
  /** The profile's client secret, only if it was set for this very target. */
  readonly clientSecret: (profile: Profile) => Promise<string | undefined>;
}
