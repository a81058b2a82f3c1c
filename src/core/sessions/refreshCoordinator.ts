import type { Clock } from '../shared/clock';
import type { RefreshMethod } from '../shared/vocabulary';
import { refreshSession, type RefreshApi } from './refreshFlow';
import type { RefreshMethodUsed } from '../shared/vocabulary';
import { rotationRecord, type RotationRecord } from './rotationHistory';
import type { StoredSession } from './storedSession';

export interface CoordinatorDeps {
  readonly clock: Clock;
  /** Reads the stored session (SecretStorage), right before each refresh. */
  readonly load: (profile: string) => Promise<StoredSession | undefined>;
  readonly save: (session: StoredSession) => Promise<void>;
  /** The profile's API client; its owner keeps and disposes it (one per profile, reused across refreshes). */
  readonly api: (profile: string) => RefreshApi & { graceSeconds(): Promise<number | undefined> };
  readonly clientSecret: (profile: string) => Promise<string | undefined>;
  /** Told after the new tokens are saved (or kept in memory when saving failed). */
  readonly onRefreshed: (profile: string, record: RotationRecord, saved: boolean) => void;
  /** Waits before retrying a failed save (tests pass a no-op). */
  readonly retryDelay?: () => Promise<void>;
}

export interface RefreshOutcome {
  readonly session: StoredSession;
  readonly method: RefreshMethodUsed;
  readonly rotated: boolean;
  readonly fellBack: boolean;
  /** False when SecretStorage failed twice: the new tokens are only in memory until the next save works. */
  readonly saved: boolean;
}

export class NotSignedIn extends Error {
  constructor(readonly profile: string) {
    super(`profile ${profile} is not signed in`);
  }
}

/**
 * Runs refreshes so that nothing is lost: one request per profile at a time (callers share it), the
 * stored session re-read first (another window may have rotated it), the new session saved before anyone
 * is told, and a rotated token that could not be saved kept in memory and saved again.
 */
export class RefreshCoordinator {
  private readonly inFlight = new Map<string, Promise<RefreshOutcome>>();
  /** Sessions Cognito already rotated but SecretStorage did not take: they win over what is stored. */
  private readonly unsaved = new Map<string, StoredSession>();

  constructor(private readonly deps: CoordinatorDeps) {}

  refresh(profile: string, clientId: string, method: RefreshMethod): Promise<RefreshOutcome> {
    let running = this.inFlight.get(profile);
    if (!running) {
      running = this.run(profile, clientId, method).finally(() => this.inFlight.delete(profile));
      this.inFlight.set(profile, running);
    }
    return running;
  }

  /** The session to use now: an unsaved rotation if there is one, else what is stored. */
  async current(profile: string): Promise<StoredSession | undefined> {
    return this.unsaved.get(profile) ?? (await this.deps.load(profile));
  }

  forget(profile: string): void {
    this.unsaved.delete(profile);
  }

  private async run(profile: string, clientId: string, method: RefreshMethod): Promise<RefreshOutcome> {
    const before = await this.current(profile);
    if (!before) {
      throw new NotSignedIn(profile);
    }
    const api = this.deps.api(profile);
    const clientSecret = await this.deps.clientSecret(profile);
    const result = await refreshSession(api, before, { clientId, clientSecret, method, clock: this.deps.clock });
    const saved = await this.saveWithRetry(result.session);
    const graceSeconds = await api.graceSeconds().catch(() => undefined);
    const record = rotationRecord({ before, after: result.session, method: result.method, at: this.deps.clock.now(), graceSeconds });
    this.deps.onRefreshed(profile, record, saved);
    return { session: result.session, method: result.method, rotated: record.rotated, fellBack: result.fellBack, saved };
  }

  private async saveWithRetry(session: StoredSession): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.deps.save(session);
        this.unsaved.delete(session.profile);
        return true;
      } catch {
        // Cognito has already rotated: the old refresh token dies after the grace period, so keep the new one.
        this.unsaved.set(session.profile, session);
        await (this.deps.retryDelay ?? (() => new Promise((resolve) => setTimeout(resolve, 500))))();
      }
    }
    return false;
  }
}
