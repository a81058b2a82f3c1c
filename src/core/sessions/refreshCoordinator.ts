import type { Clock } from '../shared/clock';
import { fingerprint } from '../shared/fingerprint';
import type { RefreshMethod, RefreshMethodUsed } from '../shared/vocabulary';
import { refreshSession, type RefreshApi } from './refreshFlow';
import { rotationRecord, type RotationRecord } from './rotationHistory';
import type { SessionRepositoryCore } from './sessionRepository';
import type { StoredSession } from './storedSession';
import { sameSession } from './sessionRepository';
import { sameTokenFamily } from './tokenFamily';

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
      /**
       * True when another window refreshed the same sign-in first: `session` is the rotation it stored, taken
       * as ours. What this refresh got was dropped, not revoked (revoking it would end that window's session).
       */
      readonly adopted?: boolean;
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
 * saved compare-and-set before anyone is told, and a result whose session was signed out or replaced by a
 * new sign-in meanwhile dropped (its new refresh token revoked). Another window's rotation of the same
 * sign-in is adopted instead: revoking a token of a family that is still in use would end it.
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
    let result: Awaited<ReturnType<typeof refreshSession>>;
    try {
      result = await refreshSession(api, before, { clientId, clientSecret, method, clock: this.deps.clock });
    } catch (error) {
      // With a grace period of 0 the loser of a race between windows is refused (RefreshTokenReuseException):
      // if the winner has stored its rotation of this sign-in meanwhile, that is the session, not a failure.
      const theirs = await this.deps.repository.current(profile).catch(() => undefined);
      if (theirs && !sameSession(theirs, before) && sameTokenFamily(theirs, before)) {
        return this.adopt(profile, before, theirs, api.tokenEndpoint ? 'tokenEndpoint' : method === 'classic' ? 'classic' : 'rotation', false, undefined);
      }
      throw error;
    }
    const graceSeconds = await api.graceSeconds().catch(() => undefined);
    const record = rotationRecord({ before, after: result.session, method: result.method, at: this.deps.clock.now(), graceSeconds });
    const saved = await this.deps.repository.saveIfUnchanged(before, result.session, record);
    if (saved.kind === 'rotatedElsewhere') {
      return this.adopt(profile, before, saved.current, result.method, result.fellBack, result.session.tokens.refresh);
    }
    if (saved.kind === 'superseded') {
      // The sign-in this refresh belonged to is over (signed out, or replaced by a new sign-in and so a new
      // token family): its late refresh token would only keep a dead session alive, so revoke it.
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
        `[refresh] ${profile}: finished after ${saved.by === 'signOut' ? 'a sign-out' : 'a newer sign-in'}; stored nothing` +
          (fresh ? `; refresh token ${fingerprint(got)} ${revoked ? 'revoked' : 'could not be revoked'}` : ''),
      );
      return { kind: 'superseded', by: saved.by, method: result.method, fellBack: result.fellBack, revoked };
    }
    return { kind: 'refreshed', session: result.session, method: result.method, rotated: record.rotated, fellBack: result.fellBack, saved: saved.kind === 'saved', record };
  }

  /**
   * Another window refreshed the same sign-in first: its stored rotation is the session. The refresh token
   * this window got (if any) belongs to the same family, so it is dropped, never revoked: revoking it would
   * revoke the family, the other window's tokens with it. Unused, it ends with the session.
   */
  private adopt(profile: string, before: StoredSession, theirs: StoredSession, method: RefreshMethodUsed, fellBack: boolean, got: string | undefined): RefreshOutcome {
    const record = rotationRecord({ before, after: theirs, method, at: this.deps.clock.now() });
    const dropped = got !== undefined && got !== before.tokens.refresh && got !== theirs.tokens.refresh ? `; refresh token ${fingerprint(got)} dropped (same sign-in: not revoked)` : '';
    this.deps.log(`[refresh] ${profile}: another window refreshed this sign-in first; using its tokens (refresh ${theirs.tokens.refresh ? fingerprint(theirs.tokens.refresh) : '-'})${dropped}`);
    return { kind: 'refreshed', session: theirs, method, rotated: record.rotated, fellBack, saved: true, record, adopted: true };
  }
}
