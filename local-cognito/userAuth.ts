/**
 * Choice-based sign-in: InitiateAuth `USER_AUTH` with an optional PREFERRED_CHALLENGE (PASSWORD,
 * PASSWORD_SRP, EMAIL_OTP), else SELECT_CHALLENGE with the user's AvailableChallenges, answered by
 * RespondToAuthChallenge SELECT_CHALLENGE `ANSWER`; EMAIL_OTP is answered with `EMAIL_OTP_CODE`. Needs
 * ALLOW_USER_AUTH on the client. Passwords go through the same code as USER_PASSWORD_AUTH and
 * USER_SRP_AUTH; a one-time code, once proven, gets tokens from the same issuing path.
 */
import { createHash, randomBytes } from 'node:crypto';
import { safeEqual, type LayerContext } from './context';
import { CognitoError, invalidParameter, mapSignInError, notAuthorized, requireParams } from './errors';
import { deliver, maskPhone, phoneOf } from './families/codes';
import { passwordProven } from './families/signIn';
import { requestedAssurance, withMethod, type Assurance } from './assurance';
import { afterAuth, newSession, readyForTokens, SESSION_MS, signedIn, userTokenClaims } from './issuing';
import type { AuthFlowRequest, Body, ChallengeRequest, Registry } from './registry';
import type { UpstreamClient, UpstreamUser } from './upstream';

/** Seeded passwordless users get a random password with this prefix: nobody knows it, so PASSWORD is not offered. */
export const PASSWORDLESS_PREFIX = 'local-pool-passwordless:';

export function passwordlessPassword(): string {
  return `${PASSWORDLESS_PREFIX}${randomBytes(32).toString('base64url')}`;
}

type Choice = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP';

export function registerUserAuth(registry: Registry, ctx: LayerContext): void {
  registry.authFlow('USER_AUTH', (auth) => start(registry, ctx, auth));
  registry.challenge('SELECT_CHALLENGE', (answer) => select(registry, ctx, answer));
  registry.challenge('EMAIL_OTP', (answer) => oneTimeCode(ctx, answer, 'EMAIL_OTP_CODE'));
  registry.challenge('SMS_OTP', (answer) => oneTimeCode(ctx, answer, 'SMS_OTP_CODE'));
}

function available(user: UpstreamUser): Choice[] {
  const choices: Choice[] = [];
  if (!user.Password.startsWith(PASSWORDLESS_PREFIX)) {
    choices.push('PASSWORD', 'PASSWORD_SRP');
  }
  if (emailOf(user)) {
    choices.push('EMAIL_OTP');
  }
  if (phoneOf(user)) {
    choices.push('SMS_OTP');
  }
  return choices;
}

function emailOf(user: UpstreamUser): string | undefined {
  return user.Attributes?.find((a) => a.Name === 'email')?.Value;
}

async function start(registry: Registry, ctx: LayerContext, auth: AuthFlowRequest): Promise<Body> {
  const { client, params } = auth;
  ctx.requireFlow(client, 'USER_AUTH');
  requireParams(params, ['USERNAME']);
  ctx.checkSecretHash(client, params.USERNAME, params.SECRET_HASH);
  const user = await signInUser(ctx, client, params.USERNAME);
  const choices = available(user);
  const assurance = requestedAssurance(params.TARGET_ACR_VALUES, params.MAX_AGE);
  const preferred = params.PREFERRED_CHALLENGE;
  if (preferred !== undefined && !['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'].includes(preferred)) {
    throw invalidParameter(`PREFERRED_CHALLENGE ${preferred} is not one of PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP, WEB_AUTHN.`);
  }
  if (preferred && (choices as string[]).includes(preferred)) {
    const answered = await choose(registry, ctx, auth, client, user, preferred as Choice, params, assurance);
    if (answered) {
      return answered;
    }
  }
  // No preference, one this user cannot use (WEB_AUTHN is not modelled), or one lacking its parameter.
  const session = newSession(ctx, { clientId: client.ClientId, userPoolId: client.UserPoolId, username: user.Username, challenge: 'SELECT_CHALLENGE', expiresAt: ctx.clock.now() + SESSION_MS, assurance });
  return { ChallengeName: 'SELECT_CHALLENGE', ChallengeParameters: { USERNAME: user.Username }, AvailableChallenges: choices, Session: session };
}

