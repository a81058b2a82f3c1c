import type { Clock } from '../shared/clock';
import { expiryInputOf, expiryState, numericDate, type ExpiryState } from '../tokens/expiry';
import { fingerprint } from '../shared/fingerprint';
import { decodeToken } from '../tokens/jwt';
import type { AuthFlow, TokenType } from '../shared/vocabulary';
import { bindingFromTokens, type SessionBinding } from './binding';

/**
 * What SecretStorage holds for one signed-in profile: one namespaced JSON value.
 * Version 2 added `binding`; version 1 values are migrated on read (the binding read from their own tokens).
 */
export interface StoredSession {
  readonly version: 2;
  readonly profile: string;
  readonly username: string;
  readonly sub?: string;
  readonly authFlow: AuthFlow;
  /** ms since epoch. */
  readonly signedInAt: number;
  /** No ID token for machine to machine (client credentials): there is no user. */
  readonly tokens: { readonly id?: string; readonly access: string; readonly refresh?: string };
  /** The app client's refresh-token lifetime, when known: the refresh token's expiry is estimated from it. */
  readonly refreshValidityMs?: number;
  /** When the session (the original refresh token) ends, if known: rotation never extends it. */
  readonly sessionEndsAt?: number;
  /**
   * Where the session was issued: its tokens (and the client secret, and a password) go only there.
   * Absent only for a migrated value whose tokens name no Cognito pool: such a session is never sent anywhere.
   */
  readonly binding?: SessionBinding;
}

// In a file of their own so activation can read them without this file's imports (src/activation/storedSessions.ts).
export { SESSION_KEY_PREFIX, sessionKey } from './sessionKeys';

/** What a stored value turned out to be. */
export type ParsedSession =
  | { readonly kind: 'session'; readonly session: StoredSession }
  /** Written by a newer version of the extension: kept as it is, never deleted (a downgrade must not lose it). */
  | { readonly kind: 'newer'; readonly version: number }
  | { readonly kind: 'corrupt' };

/** A millisecond time or duration Date can represent, or undefined. */
function msOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e15 ? value : undefined;
}

/** Parses a stored value. Unusable optional numbers are dropped rather than trusted. */
export function parseStoredSession(text: string): ParsedSession {
  let value: Partial<StoredSession> & Record<string, unknown>;
  try {
    value = JSON.parse(text) as Partial<StoredSession> & Record<string, unknown>;
  } catch {
    return { kind: 'corrupt' };
  }
  if (typeof value !== 'object' || value === null) return { kind: 'corrupt' };
  if (typeof value.version === 'number' && Number.isInteger(value.version) && value.version > CURRENT_VERSION) {
    return { kind: 'newer', version: value.version };
  }
  const version = value.version as unknown;
  const ok =
    (version === 1 || version === 2) &&
    typeof value.profile === 'string' &&
    typeof value.username === 'string' &&
    msOrUndefined(value.signedInAt) !== undefined &&
    typeof value.tokens?.access === 'string' &&
    (value.tokens.id === undefined || typeof value.tokens.id === 'string') &&
    (value.tokens.refresh === undefined || typeof value.tokens.refresh === 'string');
  if (!ok) return { kind: 'corrupt' };
  const session = value as unknown as StoredSession;
  const binding = version === 1 ? bindingFromTokens(session.tokens) : parseBinding(value.binding);
  return {
    kind: 'session',
    session: { ...session, version: CURRENT_VERSION, binding, refreshValidityMs: msOrUndefined(session.refreshValidityMs), sessionEndsAt: msOrUndefined(session.sessionEndsAt) },
  };
}

function parseBinding(value: unknown): SessionBinding | undefined {
  const b = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const str = (v: unknown): v is string => typeof v === 'string' && v !== '';
  if (!str(b.region) || !str(b.userPoolId) || !str(b.clientId) || (b.endpoint !== undefined && !str(b.endpoint)) || (b.domain !== undefined && !str(b.domain))) return undefined;
  return { region: b.region, userPoolId: b.userPoolId, clientId: b.clientId, endpoint: b.endpoint, domain: b.domain, issuer: str(b.issuer) ? b.issuer : undefined };
}

/** The stored format this version writes. */
export const CURRENT_VERSION = 2;

export interface TokenSummary {
  readonly expiresAt?: string;
  readonly fingerprint: string;
}

/** What commands resolve to: facts about the tokens, never the tokens. */
export interface SessionSummary {
  readonly profile: string;
  readonly username: string;
  readonly sub?: string;
  readonly tokens: {
    /** Absent for machine to machine. */
    readonly id?: TokenSummary;
    readonly access: TokenSummary & { readonly scope?: string };
    readonly refresh?: { readonly fingerprint: string; readonly expiresAt?: string };
  };
}

