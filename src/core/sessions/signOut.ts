import type { Clock } from '../shared/clock';
import type { TokenType } from '../shared/vocabulary';
import { expiresAtOf, type StoredSession } from './storedSession';

/** What a sign-out did at Cognito. */
export type SignOutRevocation =
  /** GlobalSignOut: every refresh and access token of the user, on every device. */
  | 'global'
  /** RevokeToken: this refresh token and the access tokens issued from it. */
  | 'refreshToken'
  /** Nothing (Cognito unreachable, or no refresh token to revoke). */
  | 'none';

/**
 * Which of the session's tokens still work after a sign-out (until they expire): ID tokens are never
 * revoked by Cognito, so services that only check signatures accept them; with nothing revoked, every
 * unexpired token still works.
 */
export function stillValidAfterSignOut(session: StoredSession, revocation: SignOutRevocation, clock: Clock): TokenType[] {
  const alive = (token: string | undefined): boolean => {
    if (token === undefined) return false;
    const exp = expiresAtOf(token);
    return exp === undefined || exp > clock.now();
  };
  const out: TokenType[] = [];
  if (alive(session.tokens.id)) out.push('id');
  if (revocation === 'none') {
    if (alive(session.tokens.access)) out.push('access');
    if (session.tokens.refresh !== undefined) out.push('refresh');
  }
  return out;
}

/** GlobalSignOut needs a live access token: with an expired one, get a fresh one first (or revoke the refresh token). */
export function accessTokenExpired(session: StoredSession, clock: Clock): boolean {
  const exp = expiresAtOf(session.tokens.access);
  return exp !== undefined && exp <= clock.now();
}
