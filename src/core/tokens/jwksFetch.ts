/**
 * Fetches a JWKS with hard limits: a key set is a few kilobytes, so anything past 1 MB, slower than 10 s,
 * or redirected elsewhere is a failure, not something to follow or buffer. The body is read as a stream
 * and the request is aborted as soon as the cap is passed, so a server announcing (or sending) 400 MB
 * costs at most 1 MB of memory.
 */
export const JWKS_MAX_BYTES = 1024 * 1024;
export const JWKS_TIMEOUT_MS = 10_000;

export interface JwksFetchLimits {
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
  /** Injected in tests; the global fetch otherwise. */
  readonly fetch?: typeof fetch;
}

export type JwksFetchFailure = 'timeout' | 'tooLarge' | 'redirect' | 'httpStatus' | 'notJson' | 'unreachable';

export class JwksFetchError extends Error {
  constructor(
    readonly failure: JwksFetchFailure,
    readonly status?: number,
  ) {
    super(`JWKS fetch failed: ${failure}${status === undefined ? '' : ` (${status})`}`);
    this.name = 'JwksFetchError';
  }
}

export async function fetchJwks(url: string, limits: JwksFetchLimits = {}): Promise<unknown> {
  const maxBytes = limits.maxBytes ?? JWKS_MAX_BYTES;
  const controller = new AbortController();
  let timedOut = false;
  // One deadline for headers and body alike: a server that trickles bytes is cut off too.
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.timeoutMs ?? JWKS_TIMEOUT_MS);
  try {
    const response = await (limits.fetch ?? fetch)(url, {
      redirect: 'manual',
      signal: controller.signal,
      headers: { accept: 'application/json' },
      credentials: 'omit',
    });
    // 'manual' gives either the 3xx itself (Node) or an opaque redirect with status 0 (browsers).
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw new JwksFetchError('redirect', response.status || undefined);
    }
    if (response.status !== 200) {
      throw new JwksFetchError('httpStatus', response.status);
    }
    const announced = Number(response.headers.get('content-length'));
    if (Number.isFinite(announced) && announced > maxBytes) {
      throw new JwksFetchError('tooLarge');
    }
    const text = await readCapped(response, maxBytes);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new JwksFetchError('notJson');
    }
  } catch (error) {
    if (error instanceof JwksFetchError) {
      throw error;
    }
    throw new JwksFetchError(timedOut ? 'timeout' : 'unreachable');
  } finally {
    clearTimeout(timer);
    // Stops the download of whatever is left (a body past the cap, a failure status's body).
    controller.abort();
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) {
    return '';
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new JwksFetchError('tooLarge');
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(concat(chunks, total));
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}