async function select(registry: Registry, ctx: LayerContext, answer: ChallengeRequest): Promise<Body> {
  const { client, session, responses } = answer;
  requireParams(responses, ['ANSWER']);
  const user = await signInUser(ctx, client, session.username);
  const choice = responses.ANSWER;
  if (!(available(user) as string[]).includes(choice)) {
    throw invalidParameter(`ANSWER ${choice} is not one of this user's AvailableChallenges (${available(user).join(', ')}).`);
  }
  const flow: AuthFlowRequest = { flow: 'USER_AUTH', admin: false, body: answer.body, client, params: { ...responses, USERNAME: user.Username }, request: answer.request };
  const answered = await choose(registry, ctx, flow, client, user, choice as Choice, responses, answer.session.assurance ?? { amr: [] });
  if (!answered) {
    throw invalidParameter(choice === 'PASSWORD' ? 'Missing required parameter PASSWORD' : 'Missing required parameter SRP_A');
  }
  return answered;
}

/** Runs the chosen first factor; undefined when its parameter (PASSWORD, SRP_A) is missing. */
async function choose(registry: Registry, ctx: LayerContext, auth: AuthFlowRequest, client: UpstreamClient, user: UpstreamUser, choice: Choice, params: Record<string, string>, assurance: Assurance): Promise<Body | undefined> {
  switch (choice) {
    case 'PASSWORD': {
      if (!params.PASSWORD) return undefined;
      if (!safeEqual(user.Password, params.PASSWORD)) {
        throw notAuthorized('Incorrect username or password.');
      }
      return passwordProven(ctx, client, user, auth.body, auth.request, assurance);
    }
    case 'PASSWORD_SRP': {
      if (!params.SRP_A) return undefined;
      // The SRP family's own start (USER_SRP_AUTH), without its ExplicitAuthFlows check: USER_AUTH allowed it.
      const srp = registry.findFlow('USER_SRP_AUTH');
      if (!srp) throw new CognitoError('InternalErrorException', 'SRP is not registered', 500);
      const permissive: UpstreamClient = { ...client, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] };
      return srp({ ...auth, flow: 'USER_SRP_AUTH', client: permissive, params: { ...params, USERNAME: user.Username, SECRET_HASH: params.SECRET_HASH ?? '', TARGET_ACR_VALUES: (assurance.targets ?? []).join(' ') } });
    }
    case 'EMAIL_OTP':
    case 'SMS_OTP': {
      // SMS_OTP_CODE answers SMS_OTP as EMAIL_OTP_CODE answers EMAIL_OTP (API_RespondToAuthChallenge.html).
      const sms = choice === 'SMS_OTP';
      const code = deliver(ctx, client.UserPoolId, user, 'sign-in', user.Username, undefined, sms ? 'SMS' : 'EMAIL');
      const session = newSession(ctx, {
        clientId: client.ClientId,
        userPoolId: client.UserPoolId,
        username: user.Username,
        challenge: choice,
        expiresAt: ctx.clock.now() + SESSION_MS,
        otpHash: hash(code),
        assurance,
      });
      return {
        ChallengeName: choice,
        ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: sms ? 'SMS' : 'EMAIL', CODE_DELIVERY_DESTINATION: sms ? maskPhone(phoneOf(user) ?? '') : maskEmail(emailOf(user) ?? ''), USERNAME: user.Username },
        Session: session,
      };
    }
  }
}

async function oneTimeCode(ctx: LayerContext, { client, session, responses, request }: ChallengeRequest, parameter: 'EMAIL_OTP_CODE' | 'SMS_OTP_CODE'): Promise<Body> {
  requireParams(responses, [parameter]);
  if (!session.otpHash || !safeEqual(hash(responses[parameter]), session.otpHash)) {
    throw new CognitoError('CodeMismatchException', 'Invalid code or auth state for the user.');
  }
  const user = await signInUser(ctx, client, session.username);
  // The code proved the user: tokens now, unless something is left to prove (then cognito-local's admin
  // flow with the stored password decides, as it always did).
  if (readyForTokens(ctx, client, user)) {
    return signedIn(ctx, userTokenClaims(ctx, client, user), client, user.Username, request, withMethod(session.assurance, 'otp'));
  }
  const result = await ctx.upstream
    .call('AdminInitiateAuth', { UserPoolId: client.UserPoolId, ClientId: client.ClientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: user.Username, PASSWORD: user.Password } })
    .catch(mapSignInError);
  return afterAuth(ctx, result, client, user.Username, request, withMethod(session.assurance, 'otp'));
}

async function signInUser(ctx: LayerContext, client: UpstreamClient, username: string): Promise<UpstreamUser> {
  const user = await ctx.upstream.user(client.UserPoolId, username);
  if (!user) {
    throw notAuthorized('Incorrect username or password.');
  }
  if (user.Enabled === false) {
    throw notAuthorized('User is disabled.');
  }
  return user;
}

function hash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** `d***@e***`, as Cognito shows the destination of a code. */
function maskEmail(email: string): string {
  const [local, domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***`;
}
