/**
 * The words of token exchange (RFC 8693) that the API family, the token endpoint and the OAuth host share:
 * kept apart from `tokenExchange.ts` so the OAuth host can name them without importing the exchange itself
 * (which reads access tokens and the pool's state: an import circle back through the OAuth settings).
 */
import { CognitoError } from './errors';
import type { UpstreamClient } from './upstream';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
export const IMPERSONATION_FLOW = 'ALLOW_TOKEN_EXCHANGE_IMPERSONATION';
export const DELEGATION_FLOW = 'ALLOW_TOKEN_EXCHANGE_DELEGATION';

export interface ExchangeRequest {
  client: UpstreamClient;
  /** `http://host:port` as the caller addressed the pool: the issued token's `iss`. */
  origin: string;
  subjectToken: string | undefined;
  subjectTokenType: string | undefined;
  actorToken?: string;
  actorTokenType?: string;
  audiences: string[];
  resources: string[];
  /** undefined: the subject token's scopes. */
  scopes?: string[];
  requestedTokenType?: string;
}

export interface ExchangeResult {
  token: string;
  tokenType: string;
  expiresIn: number;
  scopes: string[];
}

/** A refusal with both of its names: the API's exception and the token endpoint's RFC 6749/8693 error code. */
export class ExchangeRefusal extends CognitoError {
  constructor(type: string, message: string, readonly oauthError: string) {
    super(type, message);
  }
}
