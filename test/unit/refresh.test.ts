import * as assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/shared/clock';
import { secretHash } from '../../src/core/protocol/srp';
import { fingerprint } from '../../src/core/shared/fingerprint';
import { chooseRefreshMethod, isUnsupportedOperation, refreshSession, type RefreshApi } from '../../src/core/sessions/refreshFlow';
import { appendRecord, HISTORY_LIMIT, rotationRecord } from '../../src/core/sessions/rotationHistory';
import type { StoredSession } from '../../src/core/sessions/storedSession';
import { testSession } from '../fixtures/sessions';
import { accessTokenClaims, fakeRefreshToken, idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';

const now = 1_800_000_000;
const fp = (token: string | undefined): string => (token === undefined ? '(none)' : fingerprint(token));
const clock = new ManualClock(now * 1000);

function session(): StoredSession {
  return testSession({ refreshValidityMs: 30 * 86_400_000, sessionEndsAt: now * 1000 + 30 * 86_400_000 });
}

function fakeApi(overrides: Partial<RefreshApi>): RefreshApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    getTokensFromRefreshToken: () => {
      calls.push('GetTokensFromRefreshToken');
      return Promise.resolve({ AuthenticationResult: { IdToken: unsignedJwt(idTokenClaims(now + 60, { 'cognito:groups': ['admins'] })), AccessToken: unsignedJwt(accessTokenClaims(now + 60)), RefreshToken: fakeRefreshToken() } });
    },
    initiateAuth: (input) => {
      calls.push(`InitiateAuth ${input.AuthFlow} ${JSON.stringify(input.AuthParameters.SECRET_HASH ?? null)}`);
      return Promise.resolve({ AuthenticationResult: { IdToken: unsignedJwt(idTokenClaims(now + 60)), AccessToken: unsignedJwt(accessTokenClaims(now + 60)) } });
    },
    ...overrides,
  };
}

