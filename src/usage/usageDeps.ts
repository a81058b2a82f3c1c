import type * as vscode from 'vscode';
import type { Clock } from '../core/shared/clock';
import type { Profile } from '../core/sessions/profiles';
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
}
