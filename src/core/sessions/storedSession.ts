import type { Clock } from '../shared/clock';
import { numericDate } from '../tokens/expiry';
import { fingerprint } from '../shared/fingerprint';
import { decodeToken } from '../tokens/jwt';
import type { AuthFlow } from '../shared/vocabulary';

/** What SecretStorage holds for one signed-in profile: one namespaced JSON value. */
export interface StoredSession {
  readonly version: 1;
  readonly profile: string;
  readonly username: string;
  readonly sub?: string;
  readonly authFlow: AuthFlow;
  /** ms since epoch. */
  readonly signedInAt: number;
  readonly tokens: { readonly id: string; readonly access: string; readonly refresh?: string };
  /** The app client's refresh-token lifetime, when known: the refresh token's expiry is estimated from it. */
  readonly refreshValidityMs?: number;
  /** When the session (the original refresh token) ends, if known: rotation never extends it. */
  readonly sessionEndsAt?: number;
}

export const SESSION_KEY_PREFIX = 'cognitoTokens.session.';

export function sessionKey(profile: string): string {
  return `${SESSION_KEY_PREFIX}${profile}`;
}

/** Parses a stored value; undefined when it is not a session this version wrote (the caller removes it). */
export function parseStoredSession(text: string): StoredSession | undefined {
  try {
    const value = JSON.parse(text) as Partial<StoredSession>;
    const ok =
      value.version === 1 &&
      typeof value.profile === 'string' &&
      typeof value.username === 'string' &&
      typeof value.signedInAt === 'number' &&
      typeof value.tokens?.id === 'string' &&
      typeof value.tokens.access === 'string' &&
      (value.tokens.refresh === undefined || typeof value.tokens.refresh === 'string');
    return ok ? (value as StoredSession) : undefined;
  } catch {
    return undefined;
  }
}

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
    readonly id: TokenSummary;
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

/** The refresh token's expiry: the session end when known, else sign-in time + the client's validity. */
export function refreshExpiresAt(session: StoredSession): number | undefined {
  if (session.sessionEndsAt !== undefined) return session.sessionEndsAt;
  return session.refreshValidityMs !== undefined ? session.signedInAt + session.refreshValidityMs : undefined;
}

export function summarizeSession(session: StoredSession): SessionSummary {
  const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());
  const scope = claimsOf(session.tokens.access).scope;
  return {
    profile: session.profile,
    username: session.username,
    sub: session.sub,
    tokens: {
      id: { expiresAt: iso(expiresAtOf(session.tokens.id)), fingerprint: fingerprint(session.tokens.id) },
      access: { expiresAt: iso(expiresAtOf(session.tokens.access)), fingerprint: fingerprint(session.tokens.access), scope: typeof scope === 'string' ? scope : undefined },
      refresh: session.tokens.refresh ? { fingerprint: fingerprint(session.tokens.refresh), expiresAt: iso(refreshExpiresAt(session)) } : undefined,
    },
  };
}

/** A new session from a sign-in's tokens. */
export function newSession(input: {
  profile: string;
  typedUsername: string;
  authFlow: AuthFlow;
  tokens: { id: string; access: string; refresh?: string };
  refreshValidityMs?: number;
  clock: Clock;
}): StoredSession {
  const id = claimsOf(input.tokens.id);
  const access = claimsOf(input.tokens.access);
  const username = typeof access.username === 'string' ? access.username : typeof id['cognito:username'] === 'string' ? id['cognito:username'] : input.typedUsername;
  const signedInAt = input.clock.now();
  return {
    version: 1,
    profile: input.profile,
    username,
    sub: typeof id.sub === 'string' ? id.sub : undefined,
    authFlow: input.authFlow,
    signedInAt,
    tokens: input.tokens,
    refreshValidityMs: input.refreshValidityMs,
    sessionEndsAt: input.refreshValidityMs !== undefined ? signedInAt + input.refreshValidityMs : undefined,
  };
}
