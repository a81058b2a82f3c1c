import type { Clock } from '../shared/clock';
import { fingerprint } from '../shared/fingerprint';
import type { RefreshMethod, RefreshMethodUsed } from '../shared/vocabulary';
import { refreshSession, type RefreshApi } from './refreshFlow';
import { rotationRecord, type RotationRecord } from './rotationHistory';
import type { SessionRepositoryCore } from './sessionRepository';
import type { StoredSession } from './storedSession';

/** The API a refresh needs, plus revocation for tokens that arrive after the session they belong to is gone. */
export interface CoordinatorApi extends RefreshApi {
  graceSeconds(): Promise<number | undefined>;
  revokeToken(refreshToken: string, clientSecret?: string): Promise<void>;
}

export interface CoordinatorDeps {
  readonly clock: Clock;
  readonly repository: Pick<SessionRepositoryCore, 'current' | 'saveIfUnchanged'>;
  /** The API client for a session; its owner keeps and disposes it. */
  readonly api: (session: StoredSession) => CoordinatorApi;
  readonly clientSecret: (session: StoredSession) => Promise<string | undefined>;
  /** One line for the log: fingerprints, never tokens. */
  readonly log: (line: string) => void;
}

export type RefreshOutcome =
  | {
      readonly kind: 'refreshed';
      readonly session: StoredSession;
      readonly method: RefreshMethodUsed;
      readonly rotated: boolean;
      readonly fellBack: boolean;
      /** False when SecretStorage failed twice: the new tokens are only in memory until the next save works. */
      readonly saved: boolean;
      readonly record: RotationRecord;
    }
  | {
      /** The session was signed out or replaced while the request ran: nothing was stored. */
      readonly kind: 'superseded';
      readonly by: 'signOut' | 'newSession';
      readonly method: RefreshMethodUsed;
      readonly fellBack: boolean;
      /** Whether the refresh token this late refresh got was revoked at Cognito. */
      readonly revoked: boolean;
    };

export class NotSignedIn extends Error {
  constructor(readonly profile: string) {
    super(`profile ${profile} is not signed in`);
  }
}

/**
 * Runs refreshes so that nothing is lost and nothing comes back: one request per profile at a time
 * (callers share it), the current session read first (another window may have rotated it), the result
 * saved compare-and-set before anyone is told, and a result whose session was signed out or replaced
 * meanwhile dropped (its new refresh token revoked).
 */
export class RefreshCoordinator {
  private readonly inFlight = new Map<string, Promise<RefreshOutcome>>();

  constructor(private readonly deps: CoordinatorDeps) {}

  refresh(profile: string, clientId: string, method: RefreshMethod): Promise<RefreshOutcome> {
    let running = this.inFlight.get(profile);
    if (!running) {
      running = this.run(profile, clientId, method).finally(() => this.inFlight.delete(profile));
      this.inFlight.set(profile, running);
    }
    return running;
  }

  private async run(profile: string, clientId: string, method: RefreshMethod): Promise<RefreshOutcome> {
    const before = await this.deps.repository.current(profile);
    if (!before) {
      throw new NotSignedIn(profile);
    }
    const api = this.deps.api(before);
    const clientSecret = await this.deps.clientSecret(before);
    const result = await refreshSession(api, before, { clientId, clientSecret, method, clock: this.deps.clock });
    const graceSeconds = await api.graceSeconds().catch(() => undefined);
    const record = rotationRecord({ before, after: result.session, method: result.method, at: this.deps.clock.now(), graceSeconds });
    const saved = await this.deps.repository.saveIfUnchanged(before, result.session, record);
    if (saved.kind === 'superseded') {
      const got = result.session.tokens.refresh;
      const fresh = got !== undefined && got !== before.tokens.refresh;
      let revoked = false;
      if (fresh) {
        revoked = await api.revokeToken(got, clientSecret).then(
          () => true,
          () => false,
        );
      }
      this.deps.log(
        `[refresh] ${profile}: finished after ${saved.by === 'signOut' ? 'a sign-out' : 'a newer sign-in or another window\'s refresh'}; stored nothing` +
          (fresh ? `; refresh token ${fingerprint(got)} ${revoked ? 'revoked' : 'could not be revoked'}` : ''),
      );
      return { kind: 'superseded', by: saved.by, method: result.method, fellBack: result.fellBack, revoked };
    }
    return { kind: 'refreshed', session: result.session, method: result.method, rotated: record.rotated, fellBack: result.fellBack, saved: saved.kind === 'saved', record };
  }
}
