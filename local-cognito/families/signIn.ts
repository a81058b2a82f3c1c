/**
 * Sign-in and challenges: InitiateAuth / AdminInitiateAuth dispatch on AuthFlow to whichever family
 * registered it; RespondToAuthChallenge checks the Session (ours: real, single use, 3 minutes) and
 * dispatches on ChallengeName, forwarding challenges no family claims to cognito-local. The password
 * flows live here; USER_SRP_AUTH in `srp.ts`, REFRESH_TOKEN_AUTH in `refresh.ts`.
 */
import { safeEqual, type LayerContext } from '../context';
import { invalidParameter, mapSignInError, notAuthorized, requireParams, resourceNotFound } from '../errors';
import { requestedAssurance, withMethod, type Assurance } from '../assurance';
import { afterAuth, readyForTokens, signedIn, userTokenClaims } from '../issuing';
import { str } from '../json';
import type { AuthFlowRequest, Body, ChallengeRequest, Registry, RequestInfo } from '../registry';
import type { SessionRecord } from '../state';
import type { UpstreamClient, UpstreamUser } from '../upstream';

/** Cognito's limits on what a sign-in may carry (usernames: 128). */
export const MAX_USERNAME = 128;
const MAX_PASSWORD = 256;

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
  const client = await ctx.client(body.ClientId);
  const flow = str(body.AuthFlow);
  const params = (body.AuthParameters ?? {}) as Record<string, string>;
  if (admin && body.UserPoolId !== client.UserPoolId) {
    throw resourceNotFound(`User pool client ${client.ClientId} does not exist in ${String(body.UserPoolId)}.`);
  }
  const handler = registry.findFlow(flow);
  if (!handler) {
    throw invalidParameter(`AuthFlow ${flow || '(missing)'} is not supported by the local user pool. Supported: ${registry.flowNames().join(', ')}.`);
  }
  return handler({ flow, admin, body, client, params, request });
}

async function passwordAuth(ctx: LayerContext, { flow, client, params, body, request }: AuthFlowRequest): Promise<Body> {
  ctx.requireFlow(client, flow === 'ADMIN_NO_SRP_AUTH' ? 'ADMIN_USER_PASSWORD_AUTH' : flow);
  requireParams(params, ['USERNAME', 'PASSWORD']);
  requireLength(params, 'USERNAME', MAX_USERNAME);
  requireLength(params, 'PASSWORD', MAX_PASSWORD);
  ctx.checkSecretHash(client, params.USERNAME, params.SECRET_HASH);
  // The layer checks the password itself: cognito-local answers NEW_PASSWORD_REQUIRED to a
  // FORCE_CHANGE_PASSWORD user before looking at the password, which would hand the account to anyone.
  const user = await ctx.upstream.user(client.UserPoolId, params.USERNAME);
  if (!user || !safeEqual(user.Password, params.PASSWORD)) {
    throw notAuthorized('Incorrect username or password.');
  }
  return passwordProven(ctx, client, user, body, request, requestedAssurance(params.TARGET_ACR_VALUES, params.MAX_AGE));
}

/**
 * After the password (typed, or proven by SRP): what comes next is the same for every flow, as on AWS.
 * A disabled user is refused; a user with nothing left to prove gets tokens here (`readyForTokens`);
 * otherwise cognito-local's USER_PASSWORD_AUTH decides the next challenge (NEW_PASSWORD_REQUIRED,
 * SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE…); its admin flow would skip every challenge.
 */
export async function passwordProven(ctx: LayerContext, client: UpstreamClient, user: UpstreamUser, body: Body, request: RequestInfo, assurance?: Assurance): Promise<Body> {
  if (user.Enabled === false) {
    throw notAuthorized('User is disabled.');
  }
  const proven = withMethod(assurance, 'pwd');
  if (readyForTokens(ctx, client, user)) {
    return signedIn(ctx, userTokenClaims(ctx, client, user), client, user.Username, request, proven);
  }
  const result = await ctx.upstream
    .call('InitiateAuth', { ClientId: client.ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: user.Username, PASSWORD: user.Password }, ClientMetadata: body.ClientMetadata })
    .catch(mapSignInError);
  return afterAuth(ctx, result, client, user.Username, request, proven);
}

function requireLength(params: Record<string, string>, name: string, max: number): void {
  if (params[name].length > max) {
    throw invalidParameter(`${name} must be at most ${max} characters.`);
  }
}

async function respondToChallenge(registry: Registry, ctx: LayerContext, body: Body, request: RequestInfo): Promise<Body> {
  const client = await ctx.client(body.ClientId);
  const responses = (body.ChallengeResponses ?? {}) as Record<string, string>;
  const challenge = str(body.ChallengeName);
  const sessionId = typeof body.Session === 'string' ? body.Session : '';
  const session = ctx.state.session(sessionId);
  if (!session || session.clientId !== client.ClientId || session.challenge !== challenge) {
    throw notAuthorized('Invalid session for the user.');
  }
  if (session.expiresAt <= ctx.clock.now()) {
    ctx.state.removeSession(sessionId);
    throw notAuthorized('Invalid session for the user, session is expired.');
  }
  // A Session belongs to the user it was issued for: an answer naming anyone else is refused before
  // anything runs, and the Session stays as it was (otherwise a NEW_PASSWORD_REQUIRED answer could set
  // another user's password). Every challenge requires USERNAME, see
  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
  await requireSessionUser(ctx, session, responses.USERNAME);
  ctx.checkSecretHash(client, responses.USERNAME ?? session.username, responses.SECRET_HASH);
  // A session answers one challenge once.
  ctx.state.removeSession(sessionId);
  const handler = registry.findChallenge(challenge) ?? ((answer: ChallengeRequest) => upstreamChallenge(ctx, answer));
  return handler({ challenge, body, client, session, responses, request });
}

/** USERNAME, when given, names the Session's user: their user name, or an alias (email, sub) of the same user. */
async function requireSessionUser(ctx: LayerContext, session: SessionRecord, given: string | undefined): Promise<void> {
  if (given === undefined || given === session.username) {
    return;
  }
  const named = typeof given === 'string' && given !== '' ? await ctx.upstream.user(session.userPoolId, given) : undefined;
  if (named?.Username !== session.username) {
    throw notAuthorized('Invalid session for the user.');
  }
}

/** Challenges cognito-local answers itself (NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA), behind our Session. */
async function upstreamChallenge(ctx: LayerContext, { challenge, client, session, responses, request }: ChallengeRequest): Promise<Body> {
  // cognito-local does not check SECRET_HASH (the layer just did) and would not expect it.
  const upstreamResponses = { ...responses };
  delete upstreamResponses.SECRET_HASH;
  const result = await ctx.upstream
    .call('RespondToAuthChallenge', { ClientId: client.ClientId, ChallengeName: challenge, Session: session.upstreamSession, ChallengeResponses: { ...upstreamResponses, USERNAME: session.username } })
    .catch(mapSignInError);
  // An MFA code is a second factor (`otp`, then `mfa`); a new password proves nothing more.
  const assurance = challenge === 'SOFTWARE_TOKEN_MFA' || challenge === 'SMS_MFA' || challenge === 'EMAIL_OTP' ? withMethod(session.assurance, 'otp') : session.assurance;
  return afterAuth(ctx, result, client, session.username, request, assurance);
}
