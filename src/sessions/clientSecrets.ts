import type * as vscode from 'vscode';
import type { Profile } from '../core/sessions/profiles';
import { clientSecretFor, parseClientSecret, serializeClientSecret } from '../core/sessions/profileTrust';
import { clientSecretKey, SecretStorageUnavailable } from '../core/sessions/sessionStore';
import type { Notifier } from '../notifier';
import { SECRET_STORAGE_PROBLEM, secretStorageMessage } from './sessionRepository';

/** App client secrets in SecretStorage, each bound to the endpoint, pool and client it was set for. */
export class ClientSecrets {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
    private readonly notifier: Notifier,
  ) {}

  /** The secret to send with `profile`'s requests: only if it was set for this very target. */
  async for(profile: Profile): Promise<string | undefined> {
    const stored = parseClientSecret(await this.guard('read', () => this.secrets.get(clientSecretKey(profile.name))));
    const secret = clientSecretFor(stored, profile);
    if (stored && secret === undefined) this.log.warn(`[secrets] ${profile.name}: the stored client secret was set for another endpoint, pool or client; not sent`);
    return secret;
  }

  async set(profile: Profile, secret: string | undefined): Promise<void> {
    await this.guard('write', () => (secret ? this.secrets.store(clientSecretKey(profile.name), serializeClientSecret(secret, profile)) : this.secrets.delete(clientSecretKey(profile.name))));
  }

  private async guard<T>(operation: 'read' | 'write', action: () => Thenable<T>): Promise<T> {
    try {
      const result = await action();
      this.notifier.resolved(SECRET_STORAGE_PROBLEM);
      return result;
    } catch (error) {
      const failure = new SecretStorageUnavailable(operation, error);
      this.log.error(`[secrets] ${failure.message}`);
      this.notifier.problem(SECRET_STORAGE_PROBLEM, 'error', secretStorageMessage(operation));
      throw failure;
    }
  }
}
