/**
 * Feature plans (`UserPoolTier` LITE | ESSENTIALS | PLUS; new pools default to ESSENTIALS). Features that
 * need Essentials or Plus are refused on Lite with FeatureUnavailableInTierException, "thrown when a feature
 * you attempted to configure isn't available in your current feature plan"
 * (https://docs.aws.amazon.com/botocore/latest/reference/services/cognito-idp/client/exceptions/FeatureUnavailableInTierException.html;
 * plans: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html;
 * the default: UserPoolType.UserPoolTier, "Defaults to ESSENTIALS"; token exchange needs Essentials or Plus:
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-token-exchange.html).
 */
import { CognitoError } from './errors';
import type { PoolExtras } from './state';

export type UserPoolTier = 'LITE' | 'ESSENTIALS' | 'PLUS';
export const TIERS: readonly UserPoolTier[] = ['LITE', 'ESSENTIALS', 'PLUS'];

/** The pool's plan; a pool created without one (or before plans were modelled) is on Essentials. */
export function poolTier(pool: PoolExtras | undefined): UserPoolTier {
  const tier = pool?.tier;
  return (TIERS as readonly string[]).includes(tier ?? '') ? (tier as UserPoolTier) : 'ESSENTIALS';
}

/** Refuses `feature` unless the pool's plan is at least `minimum`. */
export function requireTier(pool: PoolExtras | undefined, feature: string, minimum: UserPoolTier = 'ESSENTIALS'): void {
  const tier = poolTier(pool);
  if (TIERS.indexOf(tier) < TIERS.indexOf(minimum)) {
    throw new CognitoError('FeatureUnavailableInTierException', `${feature} is not available in the ${tier} feature plan; it needs ${minimum} or higher (UserPoolTier).`);
  }
}
