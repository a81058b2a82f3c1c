import type { RefreshMethodUsed } from '../shared/vocabulary';
import { formatAbsolute } from '../tokens/expiry';
import { fingerprint } from '../shared/fingerprint';
import type { Translate } from '../shared/l10n';
import { claimsOf, refreshExpiresAt, type StoredSession } from './storedSession';

/** One refresh of a profile. Fingerprints and claim values, never tokens. */
export interface RotationRecord {
  /** ms since epoch. */
  readonly at: number;
  readonly method: RefreshMethodUsed;
  readonly rotated: boolean;
  readonly refresh: { readonly old?: string; readonly new?: string };
  /** Until when the replaced refresh token still works (the app client's grace period), when known. */
  readonly graceUntil?: number;
  readonly access: TokenChange;
  readonly id: TokenChange;
  /** Claims whose value changed in the ID or access token, other than the per-token ones. */
  readonly changedClaims: ReadonlyArray<{ readonly token: 'id' | 'access'; readonly name: string; readonly before: string; readonly after: string }>;
  /** When the session (the original refresh token) ends: rotation never extends it. */
  readonly sessionEndsAt?: number;
}



export interface TokenChange {
  readonly before: TokenFacts;
  readonly after: TokenFacts;
}

export interface TokenFacts {
  readonly fingerprint: string;
  readonly jti?: string;
  readonly iat?: number;
  readonly exp?: number;
}

/** Records kept per profile; older ones are dropped. */
export const HISTORY_LIMIT = 200;

/** Claims that differ on every token by design, so a change in them says nothing. */
const PER_TOKEN = new Set(['jti', 'iat', 'exp', 'auth_time', 'event_id', 'origin_jti', 'at_hash', 'nbf']);

function facts(token: string): TokenFacts {
  const claims = claimsOf(token);
  return {
    fingerprint: fingerprint(token),
    jti: typeof claims.jti === 'string' ? claims.jti : undefined,
    iat: typeof claims.iat === 'number' ? claims.iat : undefined,
    exp: typeof claims.exp === 'number' ? claims.exp : undefined,
  };
}

function changed(token: 'id' | 'access', before: string, after: string): RotationRecord['changedClaims'] {
  const a = claimsOf(before);
  const b = claimsOf(after);
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: Array<RotationRecord['changedClaims'][number]> = [];
  for (const name of names) {
    if (PER_TOKEN.has(name)) continue;
    const left = JSON.stringify(a[name]) ?? '(none)';
    const right = JSON.stringify(b[name]) ?? '(none)';
    if (left !== right) out.push({ token, name, before: left, after: right });
  }
  return out;
}

export function rotationRecord(input: { before: StoredSession; after: StoredSession; method: RefreshMethodUsed; at: number; graceSeconds?: number }): RotationRecord {
  const { before, after } = input;
  const rotated = after.tokens.refresh !== undefined && after.tokens.refresh !== before.tokens.refresh;
  return {
    at: input.at,
    method: input.method,
    rotated,
    refresh: { old: before.tokens.refresh && fingerprint(before.tokens.refresh), new: after.tokens.refresh && fingerprint(after.tokens.refresh) },
    graceUntil: rotated && input.graceSeconds !== undefined ? input.at + input.graceSeconds * 1000 : undefined,
    access: { before: facts(before.tokens.access), after: facts(after.tokens.access) },
    id: { before: facts(before.tokens.id), after: facts(after.tokens.id) },
    changedClaims: [...changed('id', before.tokens.id, after.tokens.id), ...changed('access', before.tokens.access, after.tokens.access)],
    sessionEndsAt: refreshExpiresAt(after),
  };
}

/** Appends a record, keeping the newest HISTORY_LIMIT. */
export function appendRecord(history: readonly RotationRecord[], record: RotationRecord): RotationRecord[] {
  return [...history, record].slice(-HISTORY_LIMIT);
}

/** A record as the inspector's timeline shows it: prepared text, so the page only renders. */
export interface TimelineRow {
  readonly when: string;
  readonly summary: string;
  readonly rotated: boolean;
  readonly details: readonly string[];
}

export function timelineRows(records: readonly RotationRecord[], t: Translate, locale: string | undefined): TimelineRow[] {
  return [...records].reverse().map((record) => {
    const when = absolute(record.at, locale);
    const details: string[] = [];
    if (record.rotated) {
      details.push(t('refresh token {0} → {1}', record.refresh.old ?? '?', record.refresh.new ?? '?'));
      if (record.graceUntil !== undefined) details.push(t('the replaced token works until {0} (grace period)', absolute(record.graceUntil, locale).utc));
    } else {
      details.push(t('refresh token {0} kept', record.refresh.old ?? '?'));
    }
    details.push(t('access token {0} → {1} (jti {2} → {3})', record.access.before.fingerprint, record.access.after.fingerprint, record.access.before.jti ?? '?', record.access.after.jti ?? '?'));
    if (record.access.after.exp !== undefined) details.push(t('new access token expires {0}', absolute(record.access.after.exp * 1000, locale).utc));
    for (const change of record.changedClaims) details.push(t('{0} token: {1} changed from {2} to {3}', change.token, change.name, change.before, change.after));
    if (record.sessionEndsAt !== undefined) details.push(t('session still ends {0}: rotation never extends it', absolute(record.sessionEndsAt, locale).utc));
    return {
      when: `${when.utc} (${when.local})`,
      summary: record.method === 'rotation' ? (record.rotated ? t('GetTokensFromRefreshToken: rotated') : t('GetTokensFromRefreshToken: not rotated')) : t('REFRESH_TOKEN_AUTH: new ID and access tokens'),
      rotated: record.rotated,
      details,
    };
  });
}

/** Records come from globalState (any extension version, or a hand edit): a time Date cannot hold shows as "?". */
function absolute(ms: unknown, locale: string | undefined): { utc: string; local: string } {
  return typeof ms === 'number' && Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? formatAbsolute(ms, locale) : { utc: '?', local: '?' };
}
