/** What clients GET: the JWKS and anything else cognito-local serves over GET (its keys are the pool keys). */
import type { LayerContext } from '../context';
import type { Registry } from '../registry';

export function registerDiscovery(registry: Registry, ctx: LayerContext): void {
  registry.otherGets(async (request) => {
    const upstreamResponse = await fetch(`${ctx.upstream.url}${request.url.pathname}${request.url.search}`);
    return {
      status: upstreamResponse.status,
      headers: { 'content-type': upstreamResponse.headers.get('content-type') ?? 'application/json' },
      body: Buffer.from(await upstreamResponse.arrayBuffer()),
    };
  });
}
