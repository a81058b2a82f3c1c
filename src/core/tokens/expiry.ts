import type { Clock } from '../shared/clock';
import type { Translate } from '../shared/l10n';

/**
 * A token is "expiring" under a fifth of its lifetime or under this much, whichever is shorter: a fresh
 * 5-minute token is not a warning, and an hour-long one warns in its last 5 minutes.
 */
export const EXPIRING_SOON_MS = 5 * 60 * 1000;

/** How much remaining life counts as "expiring" for a token issued at `iat` (seconds) that expires at `exp`. */
export function expiringThresholdMs(exp: number, iat: number | undefined): number {
  if (iat === undefined || iat >= exp) {
    return EXPIRING_SOON_MS;
  }
  return Math.min(EXPIRING_SOON_MS, ((exp - iat) * 1000) / 5);
}

export type ExpiryState = 'valid' | 'expiring' | 'expired' | 'notYetValid' | 'noExpiry';

export interface ExpiryInput {
  /** Seconds since the epoch, as in `exp` / `nbf`; undefined when absent or unusable. */
  readonly exp?: number;
  readonly nbf?: number;
  /** When it was issued: with exp, its lifetime, which decides when it counts as expiring. */
  readonly iat?: number;
}

/** The claims expiry is judged from, where they are usable dates. */
export function expiryInputOf(payload: Record<string, unknown>): ExpiryInput {
  return { exp: numericDate(payload.exp), nbf: numericDate(payload.nbf), iat: numericDate(payload.iat) };
}

/**
 * Judges a token's time window the way a server with `skewSeconds` of tolerance would: a token is
 * expired only once now is past exp + skew, and not yet valid while now is before nbf - skew.
 */
export function expiryState(input: ExpiryInput, clock: Clock, skewSeconds: number): ExpiryState {
  const now = clock.now();
  const skew = Math.max(0, skewSeconds) * 1000;
  if (input.nbf !== undefined && now < input.nbf * 1000 - skew) {
    return 'notYetValid';
  }
  if (input.exp === undefined) {
    return 'noExpiry';
  }
  const expMs = input.exp * 1000 + skew;
  if (now >= expMs) {
    return 'expired';
  }
  return expMs - now < expiringThresholdMs(input.exp, input.iat) ? 'expiring' : 'valid';
}

/** Seconds-since-epoch claim to a number we can do maths on, or undefined if it is not one. */
export function numericDate(value: unknown): number | undefined {
  // 253402300799 = 9999-12-31T23:59:59Z: beyond it Date cannot be formatted usefully.
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 253402300799
    ? value
    : undefined;
}

/** "in 42 min" / "2 h ago": a duration from now in the largest unit that keeps it readable. */
export function formatRelative(targetMs: number, clock: Clock, t: Translate): string {
  const delta = targetMs - clock.now();
  const amount = humanDuration(Math.abs(delta), t);
  if (Math.abs(delta) < 1000) {
    return t('now');
  }
  return delta > 0 ? t('in {0}', amount) : t('{0} ago', amount);
}

export function humanDuration(ms: number, t: Translate): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 90) {
    return t('{0} s', seconds);
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) {
    return t('{0} min', minutes);
  }
  const hours = Math.round(minutes / 60);
  if (hours < 48) {
    return t('{0} h', hours);
  }
  return t('{0} d', Math.round(hours / 24));
}

/** One sentence for a token's expiry, e.g. "expires in 42 min" or "expired 2 h ago". */
export function describeExpiry(input: ExpiryInput, clock: Clock, skewSeconds: number, t: Translate): string {
  const state = expiryState(input, clock, skewSeconds);
  switch (state) {
    case 'noExpiry':
      return t('no expiry (no exp claim)');
    case 'notYetValid':
      return t('not valid yet: becomes valid {0}', formatRelative((input.nbf ?? 0) * 1000, clock, t));
    case 'expired':
      return t('expired {0}', humanDurationAgo((input.exp ?? 0) * 1000, clock, t));
    default:
      return t('expires {0}', formatRelative((input.exp ?? 0) * 1000, clock, t));
  }
}

function humanDurationAgo(targetMs: number, clock: Clock, t: Translate): string {
  const delta = clock.now() - targetMs;
  return delta < 1000 ? t('just now') : t('{0} ago', humanDuration(delta, t));
}

/** Absolute time both in UTC (what servers log) and in the user's zone (what their clock shows). */
export function formatAbsolute(ms: number, locale: string | undefined, timeZone?: string): { utc: string; local: string } {
  const date = new Date(ms);
  const utc = `${date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '')} UTC`;
  let local: string;
  try {
    local = dateFormatter(locale, timeZone).format(date);
  } catch {
    local = date.toString();
  }
  return { utc, local };
}

// Building an Intl.DateTimeFormat costs tens of µs, more than the rest of a hover: keep one per locale and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormatter(locale: string | undefined, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long', timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}
