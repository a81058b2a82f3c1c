/**
 * Codes the pool "sends" by email or SMS (sign-up confirmation, forgot-password, USER_AUTH one-time codes): cognito-local prints them inside a
 * log box the layer never sees, so the layer delivers them itself. Each code is printed on the pool's
 * output (`code for alice (sign-up): 123456`), kept for GET /_local/codes, and can be chosen in advance
 * with POST /_local/codes or the seed's `codes`, so end-to-end tests can finish these flows. The code a
 * user types is checked here and swapped for cognito-local's own before it confirms.
 */
import { randomInt } from 'node:crypto';
import { checkAccessToken } from '../accessTokens';
import { safeEqual, type LayerContext } from '../context';
import { CognitoError, invalidParameter } from '../errors';
import { parseJsonObject, str } from '../json';
import type { Body, Registry } from '../registry';
import type { CodeRecord } from '../state';
import type { UpstreamClient, UpstreamUser } from '../upstream';

type Purpose = 'sign-up' | 'forgot-password' | 'verify-attribute' | 'sign-in';
/** Codes kept per user for GET /_local/codes (newest last). */
const HISTORY = 10;
const CODE_PATTERN = /^[0-9A-Za-z-]{1,64}$/;

export function registerCodes(registry: Registry, ctx: LayerContext): void {
  registry.operation('SignUp', async (body) => {
    const client = await clientFor(ctx, body);
    const result = await ctx.upstream.call<Body & { UserConfirmed?: boolean }>('SignUp', withoutSecretHash(body));
    const user = await ctx.upstream.user(client.UserPoolId, str(body.Username));
    if (user && !result.UserConfirmed) {
      deliver(ctx, client.UserPoolId, user, 'sign-up', str(body.Username), user.ConfirmationCode);
    }
    return result;
  });
  registry.operation('ResendConfirmationCode', async (body) => {
    // cognito-local has no ResendConfirmationCode: a new code from the layer, checked by the layer.
    const client = await clientFor(ctx, body);
    const user = await ctx.upstream.user(client.UserPoolId, str(body.Username));
    if (!user) {
      throw new CognitoError('UserNotFoundException', 'Username/client id combination not found.');
    }
    if (user.UserStatus !== 'UNCONFIRMED') {
      throw invalidParameter('User is already confirmed.');
    }
    deliver(ctx, client.UserPoolId, user, 'sign-up', str(body.Username), user.ConfirmationCode);
    return { CodeDeliveryDetails: deliveryDetails(user) };
  });
  registry.operation('ForgotPassword', async (body) => {
    const client = await clientFor(ctx, body);
    const result = await ctx.upstream.call('ForgotPassword', withoutSecretHash(body));
    const user = await ctx.upstream.user(client.UserPoolId, str(body.Username));
    if (user) {
      deliver(ctx, client.UserPoolId, user, 'forgot-password', str(body.Username), user.ConfirmationCode);
    }
    return result;
  });
  registry.operation('ConfirmSignUp', (body) => confirm(ctx, 'ConfirmSignUp', 'sign-up', body));
  registry.operation('ConfirmForgotPassword', (body) => confirm(ctx, 'ConfirmForgotPassword', 'forgot-password', body));
  registry.operation('GetUserAttributeVerificationCode', async (body) => {
    const { poolId, username } = await checkAccessToken(ctx, body.AccessToken);
    const result = await ctx.upstream.call('GetUserAttributeVerificationCode', body);
    const user = await ctx.upstream.user(poolId, username);
    if (user) {
      deliver(ctx, poolId, user, 'verify-attribute', username, user.AttributeVerificationCode);
    }
    return result;
  });
  registry.operation('VerifyUserAttribute', async (body) => {
    const { poolId, username } = await checkAccessToken(ctx, body.AccessToken);
    const user = await ctx.upstream.user(poolId, username);
    const code = user ? checkDelivered(ctx, poolId, user, 'verify-attribute', body.Code) : undefined;
    return ctx.upstream.call('VerifyUserAttribute', code === undefined ? body : { ...body, Code: user?.AttributeVerificationCode ?? '' });
  });

  registry.path('GET', '/_local/codes', async (request) => {
    const userPoolId = request.url.searchParams.get('userPoolId') ?? '';
    const username = request.url.searchParams.get('username') ?? '';
    if (!userPoolId || !username) {
      throw invalidParameter('GET /_local/codes needs ?userPoolId=…&username=…');
    }
    const user = await ctx.upstream.user(userPoolId, username);
    const codes = (ctx.state.data.codes[`${userPoolId}/${user?.Username ?? username}`] ?? []).map(({ purpose, code, sentAt, medium }) => ({ purpose, code, sentAt: new Date(sentAt).toISOString(), medium: medium ?? 'EMAIL' }));
    return { status: 200, body: { userPoolId, username: user?.Username ?? username, latest: codes.at(-1)?.code ?? null, codes } };
  });
  registry.path('POST', '/_local/codes', (request) => {
    const body = parseJsonObject(request.body);
    const [userPoolId, username, code] = [str(body.userPoolId), str(body.username), str(body.code)];
    if (!userPoolId || !username || !CODE_PATTERN.test(code)) {
      throw invalidParameter('POST /_local/codes needs {"userPoolId", "username", "code"}, the code 1–64 letters or digits.');
    }
    setNextCode(ctx, userPoolId, username, code);
    return { status: 200, body: { userPoolId, username, next: code } };
  });
}

