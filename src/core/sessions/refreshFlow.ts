import type { Clock } from '../shared/clock';
import { secretHash } from '../protocol/srp';
import type { RefreshMethod, RefreshMethodUsed } from '../shared/vocabulary';
import type { CognitoAuthApi } from './signInFlow';
import type { StoredSession } from './storedSession';


export interface RefreshApi extends Pick<CognitoAuthApi, 'initiateAuth'> {
  getTokensFromRefreshToken(input: { ClientId: string; RefreshToken: string; ClientSecret?: string }): Promise<{ AuthenticationResult?: RefreshResult }>;
}

interface RefreshResult {
  AccessToken?: string;
  IdToken?: string;
  RefreshToken?: string;
}

export class RefreshUnavailable extends Error {
  constructor(readonly reason: 'noRefreshToken' | 'noTokens') {
    super(reason);
  }
}

/** An endpoint that does not implement GetTokensFromRefreshToken (an older emulator) says so like this. */
export function isUnsupportedOperation(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown };
  const name = typeof e?.name === 'string' ? e.name : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  return name === 'UnknownOperationException' || /unsupported|unknown operation|x-amz-target/i.test(`${name} ${message}`);
}

/**
 * One refresh: GetTokensFromRefreshToken (rotation: the response may carry a new refresh token) or
 * InitiateAuth REFRESH_TOKEN_AUTH (classic: never a new refresh token). A returned refresh token replaces
 * the stored one; the session end never moves (rotation does not extend a session).
 */
export async function refreshSession(
  api: RefreshApi,
  session: StoredSession,
  input: { clientId: string; clientSecret?: string; method: RefreshMethod; clock: Clock },
): Promise<{ session: StoredSession; method: RefreshMethodUsed; fellBack: boolean }> {
  const refreshToken = session.tokens.refresh;
  if (!refreshToken) {
    throw new RefreshUnavailable('noRefreshToken');
  }
  let method: RefreshMethodUsed = input.method === 'classic' ? 'classic' : 'rotation';
  let fellBack = false;
  let result: RefreshResult | undefined;
  if (method === 'rotation') {
    try {
      result = (await api.getTokensFromRefreshToken({ ClientId: input.clientId, RefreshToken: refreshToken, ...(input.clientSecret ? { ClientSecret: input.clientSecret } : {}) })).AuthenticationResult;
    } catch (error) {
      if (input.method !== 'auto' || !isUnsupportedOperation(error)) throw error;
      method = 'classic';
      fellBack = true;
    }
  }
  if (method === 'classic') {
    // SECRET_HASH for a refresh uses the real Cognito username (the access token's), not an alias.
    const parameters: Record<string, string> = { REFRESH_TOKEN: refreshToken };
    if (input.clientSecret) parameters.SECRET_HASH = secretHash(input.clientSecret, session.username, input.clientId);
    result = (await api.initiateAuth({ ClientId: input.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: parameters })).AuthenticationResult;
  }
  if (!result?.AccessToken || !result.IdToken) {
    throw new RefreshUnavailable('noTokens');
  }
  return {
    session: { ...session, tokens: { id: result.IdToken, access: result.AccessToken, refresh: result.RefreshToken ?? refreshToken } },
    method,
    fellBack,
  };
}
