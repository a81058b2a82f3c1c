import { createHash } from 'node:crypto';
import { CognitoError } from '../errors';
import { ExchangeRefusal, TOKEN_EXCHANGE_GRANT } from '../tokenExchangeTerms';
import { refreshValidityMs } from '../tokens';
import type { UpstreamClient } from '../upstream';
import type { AuthorizationCodes } from './authorizationCodes';
import type { OAuthHost, PlainRequest, PlainResponse } from './host';
import { authenticateClient, formBody, jsonResponse, OAuthError, parseScopes, safeEqual, single } from './protocol';
import { scopedTokens } from './scopedTokens';
import { machineAccessToken } from './signer';

/**
 * `/oauth2/token`: authorization_code (PKCE S256, the exact redirect_uri, single-use codes),
 * refresh_token (the API's GetTokensFromRefreshToken: rotation and grace unchanged) and
 * client_credentials (confidential clients, custom scopes, an access token only).
 */
export class TokenEndpoint {
  constructor(
    private readonly host: OAuthHost,
    private readonly codes: AuthorizationCodes,
  ) {}

  async post(request: PlainRequest): Promise<PlainResponse> {
    try {
      const form = formBody(request);
      const grantType = single(form, 'grant_type');
      if (!grantType) {
        throw new OAuthError('invalid_request', 'grant_type is missing.');
      }
      const client = await authenticateClient(this.host, request, form);
      switch (grantType) {
        case 'authorization_code':
          return jsonResponse(this.authorizationCode(client, form));
        case 'refresh_token':
          return jsonResponse(await this.refreshToken(request, client, form));
        case 'client_credentials':
          return jsonResponse(this.clientCredentials(client, form, request.origin));
        case TOKEN_EXCHANGE_GRANT:
          return jsonResponse(await this.tokenExchange(request, client, form));
        default:
          throw new OAuthError('unsupported_grant_type', `grant_type ${grantType} is not supported (authorization_code, refresh_token, client_credentials, ${TOKEN_EXCHANGE_GRANT}).`);
      }
    } catch (error) {
      if (error instanceof OAuthError) {
        return error.response();
      }
      throw error;
    }
  }

  private authorizationCode(client: UpstreamClient, form: URLSearchParams): object {
    const code = single(form, 'code');
    const redirectUri = single(form, 'redirect_uri');
    if (!code || !redirectUri) {
      throw new OAuthError('invalid_request', 'code and redirect_uri are required.');
    }
    const replayOf = this.codes.replayed(code);
    const grant = this.codes.take(code);
    // A code used twice was leaked: what its first exchange issued is revoked. A code that fails its
    // checks is used up, and so are the tokens waiting behind it (nobody received them).
    const refuse = (description: string): OAuthError => {
      const family = grant?.family ?? replayOf;
      if (family) this.host.revokeFamily(family);
      return new OAuthError('invalid_grant', description);
    };
    if (!grant || grant.clientId !== client.ClientId) {
      throw refuse('The authorization code is invalid, expired or already used.');
    }
    if (grant.redirectUri !== redirectUri) {
      throw refuse('redirect_uri does not match the one of the authorization request.');
    }
    if (grant.codeChallenge !== undefined) {
      const verifier = single(form, 'code_verifier');
      const computed = verifier === undefined ? '' : createHash('sha256').update(verifier).digest('base64url');
      if (verifier === undefined || !safeEqual(computed, grant.codeChallenge)) {
        throw refuse('code_verifier does not match the code_challenge.');
      }
    }
    return grant.tokens;
  }

