/**
 * The one answer to "does this host name this machine itself?", used wherever plain http is allowed (a
 * profile's endpoint, a managed-login domain, a JWKS URL), where a loopback redirect is required, where the
 * AWS SDK gets dummy credentials, where a remote window forwards a URL, and by the local pool's CORS and Host
 * checks. It was written five times, and the copies disagreed on 127.0.0.2 and on letter case.
 *
 * The meaning chosen: all of 127.0.0.0/8, ::1, and the name `localhost`.
 *   - 127.0.0.0/8: every address in the block is loopback, not just 127.0.0.1 (RFC 1122 §3.2.1.3,
 *     https://www.rfc-editor.org/rfc/rfc1122#section-3.2.1.3; RFC 6890's special-purpose registry). Traffic to
 *     127.0.0.2 never leaves the host, so it is exactly as private as 127.0.0.1; refusing it protected nothing.
 *   - ::1: the IPv6 loopback address (RFC 4291 §2.5.3). URL parsers give it bracketed (`[::1]`); both forms count.
 *   - `localhost`: RFC 6761 §6.3 reserves it for loopback, and browsers treat http://localhost as a secure
 *     context (W3C Secure Contexts §3.2) — the same places we trust it. Case-insensitive, as DNS names are.
 * Not included: other names that resolve to loopback (`*.localhost`, hosts-file entries), IPv4-mapped IPv6,
 * 0.0.0.0 — none is guaranteed to stay on this machine by what the name says.
 *
 * The input is a host name as `new URL(…).hostname` or a Host header gives it (no port). Octets are checked
 * (0–255) because a Host header is not normalised the way a parsed URL is.
 */
const IPV4_LOOPBACK = /^127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '::1' || host === '[::1]' || IPV4_LOOPBACK.test(host);
}

/** Whether a URL's host is loopback; false for anything that does not parse. */
export function isLoopbackUrl(url: string | undefined): boolean {
  if (url === undefined) return false;
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
