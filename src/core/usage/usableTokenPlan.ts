import { canRefresh } from '../sessions/canRefresh';
import { expiresAtOf, type StoredSession } from '../sessions/storedSession';
import { refreshBeforeUse } from './refreshDue';

/** `ifDue`: refresh when the token expires within the auto-refresh margin; `always`: refresh first ("a fresh one"). */
export type Freshness = 'ifDue' | 'always';

export type UsableTokenType = 'id' | 'access';

/**
 * The next step towards a token that can be handed out (tasks, terminals, other extensions, copy as curl):
 *   signIn    no session, or the token expired and no refresh brought a live one (the shell asks first)
 *   refresh   the token is due (within the margin, or `always`) and the session can refresh; asked only
 *             once: after the refresh the plan is made again with `refreshed: true`
 *   none      the session has no token of this type (machine to machine has no ID token): nothing to give
 *   use       hand this token out
 */
export type UsableTokenStep =
  | { readonly kind: 'signIn'; readonly reason: 'signedOut' | 'expired' }
  | { readonly kind: 'refresh' }
  | { readonly kind: 'none' }
  | { readonly kind: 'use'; readonly token: string };

export function planUsableToken(
  session: StoredSession | undefined,
  input: { readonly tokenType: UsableTokenType; readonly freshness: Freshness; readonly now: number; readonly marginSeconds: number; readonly refreshed: boolean },
): UsableTokenStep {
  if (!session) return { kind: 'signIn', reason: 'signedOut' };
  if (!input.refreshed) {
    const due = input.freshness === 'always' || refreshBeforeUse(session.tokens[input.tokenType], input.now, input.marginSeconds);
    if (due && canRefresh(session)) return { kind: 'refresh' };
  }
  const token = session.tokens[input.tokenType];
  if (token === undefined) return { kind: 'none' };
  const expiresAt = expiresAtOf(token);
  if (expiresAt !== undefined && expiresAt <= input.now) return { kind: 'signIn', reason: 'expired' };
  return { kind: 'use', token };
}
