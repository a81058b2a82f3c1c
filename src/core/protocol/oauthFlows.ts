import { type OAuthDomain, type OAuthFailure } from './oauth';
import { parseTokenResponse, parseUserInfo, revokeRequest, tokenRequest, userInfoRequest, type HttpRequest, type OAuthClient, type OAuthTokens, type TokenGrant } from './oauthToken';

/**
 * The token endpoint's grants, revocation and userInfo over an injected transport: the editor passes one
 * that posts only to the profile's own domain, tests pass the local pool's.
 */
export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

export type HttpSend = (request: HttpRequest) => Promise<HttpAnswer>;

/** A token endpoint failure, thrown so it travels like an SDK error: `failure` says which, never a token. */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(
    readonly failure: OAuthFailure,
    readonly detail: string,
    readonly grant?: TokenGrant['grant'],
  ) {
    // The message names no failure word such as "unsupported": callers must read `failure`, not the text.
    super(`the token endpoint refused (${grant ?? 'request'})`);
  }
}

export async function requestTokens(send: HttpSend, client: OAuthClient, grant: TokenGrant): Promise<OAuthTokens> {
  const answer = await send(tokenRequest(client, grant));
  const outcome = parseTokenResponse(answer.status, answer.body);
  if (outcome.kind === 'failed') throw new OAuthError(outcome.failure, outcome.detail, grant.grant);
  if (grant.grant === 'authorization_code' && !outcome.tokens.id) {
    // A user sign-in without `openid` gets no ID token; we need it to know who signed in.
    throw new OAuthError('invalidScope', 'no id_token: the scopes must include openid', grant.grant);
  }
  return outcome.tokens;
}

/** Revokes a refresh token (and the access tokens issued from it). Cognito answers 200 with an empty body. */
export async function revokeRefreshToken(send: HttpSend, client: OAuthClient, refreshToken: string): Promise<void> {
  const answer = await send(revokeRequest(client, refreshToken));
  if (answer.status !== 200) {
    const outcome = parseTokenResponse(answer.status, answer.body);
    throw new OAuthError(outcome.kind === 'failed' ? outcome.failure : 'other', outcome.kind === 'failed' ? outcome.detail : `HTTP ${answer.status}`);
  }
}

/** The user's attributes from `/oauth2/userInfo` (needs the `openid` scope), as strings. */
export async function fetchUserInfo(send: HttpSend, domain: OAuthDomain, accessToken: string): Promise<Record<string, string>> {
  const answer = await send(userInfoRequest(domain, accessToken));
  const claims = parseUserInfo(answer.status, answer.body);
  if (!claims) {
    throw new OAuthError(answer.status === 401 || answer.status === 403 ? 'invalidGrant' : 'other', `userInfo HTTP ${answer.status}`);
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
  }
  return out;
}
