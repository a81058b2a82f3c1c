/**
 * GetDerivedToken (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetDerivedToken.html):
 * the request's fields as the API Reference names them, the exchange itself in `../tokenExchange.ts`.
 * ActorTokenProviderName and SubjectTokenProviderName (tokens of federated providers) are not modelled.
 */
import { safeEqual, type LayerContext } from '../context';
import { invalidParameter, notAuthorized } from '../errors';
import { str } from '../json';
import type { Body, Registry } from '../registry';
import { exchangeToken } from '../tokenExchange';

export function registerTokenExchange(registry: Registry, ctx: LayerContext): void {
  registry.operation('GetDerivedToken', async (body, request) => {
    const client = await ctx.client(body.ClientId);
    if (client.ClientSecret) {
      if (typeof body.ClientSecret !== 'string' || body.ClientSecret === '') {
        throw notAuthorized(`Client ${client.ClientId} is configured with secret but ClientSecret was not received`);
      }
      if (!safeEqual(client.ClientSecret, body.ClientSecret)) {
        throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
      }
    }
    const result = await exchangeToken(ctx, {
      client,
      origin: request.origin,
      subjectToken: str(body.SubjectToken) || undefined,
      subjectTokenType: str(body.SubjectTokenType) || undefined,
      actorToken: str(body.ActorToken) || undefined,
      actorTokenType: str(body.ActorTokenType) || undefined,
      audiences: list(body.Audiences, 'Audiences'),
      resources: list(body.Resources, 'Resources'),
      scopes: body.Scopes === undefined ? undefined : list(body.Scopes, 'Scopes'),
      requestedTokenType: str(body.RequestedTokenType) || undefined,
    });
    // No refresh token: an exchanged token is asked for again when it expires.
    return { IssuedToken: result.token, IssuedTokenType: result.tokenType, TokenType: 'Bearer', ExpiresIn: result.expiresIn, Scopes: result.scopes } satisfies Body;
  });
}

function list(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalidParameter(`${name} must be a list of strings.`);
  }
  return value as string[];
}