export function expiresAtOf(token: string): number | undefined {
  const decoded = decodeToken(token);
  const exp = decoded.kind === 'jws' ? numericDate(decoded.payload.exp) : undefined;
  return exp === undefined ? undefined : exp * 1000;
}

export function claimsOf(token: string): Record<string, unknown> {
  const decoded = decodeToken(token);
  return decoded.kind === 'jws' ? decoded.payload : {};
}

/**
 * How the refresh token stands (tree icon and text): judged by its estimated end, since it is encrypted, with
 * the same "expiring" rule as every other token (expiry.ts: a fifth of its lifetime or 5 minutes, whichever
 * is shorter), its lifetime running from the sign-in that began the session.
 */
export function refreshTokenState(session: StoredSession, now: number, skewSeconds: number): 'none' | 'unknown' | 'valid' | 'expiring' | 'expired' {
  if (session.tokens.refresh === undefined) return 'none';
  const ends = refreshExpiresAt(session);
  if (ends === undefined) return 'unknown';
  const state = expiryState({ exp: ends / 1000, iat: session.signedInAt / 1000 }, { now: () => now }, skewSeconds);
  return state === 'expired' || state === 'expiring' ? state : 'valid';
}

/**
 * "Expiring" for any token of a stored session, the one answer the tree, the status bar and the inspector
 * share: ID and access tokens by their own claims (exp, nbf, iat), the refresh token by its estimated end.
 */
export function sessionTokenState(session: StoredSession | undefined, tokenType: TokenType, clock: Clock, skewSeconds: number): ExpiryState | 'none' | 'unknown' {
  if (session === undefined) return 'unknown';
  if (tokenType === 'refresh') return refreshTokenState(session, clock.now(), skewSeconds);
  const token = session.tokens[tokenType];
  if (token === undefined) return 'none';
  return expiryState(expiryInputOf(claimsOf(token)), clock, skewSeconds);
}

/** The refresh token's expiry: the session end when known, else sign-in time + the client's validity. */
export function refreshExpiresAt(session: StoredSession): number | undefined {
  if (session.sessionEndsAt !== undefined) return msOrUndefined(session.sessionEndsAt);
  return session.refreshValidityMs !== undefined ? msOrUndefined(session.signedInAt + session.refreshValidityMs) : undefined;
}

export function summarizeSession(session: StoredSession): SessionSummary {
  const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());
  const scope = claimsOf(session.tokens.access).scope;
  return {
    profile: session.profile,
    username: session.username,
    sub: session.sub,
    tokens: {
      ...(session.tokens.id !== undefined ? { id: { expiresAt: iso(expiresAtOf(session.tokens.id)), fingerprint: fingerprint(session.tokens.id) } } : {}),
      access: { expiresAt: iso(expiresAtOf(session.tokens.access)), fingerprint: fingerprint(session.tokens.access), scope: typeof scope === 'string' ? scope : undefined },
      refresh: session.tokens.refresh ? { fingerprint: fingerprint(session.tokens.refresh), expiresAt: iso(refreshExpiresAt(session)) } : undefined,
    },
  };
}

/** A new session from a sign-in's tokens, bound to where they came from. */
export function newSession(input: {
  profile: string;
  binding: SessionBinding;
  typedUsername: string;
  authFlow: AuthFlow;
  tokens: { id?: string; access: string; refresh?: string };
  refreshValidityMs?: number;
  clock: Clock;
}): StoredSession {
  const id = input.tokens.id === undefined ? {} : claimsOf(input.tokens.id);
  const access = claimsOf(input.tokens.access);
  const username = typeof access.username === 'string' ? access.username : typeof id['cognito:username'] === 'string' ? id['cognito:username'] : input.typedUsername;
  const signedInAt = input.clock.now();
  return {
    version: CURRENT_VERSION,
    profile: input.profile,
    username,
    // Machine to machine: the access token's sub is the app client id.
    sub: typeof id.sub === 'string' ? id.sub : input.tokens.id === undefined && typeof access.sub === 'string' ? access.sub : undefined,
    authFlow: input.authFlow,
    signedInAt,
    tokens: input.tokens,
    refreshValidityMs: input.refreshValidityMs,
    sessionEndsAt: input.refreshValidityMs !== undefined ? signedInAt + input.refreshValidityMs : undefined,
    binding: input.binding,
  };
}
