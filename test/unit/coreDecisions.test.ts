import * as assert from 'node:assert/strict';
import { AutoRefreshScheduler, autoRefreshCandidate, type AutoRefreshAttempt } from '../../src/core/sessions/autoRefresh';
import { canRefresh } from '../../src/core/sessions/canRefresh';
import { runGlobalSignOut } from '../../src/core/sessions/globalSignOutPlan';
import { clampMarginSeconds } from '../../src/core/sessions/refreshMargin';
import { RefreshMethodMemory } from '../../src/core/sessions/refreshMethodMemory';
import { sessionTokenState } from '../../src/core/sessions/storedSession';
import { ManualClock } from '../../src/core/shared/clock';
import { keyTrustFor, namedProfilePool, signedInPools, userProfilePools } from '../../src/core/tokens/keyTrust';
import { planUsableToken } from '../../src/core/usage/usableTokenPlan';
import type { Profile } from '../../src/core/sessions/profiles';
import { testSession } from '../fixtures/sessions';
import { accessTokenClaims, CLIENT_ID, POOL_ID, REGION, unsignedJwt } from '../fixtures/tokenFactory';

// The decisions issue 15 moved out of the editor shell into src/core, each tested here in plain Node.
const now = 1_800_000_000;
const nowMs = now * 1000;
const m2m = () => testSession({ authFlow: 'CLIENT_CREDENTIALS', tokens: { access: unsignedJwt(accessTokenClaims(now)) } }, undefined);

describe('core decisions: can refresh and the margin', () => {
  it('a session can refresh with a refresh token, or as machine to machine without one', () => {
    assert.ok(canRefresh(testSession()));
    assert.ok(canRefresh(m2m()));
    assert.ok(!canRefresh(testSession({ tokens: { id: 'i', access: 'a' } })));
  });
  it('the margin is clamped to 10 s – 1 h, 60 s when not a number', () => {
    assert.deepEqual([clampMarginSeconds(1), clampMarginSeconds(120), clampMarginSeconds(99_999), clampMarginSeconds('600'), clampMarginSeconds(Number.NaN), clampMarginSeconds(undefined)], [10, 120, 3600, 60, 60, 60]);
  });
});

describe('core decisions: auto-refresh scheduler', () => {
  const expiringSoon = (profile: string, extra = {}) => testSession({ profile, tokens: { access: unsignedJwt(accessTokenClaims(now, { exp: now + 30 })), refresh: 'r' }, ...extra });
  const setup = (enabled = true) => {
    const calls: string[] = [];
    const answers = new Map<string, AutoRefreshAttempt>();
    const scheduler = new AutoRefreshScheduler({ settings: () => ({ enabled, marginSeconds: 60 }), now: () => nowMs, refresh: (p) => (calls.push(p), Promise.resolve(answers.get(p) ?? 'refreshed')) });
    return { calls, answers, scheduler };
  };
  it('refreshes what is due, and machine-to-machine sessions too (the widget\'s copy left them out)', async () => {
    const { calls, scheduler } = setup();
    const cc = { ...m2m(), profile: 'm2m', tokens: { access: unsignedJwt(accessTokenClaims(now, { exp: now + 30 })) } };
    await scheduler.tick([expiringSoon('a'), testSession({ profile: 'fresh' }), cc]);
    assert.deepEqual(calls, ['a', 'm2m']);
    assert.equal(autoRefreshCandidate(cc).hasRefreshToken, true);
  });
  it('a failure or refusal is remembered until the session changes; a skipped profile is not', async () => {
    const { calls, answers, scheduler } = setup();
    answers.set('a', 'failed').set('b', 'refused').set('c', 'skipped');
    const sessions = [expiringSoon('a'), expiringSoon('b'), expiringSoon('c')];
    await scheduler.tick(sessions);
    await scheduler.tick(sessions);
    assert.deepEqual(calls, ['a', 'b', 'c', 'c']);
    scheduler.sessionChanged('a');
    await scheduler.tick(sessions);
    assert.deepEqual(calls, ['a', 'b', 'c', 'c', 'a', 'c']);
  });
  it('a refresh that throws counts as a failure', async () => {
    let calls = 0;
    const scheduler = new AutoRefreshScheduler({ settings: () => ({ enabled: true, marginSeconds: 60 }), now: () => nowMs, refresh: () => (calls++, Promise.reject(new Error('boom'))) });
    await scheduler.tick([expiringSoon('a')]);
    await scheduler.tick([expiringSoon('a')]);
    assert.equal(calls, 1);
  });
  it('off: nothing is refreshed', async () => {
    const { calls, scheduler } = setup(false);
    await scheduler.tick([expiringSoon('a')]);
    assert.deepEqual(calls, []);
  });
  it('the active profile is the one that changed last while signed in, else the first', () => {
    const { scheduler } = setup();
    assert.equal(scheduler.active(['a', 'b']), 'a');
    scheduler.sessionChanged('b');
    assert.equal(scheduler.active(['a', 'b']), 'b');
    assert.equal(scheduler.active(['a']), 'a');
  });
});

