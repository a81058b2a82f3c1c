import { audienceOf } from '../core/exchange/derivedTokens';
import { derivedAccessToken } from './tokenExchange';
import { usableToken, type UsableTokenType } from './usableToken';
import type { Services } from '../services';
import { pickProfile } from '../commands/pickProfile';

/**
 * `cognitoTokens.idToken` / `cognitoTokens.accessToken`: for `${command:…}` and `${input:…}` in tasks.json
 * and launch.json. By design the only commands that resolve to a raw token; everything else resolves to
 * fingerprints. Undefined (which cancels the task or launch) when the user cancels, or in Restricted Mode
 * (judged by the gate these are registered through: src/core/usage/tokenOutlets.ts).
 */
export async function tokenCommand(deps: Services, tokenType: UsableTokenType, raw: unknown): Promise<string | undefined> {
  const args = typeof raw === 'object' && raw !== null ? (raw as { profile?: unknown; audience?: unknown }) : {};
  const profile = await pickProfile(deps, typeof args.profile === 'string' ? args.profile : undefined);
  if (!profile) return undefined;
  // `{profile, audience}`: a current derived token for that audience (token exchange), exchanged again when due.
  const audience = tokenType === 'access' && typeof args.audience === 'string' ? audienceOf({ audience: args.audience }) : undefined;
  if (audience !== undefined) return derivedAccessToken(deps, profile, audience);
  return usableToken(deps, profile.name, tokenType, 'ifDue');
}
