import * as vscode from 'vscode';
import { fingerprint } from '../core/shared/fingerprint';
import { clientSecretKey, SecretStorageUnavailable, SessionStore } from '../core/sessions/sessionStore';
import type { StoredSession } from '../core/sessions/storedSession';
import { t } from '../translate';

/**
 * The editor's view of stored sessions: SecretStorage through the core store, change events for the
 * tree (from this window and, on desktop VS Code, other windows), and the user-facing messages when a
 * stored value is corrupt or SecretStorage itself fails.
 */
export class SessionService implements vscode.Disposable {
  private readonly store: SessionStore;
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: { dispose(): unknown };

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.store = new SessionStore(secrets, {
      onCorrupt: (profile) => {
        log.warn(`[sessions] removed an unreadable stored session for profile ${profile}`);
        void vscode.window.showWarningMessage(t('The stored tokens of profile {0} could not be read and were removed. Sign in again.', profile));
      },
    });
    this.subscription = this.store.onDidChange((profile) => this.changed.fire(profile));
  }

  get(profile: string): Promise<StoredSession | undefined> {
    return this.guard(() => this.store.get(profile));
  }

  async put(session: StoredSession): Promise<void> {
    await this.guard(() => this.store.put(session));
    this.log.info(`[sessions] stored tokens for ${session.profile}: id ${fingerprint(session.tokens.id)}, access ${fingerprint(session.tokens.access)}${session.tokens.refresh ? `, refresh ${fingerprint(session.tokens.refresh)}` : ''}`);
  }

  async delete(profile: string): Promise<void> {
    await this.guard(() => this.store.delete(profile));
    this.log.info(`[sessions] cleared tokens for ${profile}`);
  }

  async clientSecret(profile: string): Promise<string | undefined> {
    return this.guard(async () => {
      try {
        return await this.secrets.get(clientSecretKey(profile));
      } catch (error) {
        throw new SecretStorageUnavailable('read', error);
      }
    });
  }

  async setClientSecret(profile: string, secret: string | undefined): Promise<void> {
    await this.guard(async () => {
      try {
        await (secret ? this.secrets.store(clientSecretKey(profile), secret) : this.secrets.delete(clientSecretKey(profile)));
      } catch (error) {
        throw new SecretStorageUnavailable('write', error);
      }
    });
  }

  /** SecretStorage failures become one clear message (and are rethrown so callers stop). */
  private async guard<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof SecretStorageUnavailable) {
        this.log.error(`[sessions] ${error.message}`);
        void vscode.window.showErrorMessage(
          t('VS Code could not use its secret storage ({0}). Tokens are kept only there, never in plain files: on Linux, install and unlock a keyring (gnome-keyring or KWallet), or set "password-store" in argv.json, then try again.', error.operation),
        );
      }
      throw error;
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
