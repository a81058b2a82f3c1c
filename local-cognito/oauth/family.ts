/**
 * Managed login as a family of the local pool: the `/oauth2/*`, `/logout` and `/error` paths, resource
 * servers. The host below is the only place that knows the pool's insides;
 * every token it hands out comes from the pool's own sign-in, refresh and revocation.
 */
import { checkAccessToken } from '../accessTokens';
import { safeEqual, type LayerContext } from '../context';
import { notAuthorized, resourceNotFound } from '../errors';
import { requestedAssurance } from '../assurance';
import { passwordProven } from '../families/signIn';
import type { AuthResult } from '../issuing';
import type { Body, Registry } from '../registry';
import { tokenKey } from '../state';
import { claimsOf } from '../tokens';
import { secretHash } from '../../src/core/protocol/secretHash';
import type { UpstreamClient } from '../upstream';
import type { OAuthHost } from './host';
import { managedLoginRoutes } from './index';
import { RESOURCE_SERVER_OPERATIONS, ResourceServers } from './resourceServers';
import { NO_OAUTH } from './settings';
import { exchangeToken } from '../tokenExchange';

export function registerManagedLogin(registry: Registry, ctx: LayerContext): void {
  const servers = resourceServersOf(ctx);
  for (const operation of RESOURCE_SERVER_OPERATIONS) {
    registry.operation(operation, (body) => servers.handle(operation, body));
  }
  const host = managedLoginHost(registry, ctx, servers);
  for (const route of managedLoginRoutes(host)) {
    registry.path(route.method, route.path, route.handler);
  }
}

export function resourceServersOf(ctx: LayerContext): ResourceServers {
  return new ResourceServers({
    all: () => ctx.state.data.resourceServers,
    put: (key, server) => ctx.state.put('resourceServers', key, server),
    remove: (key) => ctx.state.remove('resourceServers', key),
    requirePool: (userPoolId) => {
      if (!ctx.upstream.poolExists(userPoolId)) {
        throw resourceNotFound(`User pool ${userPoolId} does not exist.`);
      }
    },
  });
}

function managedLoginHost(registry: Registry, ctx: LayerContext, servers: ResourceServers): OAuthHost {
  // The endpoint already authenticated the client; the API call underneath carries one of its active secrets.
  const activeSecret = (client: UpstreamClient): string | undefined => ctx.clientSecrets(client)[0];
  const withSecret = (clientSecret: string | undefined, body: Body): Body => (clientSecret ? { ...body, ClientSecret: clientSecret } : body);
  return {
    clock: ctx.clock,
    signer: ctx.signer,
    client: (clientId) => ctx.upstream.client(clientId),
    settings: (clientId) => ctx.extras(clientId).oauth ?? NO_OAUTH,
    secretMatches: (client, secret) => ctx.secretMatches(client, secret),
    user: (userPoolId, username) => ctx.upstream.user(userPoolId, username),
    scopeExists: (userPoolId, scope) => servers.scopeExists(userPoolId, scope),
    async passwordSignIn(request, client, username, password, acrValues, maxAge) {
      const user = await ctx.upstream.user(client.UserPoolId, username);
      // The layer checks the password itself: a wrong temporary password must not reach NEW_PASSWORD_REQUIRED.
      if (!user || !safeEqual(user.Password, password)) {
        throw notAuthorized('Incorrect username or password.');
      }
      // What follows the password is the API's own (disabled users, NEW_PASSWORD_REQUIRED, MFA); managed
      // login does not depend on ExplicitAuthFlows.
      return passwordProven(ctx, client, user, {}, request, requestedAssurance(acrValues, maxAge, { targets: 'acr_values', maxAge: 'max_age' }));
    },
    respond: (request, client, challenge, session, username, responses) =>
      registry.invoke('RespondToAuthChallenge', {
        ClientId: client.ClientId,
        ChallengeName: challenge,
        Session: session,
        ChallengeResponses: { USERNAME: username, ...responses, ...(activeSecret(client) ? { SECRET_HASH: secretHash(activeSecret(client) ?? '', username, client.ClientId) } : {}) },
      }, request),
    async refresh(request, client, refreshToken) {
      const result = await registry.invoke('GetTokensFromRefreshToken', withSecret(activeSecret(client), { ClientId: client.ClientId, RefreshToken: refreshToken }), request);
      return result.AuthenticationResult as AuthResult;
    },
    async revoke(request, client, refreshToken) {
      await registry.invoke('RevokeToken', withSecret(activeSecret(client), { ClientId: client.ClientId, Token: refreshToken }), request);
    },
    revokeFamily(family) {
      const record = ctx.state.data.families[family];
      if (record && record.revokedAt === undefined) {
        ctx.state.put('families', family, { ...record, revokedAt: ctx.clock.now() });
      }
    },
    familyOf: (refreshToken) => ctx.state.data.refresh[tokenKey(refreshToken)]?.family,
    grant: (family) => ctx.state.data.oauthGrants[family],
    setGrant: (family, scopes) => ctx.state.put('oauthGrants', family, scopes),
    async checkAccessToken(token) {
      await checkAccessToken(ctx, token);
      return claimsOf(token) ?? {};
    },
    exchange: (_request, input) => exchangeToken(ctx, input),
  };
}
