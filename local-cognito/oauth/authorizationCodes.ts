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
  /** The refresh-token family those tokens belong to: revoked when the code is replayed. */
  family?: string;
  expiresAt: number;
}

/**
 * Authorization codes, in memory: a code is the only thing in the redirect, it dies on first use (used or
 * not), and a restart of the pool invalidates pending ones, as a lost browser round trip would.
 */
export class AuthorizationCodes {
  private readonly codes = new Map<string, CodeGrant>();
  /** Codes already presented, until they would have expired: a second use reveals a leaked code. */
  private readonly used = new Map<string, { family?: string; expiresAt: number }>();

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
    const now = this.clock.now();
    if (grant) {
      for (const [old, spent] of this.used) {
        if (spent.expiresAt > now && this.used.size < MAX_PENDING) break;
        this.used.delete(old);
      }
      this.used.set(code, { family: grant.family, expiresAt: grant.expiresAt });
    }
    return grant && grant.expiresAt > now ? grant : undefined;
  }

  /**
   * The family issued for a code presented before, if it is one: RFC 6749 §4.1.2 says a server that
   * sees a code used twice should revoke the tokens issued for it (https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2).
   */
  replayed(code: string): string | undefined {
    const spent = this.used.get(code);
    return spent && spent.expiresAt > this.clock.now() ? spent.family : undefined;
  }
}