describe('core decisions: the GlobalSignOut plan', () => {
  const expired = Object.assign(new Error('Access Token has expired'), { name: 'NotAuthorizedException' });
  const run = (o: { accessExpired?: boolean; canRefresh?: boolean; refreshed?: string; failures?: Error[] }) => {
    const log: string[] = [];
    const failures = [...(o.failures ?? [])];
    const result = runGlobalSignOut({
      access: 'old',
      accessExpired: o.accessExpired ?? false,
      canRefresh: o.canRefresh ?? true,
      refresh: () => (log.push('refresh'), o.refreshed === undefined ? Promise.reject(new Error('no')) : Promise.resolve(o.refreshed)),
      globalSignOut: (access) => {
        log.push(`global:${access}`);
        const failure = failures.shift();
        return failure === undefined ? Promise.resolve() : Promise.reject(failure);
      },
      isAccessExpired: (error) => error === expired,
      revoke: () => (log.push('revoke'), Promise.resolve('refreshToken' as const)),
    });
    return { log, result };
  };
  it('a live token: GlobalSignOut at once', async () => {
    const { log, result } = run({});
    assert.equal(await result, 'global');
    assert.deepEqual(log, ['global:old']);
  });
  it('expired by our clock: refresh first', async () => {
    const { log, result } = run({ accessExpired: true, refreshed: 'new' });
    assert.equal(await result, 'global');
    assert.deepEqual(log, ['refresh', 'global:new']);
  });
  it('expired by Cognito\'s clock: refresh and retry once, then revoke', async () => {
    const once = run({ refreshed: 'new', failures: [expired] });
    assert.equal(await once.result, 'global');
    assert.deepEqual(once.log, ['global:old', 'refresh', 'global:new']);
    const twice = run({ refreshed: 'new', failures: [expired, expired] });
    assert.equal(await twice.result, 'refreshToken');
    assert.deepEqual(twice.log, ['global:old', 'refresh', 'global:new', 'revoke']);
  });
  it('no refresh possible or the refresh fails: revoke; any other failure is thrown', async () => {
    const noRefresh = run({ accessExpired: true, canRefresh: false });
    assert.equal(await noRefresh.result, 'refreshToken');
    assert.deepEqual(noRefresh.log, ['revoke']);
    const failed = run({ accessExpired: true });
    assert.equal(await failed.result, 'refreshToken');
    assert.deepEqual(failed.log, ['refresh', 'revoke']);
    await assert.rejects(run({ failures: [new Error('network')] }).result, /network/);
  });
});

describe('core decisions: refresh-method choice and "rotation missing here"', () => {
  it('auto starts with rotation until a fallback is remembered for this endpoint and client only', async () => {
    const flags = new Map<string, unknown>();
    const memory = new RefreshMethodMemory({ get: (key) => flags.get(key), update: (key, value) => (flags.set(key, value), Promise.resolve()) });
    const profile = { region: REGION, userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: 'http://127.0.0.1:9229' };
    assert.equal(memory.methodFor(profile), 'auto');
    await memory.rotationMissing(profile);
    assert.equal(memory.methodFor(profile), 'classic');
    assert.equal(memory.methodFor({ ...profile, refreshMethod: 'rotation' }), 'rotation', 'an explicit choice is kept');
    assert.equal(memory.methodFor({ ...profile, endpoint: 'http://127.0.0.1:9230' }), 'auto', 'another endpoint');
    assert.equal(memory.methodFor({ ...profile, clientId: 'other' }), 'auto', 'another client');
    assert.equal(memory.methodFor({ ...profile, userPoolId: 'ap-northeast-1_Other' }), 'classic', 'same endpoint and client');
  });
});

