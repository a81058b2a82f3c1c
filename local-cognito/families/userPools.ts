/**
 * User pools: the settings cognito-local drops, kept by the layer beside its record.
 * - IssuerConfiguration {Type: ORIGINAL | UPDATED} on CreateUserPool / UpdateUserPool, returned by
 *   DescribeUserPool (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html).
 *   On AWS the type picks the `iss` host (`cognito-idp.{region}` or `issuer-cognito-idp.{primaryRegion}`);
 *   the local pool has one loopback issuer, so it serves that for both and only reports the type: enough
 *   for clients to test what they do when a pool switches.
 * - UserPoolTier (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html,
 *   API_UserPoolType.html: "Defaults to ESSENTIALS"), read by `featurePlan.ts`. On Lite, access-token
 *   customisation (a pre token generation trigger of version V2_0 or V3_0) is refused with
 *   FeatureUnavailableInTierException, as AWS refuses a feature "you attempted to configure" outside your plan.
 */
import type { LayerContext } from '../context';
import { invalidParameter } from '../errors';
import { poolTier, requireTier, TIERS } from '../featurePlan';
import { str } from '../json';
import type { Body, Registry } from '../registry';
import type { PoolExtras } from '../state';

export function registerUserPools(registry: Registry, ctx: LayerContext): void {
  registry.operation('CreateUserPool', async (body) => {
    const extras = parseExtras(body, {});
    checkCustomisation(extras, body);
    const result = await ctx.upstream.call<{ UserPool: Body }>('CreateUserPool', withoutExtras(body));
    const poolId = str(result.UserPool.Id);
    ctx.state.put('pools', poolId, extras);
    return { ...result, UserPool: describe(result.UserPool, extras) };
  });
  registry.operation('UpdateUserPool', async (body) => {
    const poolId = str(body.UserPoolId);
    const before = ctx.state.data.pools[poolId] ?? {};
    const extras = parseExtras(body, before);
    checkCustomisation(extras, body);
    const result = await ctx.upstream.call('UpdateUserPool', withoutExtras(body));
    ctx.state.put('pools', poolId, extras);
    return result;
  });
  registry.operation('DescribeUserPool', async (body) => {
    const result = await ctx.upstream.call<{ UserPool: Body }>('DescribeUserPool', body);
    return { ...result, UserPool: describe(result.UserPool, ctx.state.data.pools[str(result.UserPool.Id)]) };
  });
}

function describe(pool: Body, extras: PoolExtras | undefined): Body {
  return { ...pool, IssuerConfiguration: { Type: extras?.issuer ?? 'ORIGINAL' }, UserPoolTier: poolTier(extras) };
}

/**
 * The layer's settings from a Create/UpdateUserPool request. An update that omits IssuerConfiguration
 * keeps the pool's issuer (switching issuers changes every token's `iss`, so only an explicit request does
 * it), and one without UserPoolTier keeps the plan (a plan change is a billing decision, never a side effect).
 */
function parseExtras(body: Body, before: PoolExtras): PoolExtras {
  const extras: PoolExtras = { ...before };
  if (body.IssuerConfiguration !== undefined) {
    const given = body.IssuerConfiguration;
    const type = typeof given === 'object' && given !== null ? str((given as { Type?: unknown }).Type) : '';
    if (type !== 'ORIGINAL' && type !== 'UPDATED') {
      throw invalidParameter(`1 validation error detected: Value '${type.slice(0, 20)}' at 'issuerConfiguration.type' failed to satisfy constraint: Member must satisfy enum value set: [ORIGINAL, UPDATED]`);
    }
    extras.issuer = type;
  }
  if (body.UserPoolTier !== undefined && body.UserPoolTier !== null) {
    const tier = body.UserPoolTier;
    if (typeof tier !== 'string' || !(TIERS as readonly string[]).includes(tier)) {
      throw invalidParameter(`1 validation error detected: Value '${str(tier).slice(0, 20)}' at 'userPoolTier' failed to satisfy constraint: Member must satisfy enum value set: [LITE, ESSENTIALS, PLUS]`);
    }
    extras.tier = tier;
  }
  return extras;
}

/** Access-token customisation: the pre token generation trigger's event versions V2_0 and V3_0. */
function checkCustomisation(extras: PoolExtras, body: Body): void {
  const lambda = (body.LambdaConfig ?? {}) as { PreTokenGenerationConfig?: { LambdaVersion?: string } };
  const version = lambda.PreTokenGenerationConfig?.LambdaVersion;
  if (version === 'V2_0' || version === 'V3_0') {
    requireTier(extras, `Access-token customisation (pre token generation ${version})`);
  }
}

function withoutExtras(body: Body): Body {
  const forwarded = { ...body };
  delete forwarded.IssuerConfiguration;
  delete forwarded.UserPoolTier;
  return forwarded;
}
