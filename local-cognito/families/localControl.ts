/** Loopback controls for tests: the layer's clock and request counts (`/_local/*`). */
import type { LayerContext } from '../context';
import { parseJsonObject } from '../json';
import type { Registry } from '../registry';

export function registerLocalControl(registry: Registry, ctx: LayerContext): void {
  registry.path('GET', '/_local/stats', () => ({ status: 200, body: ctx.stats }));
  // Tests move the layer's clock instead of sleeping through grace periods and expiry.
  registry.path('POST', '/_local/clock', (request) => {
    const body = parseJsonObject(request.body) as { advanceSeconds?: number };
    ctx.clock.advance(Number(body.advanceSeconds ?? 0) * 1000);
    return { status: 200, body: { offsetSeconds: ctx.clock.offset / 1000 } };
  });
}
