import type { Clock } from '../shared/clock';
import { secretHash } from '../protocol/secretHash';
import type { RefreshMethod, RefreshMethodUsed } from '../shared/vocabulary';
import type { CognitoAuthApi } from './signInFlow';
import type { StoredSession } from './storedSession';
import { refreshAtTokenEndpoint, type TokenEndpoint } from './oauthRefresh';
import { canRefresh } from './canRefresh';


export interface RefreshApi extends Pick<CognitoAuthApi, 'initiateAuth'> {
  getTokensFromRefreshToken(input: { ClientId: string; RefreshToken: string; ClientSecret?: string }): Promise<{ AuthenticationResult?: RefreshResult }>;
  /** Set for managed-login and machine-to-machine sessions: they refresh at the domain's token endpoint. */
  readonly tokenEndpoint?: TokenEndpoint;
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

/**
 * True only when the endpoint lacks GetTokensFromRefreshToken itself: Cognito's UnknownOperationException,
 * or an emulator's "unsupported" error that names the operation or its X-Amz-Target. Any other error that
 * happens to say "unsupported" (a token type, a parameter) is a real failure, not a reason to switch methods.
 */
export function isUnsupportedOperation(error: unknown): boolean {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown };
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (name === 'UnknownOperationException') return true;
  const unsupportedName = /^(?:.*#)?Unsupported(?:Operation(?:Exception)?)?$/.test(name);
  return unsupportedName && /x-amz-target|GetTokensFromRefreshToken/i.test(message);
}

/** The method a refresh starts with: the profile's choice, or classic when auto already found rotation missing. */
export function chooseRefreshMethod(configured: RefreshMethod | undefined, rotationKnownMissing: boolean): RefreshMethod {
  const method = configured ?? 'auto';
  return method === 'auto' && rotationKnownMissing ? 'classic' : method;
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
  if (api.tokenEndpoint && canRefresh(session)) {
    return refreshAtTokenEndpoint(api.tokenEndpoint, session);
  }
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
  if (!result?.AccessToken && !result?.RefreshToken) {
    throw new RefreshUnavailable('noTokens');
  }
  // A response may omit a token (no IdToken without the openid scope): keep the one we had rather than
  // throw away what Cognito did return, above all a rotated refresh token (the old one is now on borrowed time).
  return {
    session: { ...session, tokens: { id: result.IdToken ?? session.tokens.id, access: result.AccessToken ?? session.tokens.access, refresh: result.RefreshToken ?? refreshToken } },
    method,
    fellBack,
  };
}
