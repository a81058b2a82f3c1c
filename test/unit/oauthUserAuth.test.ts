import * as assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/shared/clock';
import { formatMessage } from '../../src/core/shared/l10n';
import { secretHash } from '../../src/core/protocol/srp';
import { availableFactors, describeFactor, explainWebAuthn, signInUserAuth, type UserAuthApi, type UserAuthAsker, type UserAuthInput, type UserAuthResponse } from '../../src/core/sessions/userAuthFlow';

const clock = new ManualClock(1_800_000_000_000);
const TOKENS: UserAuthResponse = { AuthenticationResult: { IdToken: 'id', AccessToken: 'access', RefreshToken: 'refresh' } };

/** A scripted pool: each call returns the next answer and is recorded (parameters by name, values hidden). */
function pool(answers: UserAuthResponse[]): UserAuthApi & { calls: Array<{ op: string; name: string; params: Record<string, string> }> } {
  const calls: Array<{ op: string; name: string; params: Record<string, string> }> = [];
  const next = (): Promise<UserAuthResponse> => Promise.resolve(answers.shift() ?? {});
  return {
    calls,
    initiateAuth: (input) => {
      calls.push({ op: 'InitiateAuth', name: input.AuthFlow, params: input.AuthParameters });
      return next();
    },
    respondToAuthChallenge: (input) => {
      calls.push({ op: 'Respond', name: input.ChallengeName, params: input.ChallengeResponses });
      return next();
    },
  };
}

/** An asker that records what it was asked and fails the test if asked for something it should not be. */
function asker(replies: Partial<{ factor: string; password: string; code: string }>): UserAuthAsker & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    chooseFactor: (available) => {
      asked.push(`factor:${available.join(',')}`);
      return Promise.resolve(replies.factor as never);
    },
    password: () => {
      asked.push('password');
      return Promise.resolve(replies.password);
    },
    code: (kind, destination) => {
      asked.push(`code:${kind}:${destination ?? ''}`);
      return Promise.resolve(replies.code);
    },
    newPassword: () => {
      asked.push('newPassword');
      return Promise.resolve(undefined);
    },
  };
}

const base: UserAuthInput = { userPoolId: 'local_pool1', clientId: 'client1', username: 'hanako', clock };

