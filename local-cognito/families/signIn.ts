/**
 * Sign-in and challenges: InitiateAuth / AdminInitiateAuth dispatch on AuthFlow to whichever family
 * registered it; RespondToAuthChallenge checks the Session (ours: real, single use, 3 minutes) and
 * dispatches on ChallengeName, forwarding challenges no family claims to cognito-local. The password
 * flows live here; USER_SRP_AUTH in `srp.ts`, REFRESH_TOKEN_AUTH in `refresh.ts`.
 */
import type { LayerContext } from '../context';
import { invalidParameter, mapSignInError, notAuthorized, requireParams, resourceNotFound } from '../errors';
import { afterAuth } from '../issuing';
import { str } from '../json';
import type { AuthFlowRequest, Body, ChallengeRequest, Registry, RequestInfo } from '../registry';

export function registerSignIn(registry: Registry, ctx: LayerContext): void {
  registry.operation('InitiateAuth', (body, request) => initiateAuth(registry, ctx, body, false, request));
  registry.operation('AdminInitiateAuth', (body, request) => initiateAuth(registry, ctx, body, true, request));
  registry.operation('RespondToAuthChallenge', (body, request) => respondToChallenge(registry, ctx, body, request));
  registry.operation('AdminRespondToAuthChallenge', (body, request) => respondToChallenge(registry, ctx, body, request));
  for (const flow of ['USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']) {
    registry.authFlow(flow, (auth) => passwordAuth(ctx, auth));
  }
}

async function initiateAuth(registry: Registry, ctx: LayerContext, body: Body, admin: boolean, request: RequestInfo): Promise<Body> {
  const client = ctx.client(body.ClientId);
  const flow = str(body.AuthFlow);
  const params = (body.AuthParameters ?? {}) as Record<string, string>;
  if (admin && body.UserPoolId !== client.UserPoolId) {
    throw resourceNotFound(`User pool client ${client.ClientId} does not exist in ${String(body.UserPoolId)}.`);
  }
  const handler = registry.findFlow(flow);
  if (!handler) {
    throw invalidParameter(`AuthFlow ${flow || '(missing)'} is not supported by the local user pool. Supported: USER_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH.`);
  }
  return handler({ flow, admin, body, client, params, request });
}

async function passwordAuth(ctx: LayerContext, { flow, admin, body, client, params }: AuthFlowRequest): Promise<Body> {
  ctx.requireFlow(client, flow === 'ADMIN_NO_SRP_AUTH' ? 'ADMIN_USER_PASSWORD_AUTH' : flow);
  requireParams(params, ['USERNAME', 'PASSWORD']);
  ctx.checkSecretHash(client, params.USERNAME, params.SECRET_HASH);
  const upstreamBody = admin
    ? { ...body, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: params.USERNAME, PASSWORD: params.PASSWORD } }
    : { ...body, AuthParameters: { USERNAME: params.USERNAME, PASSWORD: params.PASSWORD } };
  const result = await ctx.upstream.call(admin ? 'AdminInitiateAuth' : 'InitiateAuth', upstreamBody).catch(mapSignInError);
  return afterAuth(ctx, result, client, params.USERNAME);
}

async function respondToChallenge(registry: Registry, ctx: LayerContext, body: Body, request: RequestInfo): Promise<Body> {
  const client = ctx.client(body.ClientId);
  const responses = (body.ChallengeResponses ?? {}) as Record<string, string>;
  const challenge = str(body.ChallengeName);
  const sessionId = typeof body.Session === 'string' ? body.Session : '';
  const session = ctx.state.data.sessions[sessionId];
  if (!session || session.clientId !== client.ClientId || session.challenge !== challenge) {
    throw notAuthorized('Invalid session for the user.');
  }
  if (session.expiresAt <= ctx.clock.now()) {
    delete ctx.state.data.sessions[sessionId];
    ctx.state.save();
    throw notAuthorized('Invalid session for the user, session is expired.');
  }
  ctx.checkSecretHash(client, responses.USERNAME ?? session.username, responses.SECRET_HASH);
  // A session answers one challenge once.
  delete ctx.state.data.sessions[sessionId];
  ctx.state.save();
  const handler = registry.findChallenge(challenge) ?? ((answer: ChallengeRequest) => upstreamChallenge(ctx, answer));
  return handler({ challenge, body, client, session, responses, request });
}

/** Challenges cognito-local answers itself (NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA), behind our Session. */
async function upstreamChallenge(ctx: LayerContext, { challenge, client, session, responses }: ChallengeRequest): Promise<Body> {
  // cognito-local does not check SECRET_HASH (the layer just did) and would not expect it.
  const upstreamResponses = { ...responses };
  delete upstreamResponses.SECRET_HASH;
  const result = await ctx.upstream
    .call('RespondToAuthChallenge', { ClientId: client.ClientId, ChallengeName: challenge, Session: session.upstreamSession, ChallengeResponses: { USERNAME: session.username, ...upstreamResponses } })
    .catch(mapSignInError);
  return afterAuth(ctx, result, client, session.username);
}
