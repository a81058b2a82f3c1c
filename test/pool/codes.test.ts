import {
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  VerifyUserAttributeCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { rejectsWith, sdk, signIn, type Fixture } from './poolHelpers';

describe('local user pool: sign-up and forgot-password codes', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let app: Fixture;
  const printed: string[] = [];

  /** The code printed for this user and purpose, newest first. */
  const printedCode = (username: string, purpose: string): string | undefined =>
    printed
      .map((line) => new RegExp(`^code for ${username} \\(${purpose}\\): (\\S+)$`).exec(line)?.[1])
      .filter((code): code is string => code !== undefined)
      .at(-1);
  const codes = async (username: string): Promise<{ latest: string | null; codes: Array<{ purpose: string; code: string }> }> => {
    const response = await fetch(`${pool.endpoint}/_local/codes?userPoolId=${app.poolId}&username=${username}`);
    assert.equal(response.status, 200);
    return (await response.json()) as { latest: string | null; codes: Array<{ purpose: string; code: string }> };
  };
  const signUp = (username: string) =>
    client.send(new SignUpCommand({ ClientId: app.clientId, Username: username, Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
  const confirmSignUp = (username: string, code: string) => client.send(new ConfirmSignUpCommand({ ClientId: app.clientId, Username: username, ConfirmationCode: code }));

  before(async () => {
    pool = await startPool({
      output: (line) => printed.push(line),
      seed: { userPools: [{ name: 'codes', clients: [{ key: 'web', ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }], codes: { carol: '246810' } }] },
    });
    client = sdk(pool.endpoint);
    const seeded = pool.seeded?.userPools[0];
    app = { poolId: seeded?.id ?? '', clientId: seeded?.clients.web.clientId ?? '' };
  });
  after(() => pool.stop());

  it('prints the sign-up code, serves it at /_local/codes, and ConfirmSignUp takes it', async () => {
    await signUp('dave');
    const code = printedCode('dave', 'sign-up');
    assert.match(code ?? '', /^\d{6}$/, `printed: ${printed.join(' | ')}`);
    const served = await codes('dave');
    assert.equal(served.latest, code);
    assert.deepEqual(served.codes.map((c) => c.purpose), ['sign-up']);
    await rejectsWith(confirmSignUp('dave', code === '000000' ? '111111' : '000000'), 'CodeMismatchException');
    await confirmSignUp('dave', code ?? '');
    assert.ok(await signIn(client, app, 'dave'));
  });

  it('uses a code set in advance (POST /_local/codes, or the seed) for the next message', async () => {
    const set = await fetch(`${pool.endpoint}/_local/codes`, { method: 'POST', body: JSON.stringify({ userPoolId: app.poolId, username: 'erin', code: '135790' }) });
    assert.equal(set.status, 200);
    await signUp('erin');
    assert.equal(printedCode('erin', 'sign-up'), '135790');
    await confirmSignUp('erin', '135790');
    await signUp('carol');
    assert.equal(printedCode('carol', 'sign-up'), '246810');
    await confirmSignUp('carol', '246810');
    assert.ok(await signIn(client, app, 'carol'));
    const bad = await fetch(`${pool.endpoint}/_local/codes`, { method: 'POST', body: JSON.stringify({ userPoolId: app.poolId, username: 'x', code: '' }) });
    assert.equal(bad.status, 400);
  });

  it('ResendConfirmationCode sends a new code that replaces the old one', async () => {
    await signUp('frank');
    const first = printedCode('frank', 'sign-up') ?? '';
    await fetch(`${pool.endpoint}/_local/codes`, { method: 'POST', body: JSON.stringify({ userPoolId: app.poolId, username: 'frank', code: first === '424242' ? '434343' : '424242' }) });
    const resent = await client.send(new ResendConfirmationCodeCommand({ ClientId: app.clientId, Username: 'frank' }));
    assert.equal(resent.CodeDeliveryDetails?.DeliveryMedium, 'EMAIL');
    const second = printedCode('frank', 'sign-up') ?? '';
    assert.notEqual(second, first);
    await rejectsWith(confirmSignUp('frank', first), 'CodeMismatchException');
    await confirmSignUp('frank', second);
    await rejectsWith(client.send(new ResendConfirmationCodeCommand({ ClientId: app.clientId, Username: 'frank' })), 'InvalidParameterException', /already confirmed/);
  });

  it('prints the forgot-password code, and ConfirmForgotPassword takes it', async () => {
    await signUp('gina');
    await confirmSignUp('gina', printedCode('gina', 'sign-up') ?? '');
    await client.send(new ForgotPasswordCommand({ ClientId: app.clientId, Username: 'gina' }));
    const code = printedCode('gina', 'forgot-password') ?? '';
    assert.match(code, /^\d{6}$/);
    assert.equal((await codes('gina')).latest, code);
    await rejectsWith(client.send(new ConfirmForgotPasswordCommand({ ClientId: app.clientId, Username: 'gina', ConfirmationCode: code === '000000' ? '111111' : '000000', Password: 'Other-Passw0rd!' })), 'CodeMismatchException');
    await client.send(new ConfirmForgotPasswordCommand({ ClientId: app.clientId, Username: 'gina', ConfirmationCode: code, Password: 'Other-Passw0rd!' }));
    assert.ok(await signIn(client, app, 'gina', 'Other-Passw0rd!'));
  });

  it('prints the attribute verification code, and VerifyUserAttribute takes it', async () => {
    // cognito-local sends attribute codes only for auto-verified attributes.
    await client.send(new UpdateUserPoolCommand({ UserPoolId: app.poolId, AutoVerifiedAttributes: ['email'] }));
    await signUp('hana');
    await confirmSignUp('hana', printedCode('hana', 'sign-up') ?? '');
    const tokens = await signIn(client, app, 'hana');
    await client.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: tokens.AccessToken, AttributeName: 'email' }));
    const code = printedCode('hana', 'verify-attribute') ?? '';
    assert.match(code, /^\d{6}$/);
    await rejectsWith(client.send(new VerifyUserAttributeCommand({ AccessToken: tokens.AccessToken, AttributeName: 'email', Code: code === '000000' ? '111111' : '000000' })), 'CodeMismatchException');
    await client.send(new VerifyUserAttributeCommand({ AccessToken: tokens.AccessToken, AttributeName: 'email', Code: code }));
    const user = await client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    assert.equal(user.UserAttributes?.find((a) => a.Name === 'email_verified')?.Value, 'true');
  });
});