/** The code the next message to this user carries (also the seed's `codes`). The user need not exist yet. */
export function setNextCode(ctx: LayerContext, userPoolId: string, username: string, code: string): void {
  ctx.state.put('nextCodes', `${userPoolId}/${username}`, code);
}

async function clientFor(ctx: LayerContext, body: Body): Promise<UpstreamClient> {
  const client = await ctx.client(body.ClientId);
  ctx.checkSecretHash(client, str(body.Username), body.SecretHash);
  return client;
}

function withoutSecretHash(body: Body): Body {
  const forwarded = { ...body };
  delete forwarded.SecretHash;
  return forwarded;
}

/** Sends a code (also USER_AUTH's EMAIL_OTP, purpose `sign-in`): printed, kept, the one set in advance if any. */
export function deliver(ctx: LayerContext, userPoolId: string, user: UpstreamUser, purpose: Purpose, typed: string, upstreamCode?: string, medium: 'EMAIL' | 'SMS' = mediumFor(user)): string {
  const keys = [`${userPoolId}/${user.Username}`, `${userPoolId}/${typed}`];
  const chosen = keys.map((key) => ctx.state.data.nextCodes[key]).find((code) => code !== undefined);
  for (const key of keys) ctx.state.remove('nextCodes', key);
  const code = chosen ?? upstreamCode ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
  const record: CodeRecord = { purpose, code, sentAt: ctx.clock.now(), medium };
  const key = keys[0];
  ctx.state.put('codes', key, [...(ctx.state.data.codes[key] ?? []), record].slice(-HISTORY));
  // The same line whatever the medium (tests and scripts read it); SMS says so after the code.
  ctx.output(`code for ${user.Username} (${purpose}): ${code}${medium === 'SMS' ? ' (SMS)' : ''}`);
  return code;
}

/** The user's code checked against the one the layer delivered, then cognito-local's own code sent on. */
async function confirm(ctx: LayerContext, operation: string, purpose: Purpose, body: Body): Promise<Body> {
  const client = await clientFor(ctx, body);
  const user = await ctx.upstream.user(client.UserPoolId, str(body.Username));
  const delivered = user ? checkDelivered(ctx, client.UserPoolId, user, purpose, body.ConfirmationCode) : undefined;
  return ctx.upstream.call(operation, delivered === undefined ? withoutSecretHash(body) : { ...withoutSecretHash(body), ConfirmationCode: user?.ConfirmationCode ?? '' });
}

/** The code the layer last delivered for this purpose, if any, after checking `given` against it. */
function checkDelivered(ctx: LayerContext, userPoolId: string, user: UpstreamUser, purpose: Purpose, given: unknown): string | undefined {
  const delivered = (ctx.state.data.codes[`${userPoolId}/${user.Username}`] ?? []).filter((record) => record.purpose === purpose).at(-1);
  if (delivered && !safeEqual(delivered.code, str(given))) {
    throw new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
  }
  return delivered?.code;
}

function deliveryDetails(user: UpstreamUser): Body {
  const email = user.Attributes?.find((a) => a.Name === 'email')?.Value;
  const masked = email ? `${email[0]}***@${email.split('@')[1] ?? ''}` : undefined;
  if (masked) return { Destination: masked, DeliveryMedium: 'EMAIL', AttributeName: 'email' };
  const phone = phoneOf(user);
  return phone ? { Destination: maskPhone(phone), DeliveryMedium: 'SMS', AttributeName: 'phone_number' } : {};
}

export function phoneOf(user: UpstreamUser): string | undefined {
  return user.Attributes?.find((a) => a.Name === 'phone_number')?.Value;
}

/** `+*******1234`, as Cognito shows an SMS destination. */
export function maskPhone(phone: string): string {
  return `+${'*'.repeat(Math.max(0, phone.length - 5))}${phone.slice(-4)}`;
}

/**
 * Cognito sends a user's codes by email when the user has an email address and by SMS to phone_number
 * otherwise (CodeDeliveryDetailsType.DeliveryMedium EMAIL | SMS,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CodeDeliveryDetailsType.html).
 * Either way the local pool prints the code and keeps it for GET /_local/codes.
 */
function mediumFor(user: UpstreamUser): 'EMAIL' | 'SMS' {
  return !user.Attributes?.some((a) => a.Name === 'email') && phoneOf(user) ? 'SMS' : 'EMAIL';
}