describe('USER_AUTH (choice-based sign-in)', () => {
  it('without a preference, offers the pool\'s AvailableChallenges and answers EMAIL_OTP with EMAIL_OTP_CODE', async () => {
    const api = pool([
      { ChallengeName: 'SELECT_CHALLENGE', Session: 's1', AvailableChallenges: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'] },
      { ChallengeName: 'EMAIL_OTP', Session: 's2', ChallengeParameters: { CODE_DELIVERY_DESTINATION: 'h***@example.com' } },
      TOKENS,
    ]);
    const ask = asker({ factor: 'EMAIL_OTP', code: '123456' });
    const outcome = await signInUserAuth(api, base, ask);
    assert.equal(outcome.kind, 'tokens');
    assert.deepEqual(ask.asked, ['factor:PASSWORD,EMAIL_OTP,WEB_AUTHN', 'code:EMAIL_OTP:h***@example.com']);
    assert.deepEqual(api.calls.map((c) => `${c.op} ${c.name}`), ['InitiateAuth USER_AUTH', 'Respond SELECT_CHALLENGE', 'Respond EMAIL_OTP']);
    assert.deepEqual(api.calls[0].params, { USERNAME: 'hanako' });
    assert.deepEqual(api.calls[1].params, { USERNAME: 'hanako', ANSWER: 'EMAIL_OTP' });
    assert.deepEqual(api.calls[2].params, { USERNAME: 'hanako', EMAIL_OTP_CODE: '123456' });
  });

  it('a preferred PASSWORD goes in InitiateAuth with PREFERRED_CHALLENGE; scripted password is never asked', async () => {
    const api = pool([TOKENS]);
    const ask = asker({});
    const outcome = await signInUserAuth(api, { ...base, preferred: 'PASSWORD', password: 'pw', clientSecret: 'sec' }, ask);
    assert.equal(outcome.kind === 'tokens' && outcome.factor, 'PASSWORD');
    assert.deepEqual(ask.asked, []);
    assert.deepEqual(api.calls[0].params, { USERNAME: 'hanako', SECRET_HASH: secretHash('sec', 'hanako', 'client1'), PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'pw' });
  });

  it('a scripted factor and code answer SELECT_CHALLENGE and the code without asking', async () => {
    const api = pool([{ ChallengeName: 'SELECT_CHALLENGE', Session: 's', AvailableChallenges: ['EMAIL_OTP', 'PASSWORD'] }, { ChallengeName: 'EMAIL_OTP', Session: 's' }, TOKENS]);
    const ask = asker({});
    const outcome = await signInUserAuth(api, { ...base, scriptedFactor: 'EMAIL_OTP', code: '654321' }, ask);
    assert.equal(outcome.kind, 'tokens');
    assert.deepEqual(ask.asked, []);
  });

  it('a scripted factor the pool does not offer fails with what it does offer', async () => {
    const api = pool([{ ChallengeName: 'SELECT_CHALLENGE', Session: 's', AvailableChallenges: ['PASSWORD'] }]);
    const outcome = await signInUserAuth(api, { ...base, scriptedFactor: 'SMS_OTP' }, asker({}));
    assert.deepEqual(outcome, { kind: 'factorUnavailable', factor: 'SMS_OTP', available: ['PASSWORD'] });
  });

  it('PASSWORD chosen at SELECT_CHALLENGE asks the password once and sends it with ANSWER', async () => {
    const api = pool([{ ChallengeName: 'SELECT_CHALLENGE', Session: 's', AvailableChallenges: ['PASSWORD'] }, TOKENS]);
    const ask = asker({ factor: 'PASSWORD', password: 'pw' });
    await signInUserAuth(api, base, ask);
    assert.deepEqual(ask.asked, ['factor:PASSWORD', 'password']);
    assert.deepEqual(api.calls[1].params, { USERNAME: 'hanako', ANSWER: 'PASSWORD', PASSWORD: 'pw' });
  });

  it('PASSWORD_SRP starts SRP with SRP_A and answers PASSWORD_VERIFIER', async () => {
    const api = pool([
      { ChallengeName: 'PASSWORD_VERIFIER', Session: 's', ChallengeParameters: { USER_ID_FOR_SRP: 'hanako', SALT: 'abcdef', SRP_B: 'f'.repeat(768), SECRET_BLOCK: 'c2VjcmV0' } },
      TOKENS,
    ]);
    const outcome = await signInUserAuth(api, { ...base, preferred: 'PASSWORD_SRP', password: 'pw' }, asker({}));
    assert.equal(outcome.kind, 'tokens');
    assert.match(api.calls[0].params.SRP_A, /^[0-9a-f]+$/);
    assert.equal(api.calls[0].params.PREFERRED_CHALLENGE, 'PASSWORD_SRP');
    assert.deepEqual(Object.keys(api.calls[1].params).sort(), ['PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP', 'USERNAME']);
  });

  it('SMS_OTP is answered with SMS_OTP_CODE', async () => {
    const api = pool([{ ChallengeName: 'SMS_OTP', Session: 's' }, TOKENS]);
    await signInUserAuth(api, { ...base, preferred: 'SMS_OTP' }, asker({ code: '111111' }));
    assert.deepEqual(api.calls[1].params, { USERNAME: 'hanako', SMS_OTP_CODE: '111111' });
  });

  it('WEB_AUTHN, preferred or chosen, sends nothing further and is explained', async () => {
    const preferred = pool([]);
    assert.deepEqual(await signInUserAuth(preferred, { ...base, preferred: 'WEB_AUTHN' }, asker({})), { kind: 'webAuthn' });
    assert.equal(preferred.calls.length, 0);
    const chosen = pool([{ ChallengeName: 'SELECT_CHALLENGE', Session: 's', AvailableChallenges: ['WEB_AUTHN', 'EMAIL_OTP'] }]);
    assert.deepEqual(await signInUserAuth(chosen, base, asker({ factor: 'WEB_AUTHN' })), { kind: 'webAuthn' });
    assert.equal(chosen.calls.length, 1);
    assert.match(explainWebAuthn(formatMessage), /MANAGED_LOGIN/);
    assert.match(describeFactor('WEB_AUTHN', formatMessage).detail, /MANAGED_LOGIN/);
  });

  it('cancelling the pick or the code stops without another request', async () => {
    const api = pool([{ ChallengeName: 'SELECT_CHALLENGE', Session: 's', AvailableChallenges: ['EMAIL_OTP'] }]);
    assert.deepEqual(await signInUserAuth(api, base, asker({})), { kind: 'cancelled' });
    assert.equal(api.calls.length, 1);
    const code = pool([{ ChallengeName: 'EMAIL_OTP', Session: 's' }]);
    assert.deepEqual(await signInUserAuth(code, { ...base, preferred: 'EMAIL_OTP' }, asker({})), { kind: 'cancelled' });
    assert.equal(code.calls.length, 1);
  });

  it('reads AvailableChallenges from ChallengeParameters too, dropping unknown names', () => {
    assert.deepEqual(availableFactors({ ChallengeParameters: { AvailableChallenges: '["EMAIL_OTP","FACE_SCAN","PASSWORD"]' } }), ['EMAIL_OTP', 'PASSWORD']);
  });
});
