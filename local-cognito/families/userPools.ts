/**
 * User pools: the feature plan (`UserPoolTier`), which cognito-local drops, kept by the layer and returned by
 * DescribeUserPool. CreateUserPool / UpdateUserPool / DescribeUserPool take and return `UserPoolTier`
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html,
 * API_UserPoolType.html: "Defaults to ESSENTIALS"). On Lite, access-token customisation (a pre token
 * generation trigger of version V2_0 or V3_0) is refused with FeatureUnavailableInTierException, as AWS
 * refuses a feature "you attempted to configure" outside your plan.
 */
import type { LayerContext } from '../context';
import { invalidParameter } from '../errors';
import { poolTier, requireTier, TIERS } from '../featurePlan';
import { str } from '../json';
import type { Body, Registry } from '../registry';

export function registerUserPools(registry: Registry, ctx: LayerContext): void {
  registry.operation('CreateUserPool', async (body) => {
    const tier = parseTier(body.UserPoolTier) ?? 'ESSENTIALS';
    checkCustomisation(tier, body);
    const result = await ctx.upstream.call<{ UserPool: Body }>('CreateUserPool', withoutTier(body));
    const id = String(result.UserPool.Id);
    ctx.state.put('pools', id, { UserPoolTier: tier });
    return { ...result, UserPool: { ...result.UserPool, UserPoolTier: tier } };
  });
  registry.operation('UpdateUserPool', async (body) => {
    const id = str(body.UserPoolId);
    // An update without UserPoolTier keeps the plan: a plan change is a billing decision, never a side effect.
    const tier = parseTier(body.UserPoolTier) ?? poolTier(ctx.state.data.pools[id]);
    checkCustomisation(tier, body);
    const result = await ctx.upstream.call('UpdateUserPool', withoutTier(body));
    ctx.state.put('pools', id, { ...ctx.state.data.pools[id], UserPoolTier: tier });
    return result;
  });
  registry.operation('DescribeUserPool', async (body) => {
    const result = await ctx.upstream.call<{ UserPool: Body }>('DescribeUserPool', body);
    const id = String(result.UserPool.Id);
    return { ...result, UserPool: { ...result.UserPool, UserPoolTier: poolTier(ctx.state.data.pools[id]) } };
  });
}

function parseTier(value: unknown): (typeof TIERS)[number] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(TIERS as readonly string[]).includes(value)) {
    throw invalidParameter(`1 validation error detected: Value '${str(value).slice(0, 20)}' at 'userPoolTier' failed to satisfy constraint: Member must satisfy enum value set: [LITE, ESSENTIALS, PLUS]`);
  }
  return value as (typeof TIERS)[number];
}

/** Access-token customisation: the pre token generation trigger's event versions V2_0 and V3_0. */
function checkCustomisation(tier: string, body: Body): void {
  const lambda = (body.LambdaConfig ?? {}) as { PreTokenGenerationConfig?: { LambdaVersion?: string } };
  const version = lambda.PreTokenGenerationConfig?.LambdaVersion;
  if (version === 'V2_0' || version === 'V3_0') {
    requireTier({ UserPoolTier: tier }, `Access-token customisation (pre token generation ${version})`);
  }
}

function withoutTier(body: Body): Body {
  const forwarded = { ...body };
  delete forwarded.UserPoolTier;
  return forwarded;
}
