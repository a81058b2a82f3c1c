/**
 * Who may talk to the local user pool. It listens on 127.0.0.1 only, but any web page the developer visits
 * can send requests there, and its admin API has no authentication: so a browser's request is answered
 * only when its page's origin is loopback (or named with `--allow-origin`), and only when its Host header
 * is a loopback name (or the host of an allowed origin), which defeats DNS rebinding.
 */
import { isLoopbackHost } from '../src/core/shared/loopback';

/** The canonical origin of an `--allow-origin` value; throws on anything but an http(s) origin. */
export function parseAllowedOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--allow-origin must be an http(s) origin such as http://my-laptop.lan:3000, got "${value}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new Error(`--allow-origin must be an http(s) origin (scheme, host and port, no path), got "${value}"`);
  }
  return url.origin;
}

export class PoolAccess {
  private readonly origins: ReadonlySet<string>;
  private readonly hostnames: ReadonlySet<string>;

  constructor(allowOrigins: readonly string[] = []) {
    const origins = allowOrigins.map(parseAllowedOrigin);
    this.origins = new Set(origins);
    this.hostnames = new Set(origins.map((origin) => new URL(origin).hostname));
  }

  /** A Host header names this pool: a loopback name or an allowed origin's host, any port. */
  hostAllowed(host: string | undefined): boolean {
    // Browsers always send Host; only host[:port] characters, so no URL trickery reaches the parser.
    if (!host || !/^[a-z0-9.\-[\]:]{1,300}$/i.test(host)) return false;
    let hostname: string;
    try {
      hostname = new URL(`http://${host}`).hostname;
    } catch {
      return false;
    }
    return isLoopbackHost(hostname) || this.hostnames.has(hostname);
  }

  /**
   * A page's Origin may call the pool: http(s) on a loopback name (any port), or one given explicitly. The
   * pool's own sign-in form may post with `Origin: null` (a no-referrer policy, e.g. behind code-server's
   * proxy); that is accepted only when the browser itself says the request is same-origin (`Sec-Fetch-Site`,
   * which no page can set). A sandboxed frame elsewhere also sends `null`, but with `cross-site`.
   */
  originAllowed(origin: string, fetchSite?: string | string[]): boolean {
    if (this.origins.has(origin)) return true;
    if (origin === 'null') return fetchSite === 'same-origin';
    try {
      const url = new URL(origin);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin && isLoopbackHost(url.hostname);
    } catch {
      return false;
    }
  }
}
