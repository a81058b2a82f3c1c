import type { PlainRequest, PlainResponse, RequestInfo } from '../registry';
import type { Clock } from '../../src/core/shared/clock';
import type { TokenSigner } from '../signing';
import type { UpstreamClient, UpstreamUser } from '../upstream';
import type { OAuthClientSettings } from './settings';
import type { ExchangeRequest, ExchangeResult } from '../tokenExchangeTerms';

export type Body = Record<string, unknown>;
export type AuthResult = { AccessToken: string; IdToken: string; RefreshToken?: string; ExpiresIn?: number; TokenType?: string };

export type { PlainRequest, PlainResponse };

/**
 * What managed login needs from the rest of the local pool, and nothing more. Every token comes from the
 * pool's own sign-in, refresh and revocation code (same signer, same refresh-token families, same rotation
 * and grace rules); managed login only narrows the access token's `scope` and drops the ID token without
 * `openid`.
 */
export interface OAuthHost {
  readonly clock: Clock;
  /** The pool's own key: managed login re-signs the tokens it narrows with it. */
  readonly signer: TokenSigner;
  client(clientId: string): Promise<UpstreamClient | undefined>;
  settings(clientId: string): OAuthClientSettings;
  /** A secret given at the token or revoke endpoint matches one of the client's active secrets. */
  secretMatches(client: UpstreamClient, secret: string): boolean;
  user(userPoolId: string, username: string): Promise<UpstreamUser | undefined>;
  /** A custom scope `identifier/name` of one of the pool's resource servers. */
  scopeExists(userPoolId: string, scope: string): boolean;
  /**
   * Password sign-in on the user's behalf (the managed-login form), whatever the client's
   * ExplicitAuthFlows: `{AuthenticationResult}` with the pool's refresh token, or
   * `{ChallengeName, ChallengeParameters, Session}` for the user's next challenge. Cognito errors as the API.
   */
  passwordSignIn(request: RequestInfo, client: UpstreamClient, username: string, password: string, acrValues?: string, maxAge?: string): Promise<Body>;
  /** RespondToAuthChallenge as the API answers it (the same Session store). */
  respond(request: RequestInfo, client: UpstreamClient, challenge: string, session: string, username: string, responses: Record<string, string>): Promise<Body>;
  /** GetTokensFromRefreshToken: rotation and grace exactly as the API. */
  refresh(request: RequestInfo, client: UpstreamClient, refreshToken: string): Promise<AuthResult>;
  /** RevokeToken as the API. */
  revoke(request: RequestInfo, client: UpstreamClient, refreshToken: string): Promise<void>;
  /** Revokes one sign-in and everything refreshed from it (a replayed authorization code). */
  revokeFamily(family: string): void;
  /** The refresh-token family (one sign-in and its rotations) a refresh token belongs to. */
  familyOf(refreshToken: string): string | undefined;
  /** Scopes granted to a family through managed login (kept across restarts with the pool's state). */
  grant(family: string): string[] | undefined;
  setGrant(family: string, scopes: string[]): void;
  /** Signature, expiry and revocation of an access token, as GetUser checks it; its claims. */
  checkAccessToken(token: string): Promise<Record<string, unknown>>;
  /** Token exchange as GetDerivedToken does it (the client is already authenticated); refusals are ExchangeRefusal. */
  exchange(request: RequestInfo, input: ExchangeRequest): Promise<ExchangeResult>;
}