describe('core decisions: the usable-token plan', () => {
  const plan = (session: ReturnType<typeof testSession> | undefined, o: { freshness?: 'ifDue' | 'always'; refreshed?: boolean; at?: number; type?: 'id' | 'access' } = {}) =>
    planUsableToken(session, { tokenType: o.type ?? 'access', freshness: o.freshness ?? 'ifDue', now: o.at ?? nowMs, marginSeconds: 60, refreshed: o.refreshed ?? false });
  it('signed out: sign in', () => assert.deepEqual(plan(undefined), { kind: 'signIn', reason: 'signedOut' }));
  it('fresh: use it; always: refresh first; due: refresh first', () => {
    assert.equal(plan(testSession()).kind, 'use');
    assert.equal(plan(testSession(), { freshness: 'always' }).kind, 'refresh');
    assert.equal(plan(testSession(), { at: nowMs + 3600_000 - 30_000 }).kind, 'refresh');
  });
  it('after the refresh: not planned again; an expired token means sign in', () => {
    assert.equal(plan(testSession(), { freshness: 'always', refreshed: true }).kind, 'use');
    assert.deepEqual(plan(testSession(), { at: nowMs + 7200_000, refreshed: true }), { kind: 'signIn', reason: 'expired' });
  });
  it('machine to machine refreshes without a refresh token, and has no ID token to give', () => {
    assert.equal(plan(m2m(), { freshness: 'always' }).kind, 'refresh');
    assert.equal(plan(m2m(), { type: 'id', refreshed: true }).kind, 'none');
  });
});

describe('core decisions: "expiring" for every token type', () => {
  it('ID and access by their claims, the refresh token by its estimated end, one rule', () => {
    const session = testSession({ refreshValidityMs: 30 * 86_400_000 });
    const clock = new ManualClock(nowMs);
    assert.equal(sessionTokenState(session, 'access', clock, 0), 'valid');
    clock.set(nowMs + 3600_000 - 60_000);
    assert.equal(sessionTokenState(session, 'access', clock, 0), 'expiring');
    assert.equal(sessionTokenState(session, 'refresh', clock, 0), 'valid');
    clock.set(nowMs + 30 * 86_400_000 - 60_000);
    assert.equal(sessionTokenState(session, 'refresh', clock, 0), 'expiring');
    assert.equal(sessionTokenState(session, 'id', clock, 0), 'expired');
    assert.equal(sessionTokenState(m2m(), 'id', clock, 0), 'none');
    assert.equal(sessionTokenState(undefined, 'access', clock, 0), 'unknown');
  });
  it('a short-lived refresh token warns in the last fifth of its life, as an access token does', () => {
    const session = testSession({ refreshValidityMs: 10 * 60_000 });
    const clock = new ManualClock(nowMs + 7 * 60_000);
    assert.equal(sessionTokenState(session, 'refresh', clock, 0), 'valid');
    clock.set(nowMs + 9 * 60_000);
    assert.equal(sessionTokenState(session, 'refresh', clock, 0), 'expiring');
  });
});

describe('core decisions: key-source trust', () => {
  const user: Profile = { name: 'u', region: REGION, userPoolId: POOL_ID, clientId: CLIENT_ID, origin: 'user' };
  const workspace: Profile = { ...user, name: 'w', userPoolId: 'ap-northeast-1_Workspace', origin: 'workspace' };
  it('a named profile: its session\'s binding, else a user profile\'s pool; a workspace profile alone names none', () => {
    assert.equal(namedProfilePool(testSession(), workspace)?.userPoolId, POOL_ID);
    assert.equal(namedProfilePool(undefined, user)?.clientId, CLIENT_ID);
    assert.equal(namedProfilePool(undefined, workspace), undefined);
  });
  it('only the user\'s own profiles are "yours"; a named check trusts its own pool and nothing else', () => {
    assert.deepEqual(userProfilePools([user, workspace]).map((p) => p.userPoolId), [POOL_ID]);
    const named = keyTrustFor({ region: REGION, userPoolId: POOL_ID, clientId: CLIENT_ID }, { signedInPools: [], confirmedIssuers: ['x'], profilePools: [user] });
    assert.deepEqual(named, { signedInPools: [], confirmedIssuers: [], ownPool: { region: REGION, userPoolId: POOL_ID, endpoint: undefined }, profilePools: [] });
    const open = keyTrustFor(undefined, { signedInPools: signedInPools([testSession()]), confirmedIssuers: ['x'], profilePools: [] });
    assert.deepEqual(open.signedInPools, [{ region: REGION, userPoolId: POOL_ID, endpoint: undefined }]);
    assert.deepEqual(open.confirmedIssuers, ['x']);
  });
});
