import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * Waits for the browser's redirect after managed login on `http://localhost:PORT/path` (RFC 8252 §7.3).
 * Listens on loopback addresses only, on the redirect URI's port, for one GET on its path carrying the
 * expected `state`; answers a small page and closes. Any local process or web page (`<img src=…>`) can reach
 * the port, so anything else (another path, another method, a wrong or missing state) gets a 400 page and
 * the listener keeps waiting for the real redirect, the timeout or cancellation.
 */
export class RedirectWaitError extends Error {
  constructor(readonly reason: 'timeout' | 'cancelled' | 'portInUse' | 'listenFailed', detail: string = reason) {
    super(detail);
  }
}

export interface RedirectPage {
  readonly title: string;
  readonly message: string;
}

export interface LoopbackWaitOptions {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** The sign-in's `state`: only a redirect carrying it ends the wait. Undefined only where the redirect
   *  carries none (Cognito's `/logout` return) and a forged request can do no more than end the wait. */
  readonly state: string | undefined;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** What the page says for this redirect (it may be a failure): decided by the caller, escaped here. */
  readonly page: (query: URLSearchParams) => RedirectPage;
  /** What a refused request's page says (escaped here). */
  readonly refusedPage: RedirectPage;
}

export interface LoopbackListener {
  /** Resolves with the redirect's query once the listener is up and the browser came back. */
  readonly redirect: Promise<URLSearchParams>;
  /** Resolves when every socket listens: open the browser only after this. */
  readonly ready: Promise<void>;
}

/** `localhost` may resolve to either family in the browser, so both loopback addresses listen. */
function addressesFor(host: string): string[] {
  const h = host.toLowerCase();
  if (h === '127.0.0.1') return ['127.0.0.1'];
  if (h === '[::1]' || h === '::1') return ['::1'];
  return ['127.0.0.1', '::1'];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function sameState(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The URL holds the authorization code: no script, no outside resource, no Referer carries it anywhere.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
} as const;

function pageHtml(page: RedirectPage): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title></head>` +
    `<body style="font-family: sans-serif; margin: 3em"><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p></body></html>`;
}

export function listenForRedirect(options: LoopbackWaitOptions): LoopbackListener {
  const servers: Server[] = [];
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  let resolveRedirect!: (query: URLSearchParams) => void;
  let rejectRedirect!: (error: Error) => void;
  const redirect = new Promise<URLSearchParams>((resolve, reject) => {
    resolveRedirect = resolve;
    rejectRedirect = reject;
  });
  const close = (): void => {
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    for (const server of servers) {
      server.close();
      server.closeAllConnections?.();
    }
  };
  const finish = (outcome: { query: URLSearchParams } | { error: RedirectWaitError }): void => {
    if (settled) return;
    settled = true;
    // Let the page's response flush before the sockets close.
    setImmediate(close);
    if ('query' in outcome) resolveRedirect(outcome.query);
    else rejectRedirect(outcome.error);
  };
  const onAbort = (): void => finish({ error: new RedirectWaitError('cancelled') });

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    let url: URL | undefined;
    try {
      url = new URL(request.url ?? '/', 'http://loopback');
    } catch {
      url = undefined;
    }
    const expected = options.state;
    const accepted = !settled && url !== undefined && request.method === 'GET' && url.pathname === options.path &&
      (expected === undefined || sameState(url.searchParams.get('state'), expected));
    if (!accepted || url === undefined) {
      // Not the redirect we wait for (or a late one): say so and keep listening; never end the wait.
      response.writeHead(400, pageHeaders).end(pageHtml(options.refusedPage));
      return;
    }
    response.writeHead(200, pageHeaders);
    response.end(pageHtml(options.page(url.searchParams)));
    finish({ query: url.searchParams });
  };

  const ready = (async () => {
    if (options.signal?.aborted) throw new RedirectWaitError('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const addresses = addressesFor(options.host);
    let listening = 0;
    let lastError: NodeJS.ErrnoException | undefined;
    for (const address of addresses) {
      const server = createServer(handle);
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen({ host: address, port: options.port, exclusive: true }, () => {
            server.off('error', reject);
            resolve();
          });
        });
        servers.push(server);
        listening++;
      } catch (error) {
        lastError = error as NodeJS.ErrnoException;
        // A machine without IPv6 still works on 127.0.0.1; a port in use does not.
        if (lastError.code === 'EADDRINUSE') break;
      }
    }
    if (listening === 0 || lastError?.code === 'EADDRINUSE') {
      const error = new RedirectWaitError(lastError?.code === 'EADDRINUSE' ? 'portInUse' : 'listenFailed', lastError?.message);
      finish({ error });
      throw error;
    }
    timer = setTimeout(() => finish({ error: new RedirectWaitError('timeout') }), options.timeoutMs);
  })();
  // The caller awaits `ready` first; the redirect's rejection then surfaces through `redirect` as well.
  ready.catch(() => undefined);
  redirect.catch(() => undefined);
  return { redirect, ready };
}
