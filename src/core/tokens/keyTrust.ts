import type { Profile } from '../sessions/profiles';
import type { StoredSession } from '../sessions/storedSession';
import type { KeyTrust, PoolRef } from './keySource';

/**
 * Which pools a signature check trusts, decided in one place (it was split between src/services.ts and
 * src/inspector/verifier.ts). Pools are trusted by where sessions came from (their bindings) and by the
 * user's own settings, never by what a workspace says: a workspace's profile cannot make a pool "yours".
 * keySource.ts then decides, per token, which of these places its keys may be fetched from.
 */

/** A pool to fetch keys from, and the app client its tokens are for. */
export interface ProfilePool extends PoolRef {
  readonly clientId: string;
}

export function poolRef(pool: PoolRef): PoolRef {
  return { region: pool.region, userPoolId: pool.userPoolId, endpoint: pool.endpoint };
}

/** Where a session's tokens came from: its binding (undefined for a session without one). */
export function poolOfSession(session: StoredSession): ProfilePool | undefined {
  const binding = session.binding;
  return binding && { region: binding.region, userPoolId: binding.userPoolId, endpoint: binding.endpoint, clientId: binding.clientId };
}

/**
 * A profile's pool by name: its signed-in session's binding, else, for a profile from the user's own
 * settings, the configured pool. A workspace profile that is not signed in names no pool.
 */
export function namedProfilePool(session: StoredSession | undefined, profile: Profile | undefined): ProfilePool | undefined {
  if (session) return poolOfSession(session);
  return profile && profile.origin === 'user' ? { region: profile.region, userPoolId: profile.userPoolId, endpoint: profile.endpoint, clientId: profile.clientId } : undefined;
}

/** The pools of the user's own profiles (user settings only). */
export function userProfilePools(profiles: readonly Profile[]): PoolRef[] {
  return profiles.filter((profile) => profile.origin === 'user').map(poolRef);
}

/** The pools of the sessions signed in now (those with a binding). */
export function signedInPools(sessions: readonly StoredSession[]): ProfilePool[] {
  return sessions.map(poolOfSession).filter((pool): pool is ProfilePool => pool !== undefined);
}

/**
 * The trust for one check. Verifying against a named profile (a stored token, or the verify command's
 * `profile`): that pool only, nothing else. Otherwise: the signed-in pools, the issuers the user confirmed in
 * the inspector, and the user's own profiles' pools.
 */
export function keyTrustFor(named: ProfilePool | undefined, others: { signedInPools: readonly PoolRef[]; confirmedIssuers: readonly string[]; profilePools: readonly PoolRef[] }): KeyTrust {
  if (named) return { signedInPools: [], confirmedIssuers: [], ownPool: poolRef(named), profilePools: [] };
  return { signedInPools: others.signedInPools.map(poolRef), confirmedIssuers: others.confirmedIssuers, ownPool: undefined, profilePools: others.profilePools };
}
