/**
 * Where USER_AUTH's one-time codes go: the pool's `codes` table (what was sent, newest last) and
 * `nextCodes` (a code fixed in advance). Until branch `pool`'s codes family (`GET/POST /_local/codes`,
 * printed codes) is merged, `registerCodesStandIn` serves the read side.
 */
import { randomInt } from 'node:crypto';
import type { LayerContext } from './context';
import type { Registry } from './registry';

const KEEP = 10;

export function deliverCode(ctx: LayerContext, userPoolId: string, username: string, purpose: string): string {
  const key = `${userPoolId}/${username}`;
  const fixed = ctx.state.data.nextCodes[key];
  if (fixed !== undefined) {
    ctx.state.remove('nextCodes', key);
  }
  const code = fixed ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
  const sent = [...(ctx.state.data.codes[key] ?? []), { purpose, code, sentAt: ctx.clock.now() }].slice(-KEEP);
  ctx.state.put('codes', key, sent);
  return code;
}

export function registerCodesStandIn(registry: Registry, ctx: LayerContext): void {
  registry.path('GET', '/_local/codes', (request) => {
    const key = `${request.url.searchParams.get('userPoolId') ?? ''}/${request.url.searchParams.get('username') ?? ''}`;
    return { status: 200, body: { codes: ctx.state.data.codes[key] ?? [] } };
  });
}
