import type * as vscode from 'vscode';
import type { Clock } from '../core/shared/clock';
import { CONFIRMED_ISSUERS_KEY, forgetConfirmedIssuers, parseConfirmedIssuers, withConfirmedIssuer, type PoolRef } from '../core/tokens/keySource';
import { keyTrustFor, type ProfilePool } from '../core/tokens/keyTrust';

export type { ProfilePool } from '../core/tokens/keyTrust';
import type { VerifyResult } from '../core/tokens/verify';
import { clockSkewSeconds } from '../settings';
import { t } from '../translate';

/** globalState key: issuer strings the user trusted in the inspector (not secrets: public URLs). */
export { CONFIRMED_ISSUERS_KEY };

export interface VerifyRequest {
  /** The app client the token must be for (stored tokens, or a profile named in the verify command). */
  readonly expectedClientId?: string;
  /** Verify against this profile's own pool only: a stored token, or the verify command's `profile`. */
  readonly profile?: string;
}

/** What the inspector and the verify command use to verify; trust decisions are `keySourceFor`'s, in core. */
export interface Verifier {
  verify(token: string, request?: VerifyRequest): Promise<VerifyResult>;
  /** Remembers an issuer the user trusted in the inspector (exactly the string shown to them). */
  confirmIssuer(issuer: string): Promise<void>;
  /** Forgets every issuer trusted in the inspector; resolves to how many there were. */
  forgetIssuers(): Promise<number>;
}

export interface VerifierDeps {
  /** Loads the verification bundle (jose), which nothing needs until something is verified. */
  readonly load: () => Pick<typeof import('../core/tokens/verify'), 'verifyToken'>;
  readonly globalState: vscode.Memento;
  readonly clock: Clock;
  /**
   * A profile's pool by name: its signed-in session's binding (where its tokens came from), else, for a
   * profile from the user's own settings, the configured pool. Never a workspace's say-so alone.
   */
  readonly pool: (name: string) => Promise<ProfilePool | undefined>;
  /** Pools of the sessions signed in now: their own endpoints may serve their own pools' keys. */
  readonly signedInPools: () => Promise<readonly ProfilePool[]>;
  /** Pools of the profiles in the user's own settings: a token from any other pool is not "verified". */
  readonly profilePools: () => readonly PoolRef[];
}

export function createVerifier(deps: VerifierDeps): Verifier {
  return {
    async verify(token, request = {}) {
      const named = request.profile === undefined ? undefined : await deps.pool(request.profile);
      if (request.profile !== undefined && named === undefined) {
        return { status: 'notChecked', reason: t('Not checked: there is no profile named {0}.', request.profile), checks: [] };
      }
      // Which pools are trusted is core's decision (keyTrustFor); this only gathers what it is decided from.
      const trust = named
        ? keyTrustFor(named, { signedInPools: [], confirmedIssuers: [], profilePools: [] })
        : keyTrustFor(undefined, { signedInPools: await deps.signedInPools(), confirmedIssuers: parseConfirmedIssuers(deps.globalState.get(CONFIRMED_ISSUERS_KEY)), profilePools: deps.profilePools() });
      return deps.load().verifyToken(token, {
        clock: deps.clock,
        skewSeconds: clockSkewSeconds(),
        t,
        expectedClientId: request.expectedClientId ?? named?.clientId,
        trust,
      });
    },
    async confirmIssuer(issuer) {
      const known = parseConfirmedIssuers(deps.globalState.get(CONFIRMED_ISSUERS_KEY));
      await deps.globalState.update(CONFIRMED_ISSUERS_KEY, withConfirmedIssuer(known, issuer));
    },
    forgetIssuers: () => forgetConfirmedIssuers(deps.globalState),
  };
}
