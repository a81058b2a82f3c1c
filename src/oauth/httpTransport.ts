import type { HttpAnswer, HttpSend } from '../core/protocol/oauthFlows';
import type { OAuthDomain } from '../core/protocol/oauth';

const MAX_BODY = 1024 * 1024;

/**
 * A transport bound to one managed-login domain: a request for any other origin is refused before it
 * leaves (tokens and secrets go only where the profile's session came from). No redirects are followed,
 * answers are capped at 1 MB and 20 s, and cancellation aborts the request.
 */
export function domainTransport(domain: OAuthDomain, signal?: AbortSignal): HttpSend {
  return async (request) => {
    if (new URL(request.url).origin !== domain.origin) {
      throw new Error(`refused: ${new URL(request.url).origin} is not the profile's domain`);
    }
    const timeout = AbortSignal.timeout(20_000);
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    return { status: response.status, body: await readCapped(response) } satisfies HttpAnswer;
  };
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY) {
      await reader.cancel();
      throw new Error('the answer is larger than 1 MB');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
