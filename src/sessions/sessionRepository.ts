import * as vscode from 'vscode';
import type { RotationRecord } from '../core/sessions/rotationHistory';
import { SessionRepositoryCore, type SaveOutcome } from '../core/sessions/sessionRepository';
import { SecretStorageUnavailable, SessionStore } from '../core/sessions/sessionStore';
import type { StoredSession } from '../core/sessions/storedSession';
import { fingerprint } from '../core/shared/fingerprint';
import type { Notifier } from '../notifier';
import { t } from '../translate';
import { HistoryStore } from './historyStore';

/** The notifier key of SecretStorage failures: one message however often views poll. */
export const SECRET_STORAGE_PROBLEM = 'secretStorage';

/**
 * Every reader's view of sessions (tree, picker, copy, inspect, status bar, commands, the inspector's
 * timeline, other branches' features): `current()` lays an unsaved rotation over what is stored, `list()`
 * gives every configured profile's, and `onDidChange` fires once per change with the profile's name
 * (a sign-in, sign-out or refresh here, or another window's write).
 *
 * `current()` and `list()` reject with SecretStorageUnavailable when secret storage fails; the user is told
 * once (the notifier), so polling readers just `.catch(() => undefined)`.
 */
export class SessionRepository implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange: vscode.Event<string> = this.changed.event;
  private readonly store: SessionStore;
  private readonly core: SessionRepositoryCore;
  private readonly history: HistoryStore;
  private readonly subscription: { dispose(): unknown };

  constructor(
    secrets: vscode.SecretStorage,
    memento: vscode.Memento,
    profileNames: () => readonly string[],
    private readonly log: vscode.LogOutputChannel,
    private readonly notifier: Notifier,
  ) {
    this.store = new SessionStore(secrets, {
      onCorrupt: (profile) => {
        log.warn(`[sessions] removed an unreadable stored session for profile ${profile}`);
        notifier.problem(`corrupt:${profile}`, 'warning', t('The stored tokens of profile {0} could not be read and were removed. Sign in again.', profile));
      },
      onNewer: (profile, version) => {
        log.warn(`[sessions] profile ${profile}: stored session version ${version} was written by a newer version of the extension; kept as it is`);
        notifier.problem(`newer:${profile}`, 'warning', t('The stored session of profile {0} was written by a newer version of Cognito Token Inspector. It is kept as it is; update the extension to use it, or sign in again here.', profile));
      },
    });
    this.history = new HistoryStore(memento);
    this.core = new SessionRepositoryCore({
      store: this.store,
      history: this.history,
      profileNames,
      changedInMemory: (profile) => this.changed.fire(profile),
    });
    this.subscription = this.store.onDidChange((profile) => {
      void this.core.storeChanged(profile).finally(() => this.changed.fire(profile));
    });
  }

  /** The session in use for `profile`: an unsaved rotation if there is one, else what is stored. */
  current(profile: string): Promise<StoredSession | undefined> {
    return this.guard(() => this.core.current(profile));
  }

  /** The current session of every configured profile that has one. */
  list(): Promise<StoredSession[]> {
    return this.guard(() => this.core.list());
  }

  /** A profile's rotation records (fingerprints, never tokens). */
  records(profile: string): readonly RotationRecord[] {
    return this.history.get(profile);
  }

  /** Stores a new sign-in. */
  async put(session: StoredSession): Promise<void> {
    await this.guard(() => this.core.put(session));
    this.log.info(`[sessions] stored tokens for ${session.profile}: id ${fingerprint(session.tokens.id)}, access ${fingerprint(session.tokens.access)}${session.tokens.refresh ? `, refresh ${fingerprint(session.tokens.refresh)}` : ''}`);
  }

  /** Sign-out: the stored session, any unsaved rotation and the history. */
  async remove(profile: string): Promise<void> {
    await this.guard(() => this.core.remove(profile));
    this.log.info(`[sessions] cleared tokens for ${profile}`);
  }

  /** Compare-and-set, for refreshes: see SessionRepositoryCore.saveIfUnchanged. */
  saveIfUnchanged(expected: StoredSession, next: StoredSession, record: RotationRecord): Promise<SaveOutcome> {
    return this.core.saveIfUnchanged(expected, next, record);
  }

  /** SecretStorage failures become one message until storage works again; the error is rethrown so callers stop. */
  private async guard<T>(action: () => Promise<T>): Promise<T> {
    try {
      const result = await action();
      this.notifier.resolved(SECRET_STORAGE_PROBLEM);
      return result;
    } catch (error) {
      if (error instanceof SecretStorageUnavailable) {
        this.log.error(`[sessions] ${error.message}`);
        this.notifier.problem(SECRET_STORAGE_PROBLEM, 'error', secretStorageMessage(error.operation));
      }
      throw error;
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function secretStorageMessage(operation: string): string {
  return t('VS Code could not use its secret storage ({0}). Tokens are kept only there, never in plain files: on Linux, install and unlock a keyring (gnome-keyring or KWallet), or set "password-store" in argv.json, then try again.', operation);
}