describe('refreshSession', () => {
  it('rotation: replaces the refresh token and keeps the session end', async () => {
    const before = session();
    const api = fakeApi({});
    const result = await refreshSession(api, before, { clientId: 'c', method: 'auto', clock });
    assert.equal(result.method, 'rotation');
    assert.notEqual(fp(result.session.tokens.refresh), fp(before.tokens.refresh));
    assert.equal(result.session.sessionEndsAt, before.sessionEndsAt);
    assert.deepEqual(api.calls, ['GetTokensFromRefreshToken']);
  });

  it('classic: keeps the refresh token, and signs SECRET_HASH with the real username', async () => {
    const before = session();
    const api = fakeApi({});
    const result = await refreshSession(api, before, { clientId: 'c', clientSecret: 's', method: 'classic', clock });
    assert.equal(result.method, 'classic');
    assert.equal(fp(result.session.tokens.refresh), fp(before.tokens.refresh));
    assert.deepEqual(api.calls, [`InitiateAuth REFRESH_TOKEN_AUTH ${JSON.stringify(secretHash('s', 'taro', 'c'))}`]);
  });

  it('auto falls back to REFRESH_TOKEN_AUTH only when the endpoint lacks GetTokensFromRefreshToken', async () => {
    const unsupported = fakeApi({ getTokensFromRefreshToken: () => Promise.reject(Object.assign(new Error('Unsupported x-amz-target header'), { name: 'UnknownOperationException' })) });
    const result = await refreshSession(unsupported, session(), { clientId: 'c', method: 'auto', clock });
    assert.equal(result.fellBack, true);
    assert.equal(result.method, 'classic');
    const revoked = fakeApi({ getTokensFromRefreshToken: () => Promise.reject(Object.assign(new Error('Refresh Token has been revoked'), { name: 'NotAuthorizedException' })) });
    await assert.rejects(refreshSession(revoked, session(), { clientId: 'c', method: 'auto', clock }), /revoked/);
    await assert.rejects(refreshSession(unsupported, session(), { clientId: 'c', method: 'rotation', clock }), /Unsupported/);
  });

  it('only a missing operation switches auto to classic, not any error that says "unsupported"', () => {
    assert.ok(isUnsupportedOperation({ name: 'UnknownOperationException', message: '' }));
    // cognito-local's answer to an X-Amz-Target it does not implement.
    assert.ok(isUnsupportedOperation({ name: 'Unsupported', message: 'Unsupported x-amz-target header "AWSCognitoIdentityProviderService.GetTokensFromRefreshToken"' }));
    assert.ok(!isUnsupportedOperation({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' }));
    assert.ok(!isUnsupportedOperation({ name: 'UnsupportedTokenTypeException', message: 'Unsupported token type' }));
    assert.ok(!isUnsupportedOperation({ name: 'InvalidParameterException', message: 'Refresh token rotation is unsupported for this client' }));
    assert.ok(!isUnsupportedOperation(new Error('unsupported proxy protocol')));
  });

  it('an error that merely says "unsupported" fails the refresh instead of switching methods', async () => {
    const api = fakeApi({ getTokensFromRefreshToken: () => Promise.reject(Object.assign(new Error('Unsupported token type'), { name: 'UnsupportedTokenTypeException' })) });
    await assert.rejects(refreshSession(api, session(), { clientId: 'c', method: 'auto', clock }), /Unsupported token type/);
    assert.deepEqual(api.calls, []);
  });

  it('the refresh method: the profile\'s choice, or classic once auto found rotation missing at this endpoint', () => {
    assert.equal(chooseRefreshMethod(undefined, false), 'auto');
    assert.equal(chooseRefreshMethod('auto', true), 'classic');
    assert.equal(chooseRefreshMethod('rotation', true), 'rotation', 'an explicit choice is never overridden');
    assert.equal(chooseRefreshMethod('classic', false), 'classic');
  });

  it('a response with a RefreshToken but no IdToken keeps the rotated token and the old ID token', async () => {
    const before = session();
    const rotated = fakeRefreshToken();
    const api = fakeApi({ getTokensFromRefreshToken: () => Promise.resolve({ AuthenticationResult: { AccessToken: unsignedJwt(accessTokenClaims(now + 60)), RefreshToken: rotated } }) });
    const result = await refreshSession(api, before, { clientId: 'c', method: 'rotation', clock });
    assert.equal(fp(result.session.tokens.refresh), fp(rotated));
    assert.equal(fp(result.session.tokens.id), fp(before.tokens.id));
    assert.notEqual(fp(result.session.tokens.access), fp(before.tokens.access));
  });

  it('a response with only a RefreshToken still keeps it', async () => {
    const before = session();
    const rotated = fakeRefreshToken();
    const api = fakeApi({ getTokensFromRefreshToken: () => Promise.resolve({ AuthenticationResult: { RefreshToken: rotated } }) });
    const result = await refreshSession(api, before, { clientId: 'c', method: 'rotation', clock });
    assert.equal(fp(result.session.tokens.refresh), fp(rotated));
  });
});

describe('rotation records', () => {
  it('record fingerprints, jti changes, changed claims and the grace deadline; never tokens', async () => {
    const before = session();
    const { session: after } = await refreshSession(fakeApi({}), before, { clientId: 'c', method: 'rotation', clock });
    const record = rotationRecord({ before, after, method: 'rotation', at: now * 1000, graceSeconds: 10 });
    assert.equal(record.rotated, true);
    assert.equal(record.graceUntil, now * 1000 + 10_000);
    assert.match(record.refresh.old ?? '', /^[0-9a-f]{12}$/);
    assert.notEqual(record.refresh.old, record.refresh.new);
    assert.equal(record.access.after.iat, now + 60 - 60);
    assert.deepEqual(record.changedClaims.map((c) => `${c.token}:${c.name}`), ['id:cognito:groups']);
    assert.equal(record.sessionEndsAt, before.sessionEndsAt);
    const text = JSON.stringify(record);
    for (const token of [...Object.values(before.tokens), ...Object.values(after.tokens)]) {
      assert.ok(!text.includes(String(token).split('.')[1]), 'no token part in a record');
    }
  });

  it('keeps the newest records only', () => {
    let history: ReturnType<typeof appendRecord> = [];
    const record = { at: 0 } as Parameters<typeof appendRecord>[1];
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) history = appendRecord(history, { ...record, at: i });
    assert.equal(history.length, HISTORY_LIMIT);
    assert.equal(history[0].at, 5);
  });
});
