/** Loopback controls for tests: the layer's clock and request counts (`/_local/*`). */
import type { LayerContext } from '../context';
import { parseJsonObject } from '../json';
import type { Registry } from '../registry';
import { invalidParameter } from '../errors';

/** Ten years: enough for any expiry a test needs to pass, small enough to stay a finite date. */
const MAX_ADVANCE_SECONDS = 10 * 365 * 86400;

export function registerLocalControl(registry: Registry, ctx: LayerContext): void {
  registry.path('GET', '/_local/stats', () => ({ status: 200, body: ctx.stats }));
  // Tests move the layer's clock instead of sleeping through grace periods and expiry.
  registry.path('POST', '/_local/clock', (request) => {
    const body = parseJsonObject(request.body);
    const seconds = body.advanceSeconds === undefined ? 0 : body.advanceSeconds;
    // A NaN offset would make every expiry check pass or fail at once; refuse anything but a number.
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || Math.abs(seconds) > MAX_ADVANCE_SECONDS) {
      throw invalidParameter(`advanceSeconds must be a number of seconds (at most ${MAX_ADVANCE_SECONDS} either way).`);
    }
    ctx.clock.advance(seconds * 1000);
    return { status: 200, body: { offsetSeconds: ctx.clock.offset / 1000 } };
  });
}