  private async refreshToken(request: PlainRequest, client: UpstreamClient, form: URLSearchParams): Promise<object> {
    const token = single(form, 'refresh_token');
    if (!token) {
      throw new OAuthError('invalid_request', 'refresh_token is required.');
    }
    const family = this.host.familyOf(token);
    let auth;
    try {
      auth = await this.host.refresh(request, client, token);
    } catch (error) {
      if (error instanceof CognitoError && error.status < 500) {
        // Revoked, expired, rotated beyond the grace period, another client's: all `invalid_grant`.
        throw new OAuthError('invalid_grant', error.message);
      }
      throw error;
    }
    // Tokens from managed login keep the scopes granted then; tokens from the API keep the API's scope.
    const granted = family ? this.host.grant(family) : undefined;
    if (granted) {
      return scopedTokens(this.host.signer, auth, granted);
    }
    return { access_token: auth.AccessToken, id_token: auth.IdToken, ...(auth.RefreshToken ? { refresh_token: auth.RefreshToken } : {}), expires_in: auth.ExpiresIn ?? 3600, token_type: 'Bearer' };
  }

  /**
   * The token-exchange grant (RFC 8693 §2.1 parameters), the same exchange as GetDerivedToken
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-token-exchange.html, which
   * names the token endpoint as its second door). `audience` and `resource` may repeat in RFC 8693; more
   * than one in all is `invalid_target`. The answer has no refresh_token.
   */
  private async tokenExchange(request: PlainRequest, client: UpstreamClient, form: URLSearchParams): Promise<object> {
    let result;
    try {
      result = await this.host.exchange(request, {
        client,
        origin: request.origin,
        subjectToken: single(form, 'subject_token'),
        subjectTokenType: single(form, 'subject_token_type'),
        actorToken: single(form, 'actor_token'),
        actorTokenType: single(form, 'actor_token_type'),
        audiences: form.getAll('audience').filter((value) => value !== ''),
        resources: form.getAll('resource').filter((value) => value !== ''),
        scopes: parseScopes(single(form, 'scope')),
        requestedTokenType: single(form, 'requested_token_type'),
      });
    } catch (error) {
      if (error instanceof ExchangeRefusal) {
        throw new OAuthError(error.oauthError, error.message);
      }
      if (error instanceof CognitoError && error.status < 500) {
        throw new OAuthError('invalid_grant', error.message);
      }
      throw error;
    }
    return { access_token: result.token, issued_token_type: result.tokenType, token_type: 'Bearer', expires_in: result.expiresIn, scope: result.scopes.join(' ') };
  }

  private clientCredentials(client: UpstreamClient, form: URLSearchParams, origin: string): object {
    const settings = this.host.settings(client.ClientId);
    if (!client.ClientSecret || !settings.AllowedOAuthFlowsUserPoolClient || !settings.AllowedOAuthFlows.includes('client_credentials')) {
      throw new OAuthError('unauthorized_client', 'The app client does not allow client_credentials (it needs a secret, AllowedOAuthFlows [client_credentials] and AllowedOAuthFlowsUserPoolClient).');
    }
    const requested = parseScopes(single(form, 'scope'));
    const scopes = requested ?? settings.AllowedOAuthScopes;
    const refused = scopes.filter((scope) => !settings.AllowedOAuthScopes.includes(scope) || !this.host.scopeExists(client.UserPoolId, scope));
    if (refused.length > 0 || scopes.length === 0) {
      throw new OAuthError('invalid_scope', refused.length > 0 ? `Scopes not allowed for this app client: ${refused.join(' ')}` : 'No scopes to grant.');
    }
    // The client's access-token validity (cognito-local stores hours unless told), Cognito's 60 minutes without one.
    const lifetimeSeconds = client.AccessTokenValidity === undefined ? 3600 : refreshValidityMs(client.AccessTokenValidity, client.TokenValidityUnits?.AccessToken ?? 'hours') / 1000;
    const accessToken = machineAccessToken(this.host.signer, { issuer: `${origin}/${client.UserPoolId}`, clientId: client.ClientId, scopes, nowMs: this.host.clock.now(), lifetimeSeconds });
    return { access_token: accessToken, expires_in: lifetimeSeconds, token_type: 'Bearer' };
  }
}
