/**
 * Token exchange (RFC 8693) as Amazon Cognito does it, shared by the API's GetDerivedToken and the token
 * endpoint's token-exchange grant:
 * - https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetDerivedToken.html
 *   (the app client needs ALLOW_TOKEN_EXCHANGE_IMPERSONATION without an ActorToken and
 *   ALLOW_TOKEN_EXCHANGE_DELEGATION with one; with an actor the issued token carries an `act` claim naming it;
 *   the answer is IssuedToken, IssuedTokenType, TokenType, ExpiresIn, Scopes)
 * - https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-token-exchange.html
 *   (the issued token is narrowed in scope and bound to one downstream audience; a feature of the
 *   Essentials and Plus plans)
 * - https://aws.amazon.com/cn/about-aws/whats-new/2026/11/cognito-token-exchange/ (narrower scopes, a single
 *   audience, no refresh token; the token endpoint or GetDerivedToken)
 * What the pages leave open is decided here and listed in docs/local-user-pool.md: only access tokens are
 * exchanged and issued, the issued token lives no longer than the subject token, and it belongs to the
 * subject's sign-in (`origin_jti`), so RevokeToken and GlobalSignOut reach it as they reach the subject
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html).
 */
import { checkAccessToken } from './accessTokens';
import type { LayerContext } from './context';
import { CognitoError } from './errors';
import { requireTier } from './featurePlan';
import { str } from './json';
import { claimsOf, newId } from './tokens';
import { tokenLifetimeSeconds } from './tokenValidity';
import type { UpstreamClient } from './upstream';
import { ACCESS_TOKEN_TYPE, DELEGATION_FLOW, ExchangeRefusal, IMPERSONATION_FLOW, type ExchangeRequest, type ExchangeResult } from './tokenExchangeTerms';

export { ACCESS_TOKEN_TYPE, DELEGATION_FLOW, ExchangeRefusal, IMPERSONATION_FLOW, TOKEN_EXCHANGE_GRANT, type ExchangeRequest, type ExchangeResult } from './tokenExchangeTerms';

const refuse = (type: string, oauthError: string, message: string): ExchangeRefusal => new ExchangeRefusal(type, message, oauthError);

