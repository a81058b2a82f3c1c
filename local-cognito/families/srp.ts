/** USER_SRP_AUTH: the layer is the SRP server (PASSWORD_VERIFIER); once the claim verifies, cognito-local issues. */
import { randomBytes } from 'node:crypto';
import { srpServerExpectedSignature, srpServerStart } from '../srpServer';
import { safeEqual, type LayerContext } from '../context';
import { invalidParameter, notAuthorized, requireParams } from '../errors';
import { requestedAssurance } from '../assurance';
import { newSession, SESSION_MS } from '../issuing';
import { MAX_USERNAME, passwordProven } from './signIn';
import type { AuthFlowRequest, Body, ChallengeRequest, Registry } from '../registry';

export function registerSrp(registry: Registry, ctx: LayerContext): void {
  registry.authFlow('USER_SRP_AUTH', (auth) => startSrp(ctx, auth));
  registry.challenge('PASSWORD_VERIFIER', (answer) => verifyPassword(ctx, answer));
}

async function startSrp(ctx: LayerContext, { client, params }: AuthFlowRequest): Promise<Body> {
  ctx.requireFlow(client, 'USER_SRP_AUTH');
  requireParams(params, ['USERNAME', 'SRP_A']);
  if (params.USERNAME.length > MAX_USERNAME) {
    throw invalidParameter(`USERNAME must be at most ${MAX_USERNAME} characters.`);
  }
  // A is a number below the 3072-bit prime: at most 768 hex digits (a few more for leading zeros).
  if (!/^[0-9a-fA-F]{1,1024}$/.test(params.SRP_A)) {
    throw invalidParameter('SRP_A must be a hexadecimal number of at most 1024 digits.');
  }
  ctx.checkSecretHash(client, params.USERNAME, params.SECRET_HASH);
  const user = await ctx.upstream.user(client.UserPoolId, params.USERNAME);
  if (!user) {
    throw notAuthorized('Incorrect username or password.');
  }
  const server = srpServerStart(client.UserPoolId, user.Username, user.Password);
  const secretBlock = randomBytes(64).toString('base64');
  const session = newSession(ctx, {
    clientId: client.ClientId,
    userPoolId: client.UserPoolId,
    username: user.Username,
    challenge: 'PASSWORD_VERIFIER',
    expiresAt: ctx.clock.now() + SESSION_MS,
    srp: { ...server, A: params.SRP_A, secretBlock },
    assurance: requestedAssurance(params.TARGET_ACR_VALUES, params.MAX_AGE),
  });
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: { SALT: server.salt, SRP_B: server.B, SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: user.Username, USERNAME: user.Username },
    Session: session,
  };
}

async function verifyPassword(ctx: LayerContext, { session, responses, client, body, request }: ChallengeRequest): Promise<Body> {
  requireParams(responses, ['PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP']);
  const user = await ctx.upstream.user(session.userPoolId, session.username);
  const srp = session.srp;
  if (!user || !srp || responses.PASSWORD_CLAIM_SECRET_BLOCK !== srp.secretBlock) {
    throw notAuthorized('Incorrect username or password.');
  }
  const expected = srpServerExpectedSignature({ ...srp, userPoolId: session.userPoolId, username: user.Username, password: user.Password, timestamp: responses.TIMESTAMP });
  if (!expected || !safeEqual(expected, responses.PASSWORD_CLAIM_SIGNATURE)) {
    throw notAuthorized('Incorrect username or password.');
  }
  return passwordProven(ctx, client, user, body, request, session.assurance);
}
