import type * as vscode from 'vscode';
import type { StoredSession } from '../core/sessions/storedSession';

/**
 * What the token-usage features need from sessions: the structural shape of the sessions branch's
 * `SessionRepository` (current() lays an unsaved rotation over what is stored; one change event).
 */
export interface SessionSource {
  current(profile: string): Promise<StoredSession | undefined>;
  list(): Promise<readonly StoredSession[]>;
  readonly onDidChange: vscode.Event<string>;
}