export async function exchangeToken(ctx: LayerContext, input: ExchangeRequest): Promise<ExchangeResult> {
  const { client } = input;
  try {
    requireTier(ctx.state.data.pools[client.UserPoolId], 'Token exchange');
  } catch (error) {
    throw error instanceof CognitoError ? refuse(error.type, 'unauthorized_client', error.message) : error;
  }
  const delegation = input.actorToken !== undefined && input.actorToken !== '';
  const flow = delegation ? DELEGATION_FLOW : IMPERSONATION_FLOW;
  // No default flows here: AWS's defaults for a client without ExplicitAuthFlows do not include these.
  if (!(client.ExplicitAuthFlows ?? []).includes(flow)) {
    throw refuse('NotAuthorizedException', 'unauthorized_client', `Token exchange ${delegation ? 'with an actor token (delegation)' : 'without an actor token (impersonation)'} is not enabled for this client: add ${flow} to its ExplicitAuthFlows.`);
  }
  if (!input.subjectToken) {
    throw refuse('InvalidParameterException', 'invalid_request', 'SubjectToken is required.');
  }
  if (input.subjectTokenType !== ACCESS_TOKEN_TYPE) {
    throw refuse('InvalidParameterException', 'invalid_request', `SubjectTokenType must be ${ACCESS_TOKEN_TYPE} (the local user pool exchanges access tokens).`);
  }
  if (!delegation && input.actorTokenType !== undefined && input.actorTokenType !== '') {
    throw refuse('InvalidParameterException', 'invalid_request', 'ActorTokenType was given without an ActorToken.');
  }
  if (delegation && input.actorTokenType !== ACCESS_TOKEN_TYPE) {
    throw refuse('InvalidParameterException', 'invalid_request', `ActorTokenType must be ${ACCESS_TOKEN_TYPE} when an ActorToken is given.`);
  }
  if (input.requestedTokenType !== undefined && input.requestedTokenType !== '' && input.requestedTokenType !== ACCESS_TOKEN_TYPE) {
    throw refuse('InvalidParameterException', 'invalid_request', `RequestedTokenType ${input.requestedTokenType} is not issued by the local user pool; ask for ${ACCESS_TOKEN_TYPE}.`);
  }
  const audience = singleAudience(input.audiences, input.resources);

  const subject = await verifiedClaims(ctx, input.subjectToken, client, 'subject');
  if (typeof subject.username !== 'string' || subject.username === '') {
    throw refuse('NotAuthorizedException', 'invalid_grant', 'The subject token must be a user\'s access token.');
  }
  const actor = delegation ? await verifiedClaims(ctx, String(input.actorToken), client, 'actor') : undefined;

  const held = str(subject.scope).split(' ').filter((scope) => scope !== '');
  const scopes = input.scopes === undefined ? held : [...new Set(input.scopes.filter((scope) => scope !== ''))];
  const widened = scopes.filter((scope) => !held.includes(scope));
  if (widened.length > 0) {
    // Exchange only narrows: the issued token holds no scope the subject token does not.
    throw refuse('InvalidParameterException', 'invalid_scope', `Scopes not held by the subject token: ${widened.join(' ')}`);
  }

  const nowSeconds = Math.floor(ctx.clock.now() / 1000);
  const lifetime = tokenLifetimeSeconds(client, 'AccessToken');
  const subjectExp = typeof subject.exp === 'number' ? subject.exp : nowSeconds + lifetime;
  const exp = Math.min(nowSeconds + lifetime, subjectExp);
  const claims: Record<string, unknown> = {
    sub: subject.sub,
    iss: `${input.origin}/${client.UserPoolId}`,
    client_id: client.ClientId,
    aud: audience ?? client.ClientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: subject.auth_time,
    iat: nowSeconds,
    exp,
    jti: newId(),
    username: subject.username,
    version: 2,
  };
  for (const kept of ['cognito:groups', 'origin_jti', 'event_id', 'acr', 'amr']) {
    if (subject[kept] !== undefined) claims[kept] = subject[kept];
  }
  // RFC 8693 §4.1: `act` names the current actor; earlier actors nest inside it. Impersonation keeps the
  // subject's own chain, if it was itself a delegated token.
  if (actor) {
    claims.act = actorClaim(actor, subject.act);
  } else if (subject.act !== undefined) {
    claims.act = subject.act;
  }
  const subjectJti = str(subject.jti);
  const family = typeof subject.origin_jti === 'string' ? subject.origin_jti : (ctx.state.data.accessTokens[subjectJti]?.family ?? '');
  ctx.state.put('accessTokens', String(claims.jti), { family, issuedAt: ctx.clock.now(), expiresAt: exp * 1000 });
  return { token: ctx.signer.sign(claims), tokenType: ACCESS_TOKEN_TYPE, expiresIn: Math.max(0, exp - nowSeconds), scopes };
}

/** One audience at most, from Audiences (a name) or Resources (an absolute URI, RFC 8707). */
function singleAudience(audiences: string[], resources: string[]): string | undefined {
  const all = [...audiences, ...resources];
  if (all.length > 1) {
    throw refuse('InvalidParameterException', 'invalid_target', 'An exchanged token is bound to one audience: give one value in Audiences or Resources, not several.');
  }
  for (const resource of resources) {
    let url: URL | undefined;
    try {
      url = new URL(resource);
    } catch {
      url = undefined;
    }
    if (!url || url.hash !== '') {
      throw refuse('InvalidParameterException', 'invalid_target', `Resource ${resource} must be an absolute URI without a fragment (RFC 8707).`);
    }
  }
  return all[0];
}

/** A token of this pool: signature, expiry, revocation and the user's state checked as for GetUser. */
async function verifiedClaims(ctx: LayerContext, token: string, client: UpstreamClient, role: 'subject' | 'actor'): Promise<Record<string, unknown>> {
  let poolId: string;
  try {
    ({ poolId } = await checkAccessToken(ctx, token));
  } catch (error) {
    if (error instanceof CognitoError && error.status < 500) {
      throw refuse(error.type === 'InvalidParameterException' ? 'NotAuthorizedException' : error.type, 'invalid_grant', `Invalid ${role} token: ${error.message}`);
    }
    throw error;
  }
  if (poolId !== client.UserPoolId) {
    throw refuse('NotAuthorizedException', 'invalid_grant', `Invalid ${role} token: it was not issued by this user pool.`);
  }
  return claimsOf(token) ?? {};
}

function actorClaim(actor: Record<string, unknown>, earlier: unknown): Record<string, unknown> {
  const act: Record<string, unknown> = { sub: actor.sub, client_id: actor.client_id };
  if (typeof actor.username === 'string') act.username = actor.username;
  if (earlier !== undefined) act.act = earlier;
  return act;
}
