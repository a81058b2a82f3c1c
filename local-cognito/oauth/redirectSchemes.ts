// Which redirect targets the pool never sends a browser to: read by the app-client settings (CallbackURLs,
// LogoutURLs) and by every redirect the managed-login pages answer with. Its own file so the settings, which the
// pool's state names, need not import the OAuth protocol.

/** Schemes a browser runs or reads locally instead of handing to an app: never a redirect target. */
const UNSAFE_SCHEMES = new Set(['javascript', 'data', 'file', 'vbscript', 'blob', 'about', 'filesystem']);

/** A URL whose scheme is one of UNSAFE_SCHEMES, read as a browser reads it (control characters and spaces dropped). */
export function isUnsafeRedirect(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
  return scheme !== undefined && UNSAFE_SCHEMES.has(scheme);
}
