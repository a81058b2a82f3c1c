import { randomBytes } from 'node:crypto';
import type { Clock } from '../../src/core/shared/clock';
import type { OAuthTokens } from './scopedTokens';

/** Cognito's authorization codes are valid for 5 minutes and only once. */
export const CODE_LIFETIME_MS = 5 * 60 * 1000;
/** A bound on codes waiting to be exchanged, so a loop of sign-ins cannot grow memory without limit. */
const MAX_PENDING = 10_000;

export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge?: string;
  scopes: string[];
  /** Tokens already issued at sign-in (scoped), handed out by the token endpoint. */
  tokens: OAuthTokens;
  expiresAt: number;
}

/**
 * Authorization codes, in memory: a code is the only thing in the redirect, it dies on first use (used or
 * not), and a restart of the pool invalidates pending ones, as a lost browser round trip would.
 */
export class AuthorizationCodes {
  private readonly codes = new Map<string, CodeGrant>();

  constructor(private readonly clock: Clock) {}

  issue(grant: Omit<CodeGrant, 'expiresAt'>): string {
    const now = this.clock.now();
    for (const [code, pending] of this.codes) {
      if (pending.expiresAt <= now) this.codes.delete(code);
    }
    if (this.codes.size >= MAX_PENDING) {
      // The oldest pending code goes first (Map keeps insertion order).
      this.codes.delete(this.codes.keys().next().value as string);
    }
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, { ...grant, expiresAt: now + CODE_LIFETIME_MS });
    return code;
  }

  /** The grant, once: the code is gone after this call whatever its outcome. */
  take(code: string): CodeGrant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant && grant.expiresAt > this.clock.now() ? grant : undefined;
  }
}
