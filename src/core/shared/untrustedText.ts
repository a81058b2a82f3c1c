/**
 * Text we did not write (server error messages, claims, usernames, profile names from workspace settings,
 * issuers) shown back to the user. Two places are at risk:
 *
 * - Notifications: VS Code turns `[label](https://…)`, `[label](command:…)` and `[label](file:…)` into
 *   clickable links (`parseLinkedText`, src/vs/base/common/linkedText.ts: the label has no `]` and the `(`
 *   follows the `]` directly; there are no backslash escapes and bare URLs stay plain text). A hostile
 *   endpoint's "Session expired, [sign in here](https://evil…)" must not become a link.
 * - Claim displays (hover, inspector, tree): bidi controls and invisible characters can reorder or hide
 *   what is shown (a spoofed email), so they are shown as visible escapes such as `\u202E`.
 */

/** Longest untrusted piece put into a message: enough for any real error text, not a wall of text. */
export const MAX_UNTRUSTED_LENGTH = 200;

/** What a redacted run becomes: no words, so nothing to translate, and it is plainly not the original. */
const REDACTED = '[…]';

/** Replaced by `redactTokens`: a JWS (3 parts) or JWE (5 parts), and long opaque runs (refresh tokens, secrets). */
const TOKEN_LIKE = /eyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){1,4}|[A-Za-z0-9+/_=-]{40,}/g;

/**
 * A URL or form parameter whose value is a credential: above all the authorization code of a redirect
 * (`…/callback?code=…&state=…`), which with its PKCE verifier becomes tokens (RFC 6749 §4.1.2; Cognito's
 * codes are UUIDs, too short for TOKEN_LIKE), and the OAuth parameters that carry tokens or secrets. Also
 * when percent-encoded inside another URL (`%3Fcode%3D…`).
 */
const SECRET_PARAMETER = /(^|[?&#;,\s"'(]|%3F|%26|%23)(code|code_verifier|access_token|id_token|refresh_token|client_secret|token|password)(=|%3D)(?:(?!%26|%23)[^&#\s"')<>])+/gi;

/**
 * Removes anything shaped like a token or secret, and the value of every credential parameter in a URL
 * (`code=` → `code=[…]`). A server's error text is not a secret, but a hostile or buggy one may echo back
 * what it was sent (a refresh token, the redirect URL with its code), and that text goes to the log.
 */
export function redactTokens(text: string): string {
  return maskSecretParameters(text).replace(TOKEN_LIKE, REDACTED);
}

/** `…?code=abc&state=x` → `…?code=[…]&state=x`: the parameter names stay, so the message still says what it was. */
export function maskSecretParameters(text: string): string {
  return text.replace(SECRET_PARAMETER, (_whole, lead: string, name: string, equals: string) => `${lead}${name}${equals}${REDACTED}`);
}

/**
 * One untrusted value made safe to interpolate into a notification: no control, bidi or invisible
 * characters, whitespace collapsed, at most `max` characters, no token-like runs, no link syntax.
 */
export function forNotification(text: string, max = MAX_UNTRUSTED_LENGTH): string {
  const clean = collapse(redactTokens(stripHidden(text)));
  const cut = clean.length > max ? `${clean.slice(0, max).trimEnd()}…` : clean;
  return neutraliseLinks(cut);
}

/**
 * A whole message about to be shown as a notification: hidden characters removed, whitespace collapsed and
 * link syntax broken, credential parameters masked (a redirect URL's `code=`), whatever was interpolated
 * into it. Our own messages never contain a link.
 */
export function safeNotificationMessage(message: string): string {
  return maskSecretParameters(neutraliseLinks(collapse(stripHidden(message))));
}

/**
 * `[label](target)` is a link only when `(` follows `]` directly; a space between them leaves the text as
 * it was written, minus the link. Idempotent, and it stays broken once hidden characters are gone.
 */
export function neutraliseLinks(text: string): string {
  return text.replace(/\]\s*\(/g, '] (');
}

/** Untrusted text for the log: one line (no forged log lines), no token-like runs, bounded. */
export function forLog(text: string, max = 1000): string {
  const clean = redactTokens(collapse(stripHidden(text)));
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function stripHidden(text: string): string {
  return text.replace(HIDDEN_GLOBAL, ' ');
}

/** Control characters (C0 but tab/line breaks, DEL, C1), format characters (bidi, zero-width, tags), line/paragraph separators. */
const HIDDEN_CLASS = '[\\u0000-\\u0008\\u000e-\\u001f\\u007f-\\u0084\\u0086-\\u009f\\p{Cf}\\u2028\\u2029]';
const HIDDEN_GLOBAL = new RegExp(HIDDEN_CLASS, 'gu');
const HIDDEN_ANY = new RegExp(HIDDEN_CLASS, 'u');

/** `\u202E` for a BMP character, `\u{E0041}` beyond it. */
export function visibleEscape(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase();
  return codePoint > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * Claim text with every control, bidi or invisible character shown as its escape, so what is displayed is
 * what the token holds. Text without one (nearly all) is returned as it is after one scan.
 */
export function showHidden(text: string): string {
  if (!HIDDEN_ANY.test(text)) {
    return text;
  }
  return text.replace(HIDDEN_GLOBAL, (char) => visibleEscape(char.codePointAt(0) ?? 0));
}

/**
 * Length in UTF-16 units (1 or 2) of a control, bidi or invisible character starting at `index`, 0 for any
 * other. For char-code loops on a time budget (the hover): ASCII and most other text cost two comparisons.
 * Line breaks (LF, CR, VT, FF, NEL, LS, PS) are not counted: callers treat them as breaks.
 */
export function hiddenLengthAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 0x20) {
    return code === 0x09 || (code >= 0x0a && code <= 0x0d) ? 0 : 1;
  }
  if (code < 0x7f) {
    return 0;
  }
  if (code <= 0x9f) {
    return code === 0x85 ? 0 : 1;
  }
  if (code < 0xad) {
    return 0;
  }
  if (code >= 0xd800 && code <= 0xdbff) {
    // Astral format characters (Egyptian hieroglyph controls, musical symbol formatting, tag characters).
    if (code !== 0xd804 && code !== 0xd80d && code !== 0xd82f && code !== 0xd834 && code !== 0xdb40) return 0;
    return HIDDEN_ANY.test(String.fromCodePoint(text.codePointAt(index) ?? 0)) ? 2 : 0;
  }
  return isHiddenBmp(code) ? 1 : 0;
}

/** The BMP's format characters (Unicode Cf), written out so the hover's loop needs no regular expression. */
function isHiddenBmp(code: number): boolean {
  if (code === 0xad || code === 0x61c || code === 0x6dd || code === 0x70f || code === 0x180e || code === 0x8e2) return true;
  if (code >= 0x600 && code <= 0x605) return true;
  if (code >= 0x890 && code <= 0x891) return true;
  if (code >= 0x200b && code <= 0x200f) return true;
  if (code >= 0x202a && code <= 0x202e) return true;
  if (code >= 0x2060 && code <= 0x2064) return true;
  if (code >= 0x2066 && code <= 0x206f) return true;
  return code === 0xfeff || (code >= 0xfff9 && code <= 0xfffb);
}
