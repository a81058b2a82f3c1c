import type { OffsetClock } from './clock';
import { LayerContext } from './context';
import { FAMILIES } from './families';
import { Registry } from './registry';
import type { PoolSigner } from './signing';
import type { LayerState } from './state';
import type { Upstream } from './upstream';

/**
 * What the local pool adds in front of cognito-local, following the Cognito API Reference, assembled
 * from its API families (`families/`): app clients with RefreshTokenRotation, sign-in with real challenge
 * Sessions and the server side of USER_SRP_AUTH, refresh with rotation, sign-out and revocation, and the
 * loopback controls. Operations no family claims go to cognito-local as they are.
 */
export function createLayer(upstream: Upstream, state: LayerState, clock: OffsetClock, signer: PoolSigner, output?: (line: string) => void): { ctx: LayerContext; registry: Registry } {
  const ctx = new LayerContext(upstream, state, clock, output, signer);
  const registry = new Registry();
  for (const register of FAMILIES) {
    register(registry, ctx);
  }
  registry.otherOperations((operation, body) => ctx.upstream.call(operation, body));
  return { ctx, registry };
}
