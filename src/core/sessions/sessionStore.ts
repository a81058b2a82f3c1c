import { parseStoredSession, sessionKey, SESSION_KEY_PREFIX, type StoredSession } from './storedSession';

/** The slice of vscode.SecretStorage the store needs, so unit tests can pass a fake. */
export interface SecretStorageLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  onDidChange(listener: (event: { key: string }) => unknown): { dispose(): unknown };
}

/** SecretStorage itself failed (e.g. Linux without a keyring): nothing falls back to plain storage. */
export class SecretStorageUnavailable extends Error {
  constructor(readonly operation: 'read' | 'write' | 'delete', cause: unknown) {
    super(`secret storage ${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export interface StoreEvents {
  /** A stored value could not be read as a session and was removed. */
  onCorrupt(profile: string): void;
  /** A stored value was written by a newer version: kept, and read as signed out. */
  onNewer?(profile: string, version: number): void;
}

/**
 * Sessions by profile, in SecretStorage only. Reads always go to SecretStorage (never a cache), so a change
 * made by another window is seen before the next use.
 */
export class SessionStore {
  constructor(
    private readonly secrets: SecretStorageLike,
    private readonly events: StoreEvents,
  ) {}

  async get(profile: string): Promise<StoredSession | undefined> {
    let text: string | undefined;
    try {
      text = await this.secrets.get(sessionKey(profile));
    } catch (error) {
      throw new SecretStorageUnavailable('read', error);
    }
    if (text === undefined) {
      return undefined;
    }
    const parsed = parseStoredSession(text);
    if (parsed.kind === 'newer') {
      this.events.onNewer?.(profile, parsed.version);
      return undefined;
    }
    if (parsed.kind === 'corrupt' || parsed.session.profile !== profile) {
      await this.delete(profile);
      this.events.onCorrupt(profile);
      return undefined;
    }
    return parsed.session;
  }

  async put(session: StoredSession): Promise<void> {
    try {
      await this.secrets.store(sessionKey(session.profile), JSON.stringify(session));
    } catch (error) {
      throw new SecretStorageUnavailable('write', error);
    }
  }

  async delete(profile: string): Promise<void> {
    try {
      await this.secrets.delete(sessionKey(profile));
    } catch (error) {
      throw new SecretStorageUnavailable('delete', error);
    }
  }

  /** Calls `listener` with the profile whose session changed, in this window or another. */
  onDidChange(listener: (profile: string) => void): { dispose(): unknown } {
    return this.secrets.onDidChange((event) => {
      if (event.key.startsWith(SESSION_KEY_PREFIX)) {
        listener(event.key.slice(SESSION_KEY_PREFIX.length));
      }
    });
  }
}

export const CLIENT_SECRET_PREFIX = 'cognitoTokens.clientSecret.';
export function clientSecretKey(profile: string): string {
  return `${CLIENT_SECRET_PREFIX}${profile}`;
}
