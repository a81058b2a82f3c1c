/**
 * The inline expiry notes' bounds, shared by the notes (src/usage/expiryDecorations.ts, inlineExpiry.ts) and
 * the activation trigger that starts them when a token comes into view (src/activation/startTriggers.ts): one
 * set of limits, so the trigger never fires where the notes would show nothing.
 */
/** A JWT header and payload in a row: what every token the notes can describe starts with. */
export const JWT_START = /eyJ[\w-]+\.eyJ/;
/** Scrolls and keystrokes come in bursts: scanned once the burst settles, this long after it starts. */
export const THROTTLE_MS = 250;
/** Beyond this many visible lines per editor (a huge viewport, folded regions), the rest is not scanned. */
export const MAX_LINES_PER_EDITOR = 500;
/** Lines longer than this are skipped: a minified bundle or a log line of megabytes is not scanned on scroll. */
export const MAX_SCANNED_LINE = 64 * 1024;
