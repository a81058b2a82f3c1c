/**
 * A pool's feature plan (UserPoolTier LITE | ESSENTIALS | PLUS). New pools default to ESSENTIALS; features
 * such as token exchange need Essentials or Plus, and on Lite the request fails with
 * FeatureUnavailableInTierException (DG cognito-user-pools-token-exchange.html, "Token exchange is a feature
 * of user pools" on the Essentials and Plus plans; ../shared/docs/cognito-facts.md "Feature plans").
 */
import { CognitoError } from './errors';
import type { PoolExtras } from './state';

export type UserPoolTier = 'LITE' | 'ESSENTIALS' | 'PLUS';
export const USER_POOL_TIERS: readonly UserPoolTier[] = ['LITE', 'ESSENTIALS', 'PLUS'];

/** The pool's plan; ESSENTIALS when none was set, as AWS does for new pools. */
export function poolTier(pool: PoolExtras | undefined): UserPoolTier {
  const tier = pool?.tier;
  return tier === 'LITE' || tier === 'PLUS' ? tier : 'ESSENTIALS';
}

/** Refuses a feature the pool's plan does not include, as Cognito does. */
export function requireTier(pool: PoolExtras | undefined, allowed: readonly UserPoolTier[], feature: string): void {
  const tier = poolTier(pool);
  if (!allowed.includes(tier)) {
    throw new CognitoError('FeatureUnavailableInTierException', `${feature} is not available in the ${tier} feature plan of this user pool. Change UserPoolTier to ${allowed.join(' or ')}.`);
  }
}
