import type { RotationRecord } from './rotationHistory';
import type { SessionStore } from './sessionStore';
import type { StoredSession } from './storedSession';
import { sameTokenFamily } from './tokenFamily';

/** Where rotation records go (globalState in the editor, an array in tests). */
export interface HistoryLike {
  append(profile: string, record: RotationRecord): Promise<void>;
  clear(profile: string): Promise<void>;
}

export interface RepositoryDeps {
  readonly store: SessionStore;
  readonly history: HistoryLike;
  /** The configured profile names, for `list()`. */
  readonly profileNames: () => readonly string[];
  /** Called once per change this repository makes that SecretStorage does not announce (a rotation kept in memory). */
  readonly changedInMemory: (profile: string) => void;
  /** Waits before retrying a failed save (tests pass a no-op). */
  readonly retryDelay?: () => Promise<void>;
}

/** What became of a compare-and-set save. */
export type SaveOutcome =
  | { readonly kind: 'saved' }
  /** SecretStorage refused twice: the session is kept in memory (it wins over what is stored) until a save works. */
  | { readonly kind: 'keptInMemory' }
  /** The session changed while the caller worked (signed out, or signed in again here or in another window): nothing stored. */
  | { readonly kind: 'superseded'; readonly by: 'signOut' | 'newSession' }
  /** Another window refreshed the same sign-in first and stored its rotation: nothing stored; `current` is theirs. */
  | { readonly kind: 'rotatedElsewhere'; readonly current: StoredSession };

/** Two reads name the same session state: same sign-in and the same tokens. */
export function sameSession(a: StoredSession | undefined, b: StoredSession | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.profile === b.profile && a.signedInAt === b.signedInAt && a.tokens.access === b.tokens.access && a.tokens.refresh === b.tokens.refresh && a.tokens.id === b.tokens.id;
}

/**
 * The one source of truth for sessions: what SecretStorage holds, overlaid by a rotation Cognito already
 * made but SecretStorage did not take. Writes of one profile run one at a time, so "is it still the session
 * I started from?" and the write that follows cannot interleave with a sign-in or sign-out in this window.
 */
export class SessionRepositoryCore {
  /** Rotations SecretStorage did not take, with the stored session each was made from. */
  private readonly unsaved = new Map<string, { readonly session: StoredSession; readonly base: StoredSession }>();
  private readonly locks = new Map<string, Promise<void>>();

  constructor(private readonly deps: RepositoryDeps) {}

  /** The session in use: an unsaved rotation if there is one, else what is stored. Rejects when SecretStorage fails. */
  async current(profile: string): Promise<StoredSession | undefined> {
    return this.unsaved.get(profile)?.session ?? (await this.deps.store.get(profile));
  }

  /** The current session of every configured profile that has one. */
  async list(): Promise<StoredSession[]> {
    const sessions = await Promise.all(this.deps.profileNames().map((name) => this.current(name)));
    return sessions.filter((s): s is StoredSession => s !== undefined);
  }

  /** A new sign-in: replaces whatever was there (and any unsaved rotation of the old session). */
  put(session: StoredSession): Promise<void> {
    return this.exclusive(session.profile, async () => {
      this.unsaved.delete(session.profile);
      await this.deps.store.put(session);
    });
  }

  /** Sign-out: the session, its unsaved rotation and its history go. */
  remove(profile: string): Promise<void> {
    return this.exclusive(profile, async () => {
      this.unsaved.delete(profile);
      await this.deps.history.clear(profile);
      await this.deps.store.delete(profile);
    });
  }

  /**
   * Stores `next` (with its rotation record) only if the profile's session is still `expected`: a refresh
   * that finishes after a sign-out or a newer sign-in resurrects and replaces nothing.
   */
  saveIfUnchanged(expected: StoredSession, next: StoredSession, record: RotationRecord): Promise<SaveOutcome> {
    const profile = expected.profile;
    return this.exclusive(profile, async (): Promise<SaveOutcome> => {
      let now: StoredSession | undefined;
      try {
        now = await this.current(profile);
      } catch {
        // SecretStorage cannot be read: nothing can have replaced the session through it in this window.
        now = expected;
      }
      if (!sameSession(now, expected)) {
        if (now !== undefined && sameTokenFamily(now, expected)) return { kind: 'rotatedElsewhere', current: now };
        return { kind: 'superseded', by: now === undefined ? 'signOut' : 'newSession' };
      }
      await this.deps.history.append(profile, record).catch(() => undefined);
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          await this.deps.store.put(next);
          this.unsaved.delete(profile);
          return { kind: 'saved' };
        } catch {
          // Cognito has already rotated: the old refresh token dies after the grace period, so keep the new one.
          this.unsaved.set(profile, { session: next, base: this.unsaved.get(profile)?.base ?? expected });
          if (attempt === 0) await (this.deps.retryDelay ?? (() => new Promise((resolve) => setTimeout(resolve, 500))))();
        }
      }
      this.deps.changedInMemory(profile);
      return { kind: 'keptInMemory' };
    });
  }

  /**
   * SecretStorage says the profile's value changed (this window or another). If what is stored is no longer
   * the session an unsaved rotation was made from, another window wrote something newer: it supersedes ours.
   */
  async storeChanged(profile: string): Promise<void> {
    const overlay = this.unsaved.get(profile);
    if (!overlay) return;
    const stored = await this.deps.store.get(profile).catch(() => overlay.base);
    if (!sameSession(stored, overlay.base) && this.unsaved.get(profile) === overlay) this.unsaved.delete(profile);
  }

  /** Runs `action` after every earlier write of `profile` has finished. */
  private exclusive<T>(profile: string, action: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(profile) ?? Promise.resolve();
    const run = previous.then(action);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(profile, tail);
    void tail.then(() => {
      if (this.locks.get(profile) === tail) this.locks.delete(profile);
    });
    return run;
  }
}
