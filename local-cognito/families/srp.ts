/** USER_SRP_AUTH: the layer is the SRP server (PASSWORD_VERIFIER); once the claim verifies, cognito-local issues. */
import { randomBytes } from 'node:crypto';
import { srpServerExpectedSignature, srpServerStart } from '../../src/core/protocol/srp';
import { safeEqual, type LayerContext } from '../context';
import { invalidParameter, mapSignInError, notAuthorized, requireParams } from '../errors';
import { afterAuth, newSession, SESSION_MS } from '../issuing';
import type { AuthFlowRequest, Body, ChallengeRequest, Registry } from '../registry';

export function registerSrp(registry: Registry, ctx: LayerContext): void {
  registry.authFlow('USER_SRP_AUTH', (auth) => startSrp(ctx, auth));
  registry.challenge('PASSWORD_VERIFIER', (answer) => verifyPassword(ctx, answer));
}

function startSrp(ctx: LayerContext, { client, params }: AuthFlowRequest): Promise<Body> {
  ctx.requireFlow(client, 'USER_SRP_AUTH');
  requireParams(params, ['USERNAME', 'SRP_A']);
  // A is a number below the 3072-bit prime: at most 768 hex digits (a few more for leading zeros).
  if (!/^[0-9a-fA-F]{1,1024}$/.test(params.SRP_A)) {
    throw invalidParameter('SRP_A must be a hexadecimal number of at most 1024 digits.');
  }
  ctx.checkSecretHash(client, params.USERNAME, params.SECRET_HASH);
  const user = ctx.upstream.user(client.UserPoolId, params.USERNAME);
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
  });
  return Promise.resolve({
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: { SALT: server.salt, SRP_B: server.B, SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: user.Username, USERNAME: user.Username },
    Session: session,
  });
}

async function verifyPassword(ctx: LayerContext, { session, responses, client }: ChallengeRequest): Promise<Body> {
  requireParams(responses, ['PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP']);
  const user = ctx.upstream.user(session.userPoolId, session.username);
  const srp = session.srp;
  if (!user || !srp || responses.PASSWORD_CLAIM_SECRET_BLOCK !== srp.secretBlock) {
    throw notAuthorized('Incorrect username or password.');
  }
  const expected = srpServerExpectedSignature({ ...srp, userPoolId: session.userPoolId, username: user.Username, password: user.Password, timestamp: responses.TIMESTAMP });
  if (!expected || !safeEqual(expected, responses.PASSWORD_CLAIM_SIGNATURE)) {
    throw notAuthorized('Incorrect username or password.');
  }
  // The password is proven; cognito-local issues the tokens (or the next challenge) through its admin flow.
  const result = await ctx.upstream
    .call('AdminInitiateAuth', { UserPoolId: session.userPoolId, ClientId: client.ClientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: user.Username, PASSWORD: user.Password } })
    .catch(mapSignInError);
  return afterAuth(ctx, result, client, user.Username);
}
