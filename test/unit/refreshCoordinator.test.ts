import * as assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/shared/clock';
import { fingerprint } from '../../src/core/shared/fingerprint';
import { RefreshCoordinator, NotSignedIn, type CoordinatorApi } from '../../src/core/sessions/refreshCoordinator';
import type { RotationRecord } from '../../src/core/sessions/rotationHistory';
import { SessionRepositoryCore } from '../../src/core/sessions/sessionRepository';
import { SessionStore } from '../../src/core/sessions/sessionStore';
import { sessionKey } from '../../src/core/sessions/storedSession';
import { FakeSecrets } from '../fixtures/fakeSecrets';
import { testSession } from '../fixtures/sessions';
import { accessTokenClaims, fakeRefreshToken, idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';

const now = 1_800_000_000;
const fp = (token: string | undefined): string => (token === undefined ? '(none)' : fingerprint(token));

/** A fake Cognito whose refresh waits until the test lets it finish, so tests can act while it is in flight. */
function setup(options: { fail?: boolean; rotate?: boolean } = {}) {
  const secrets = new FakeSecrets();
  const store = new SessionStore(secrets, { onCorrupt: () => undefined });
  const history: RotationRecord[] = [];
  let changedInMemory = 0;
  const repository = new SessionRepositoryCore({
    store,
    history: { append: (_p, r) => Promise.resolve(void history.push(r)), clear: () => Promise.resolve(void history.splice(0)) },
    profileNames: () => ['p'],
    changedInMemory: () => changedInMemory++,
    retryDelay: () => Promise.resolve(),
  });
  const used: string[] = [];
  const revoked: string[] = [];
  const logs: string[] = [];
  let requests = 0;
  let release: () => void = () => undefined;
  let hold = false;
  const api: CoordinatorApi = {
    getTokensFromRefreshToken: async (input) => {
      requests++;
      used.push(input.RefreshToken);
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      else await new Promise((resolve) => setTimeout(resolve, 5));
      if (options.fail) throw Object.assign(new Error('Refresh Token has been revoked'), { name: 'NotAuthorizedException' });
      return { AuthenticationResult: { IdToken: unsignedJwt(idTokenClaims(now + 1)), AccessToken: unsignedJwt(accessTokenClaims(now + 1)), RefreshToken: options.rotate === false ? undefined : fakeRefreshToken() } };
    },
    initiateAuth: () => Promise.reject(new Error('not used')),
    graceSeconds: () => Promise.resolve(10),
    revokeToken: (token) => Promise.resolve(void revoked.push(token)),
  };
  const coordinator = new RefreshCoordinator({ clock: new ManualClock(now * 1000), repository, api: () => api, clientSecret: () => Promise.resolve(undefined), log: (line) => logs.push(line) });
  return {
    secrets,
    store,
    repository,
    coordinator,
    used,
    revoked,
    logs,
    history,
    requests: () => requests,
    changedInMemory: () => changedInMemory,
    /** The next request waits for `release()`. */
    holdNext: () => {
      hold = true;
      return () => release();
    },
  };
}

/** Waits until the fake request has started. */
async function started(requests: () => number, count = 1): Promise<void> {
  while (requests() < count) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('RefreshCoordinator and the session repository', () => {
  it('twenty concurrent refreshes of one profile make one request and share its result', async () => {
    const { repository, coordinator, requests } = setup();
    await repository.put(testSession());
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => coordinator.refresh('p', 'c', 'auto')));
    assert.equal(requests(), 1);
    assert.ok(outcomes.every((o) => o === outcomes[0]));
  });

  it('saves the rotated token (and its record) before resolving', async () => {
    const { store, repository, coordinator, used, history } = setup();
    await repository.put(testSession());
    const outcome = await coordinator.refresh('p', 'c', 'rotation');
    assert.equal(outcome.kind, 'refreshed');
    if (outcome.kind !== 'refreshed') return;
    assert.equal(fp((await store.get('p'))?.tokens.refresh), fp(outcome.session.tokens.refresh));
    assert.notEqual(fp(used[0]), fp(outcome.session.tokens.refresh));
    assert.equal(history.length, 1);
  });

  it('re-reads the stored session first, so another window\'s rotation is used', async () => {
    const { secrets, repository, coordinator, used } = setup();
    await repository.put(testSession());
    const theirs = testSession({}, fakeRefreshToken());
    await secrets.store(sessionKey('p'), JSON.stringify(theirs));
    await coordinator.refresh('p', 'c', 'rotation');
    assert.equal(fp(used[0]), fp(theirs.tokens.refresh));
  });

  it('a failed refresh leaves every stored token as it was', async () => {
    const { store, repository, coordinator, history } = setup({ fail: true });
    const before = testSession();
    await repository.put(before);
    await assert.rejects(coordinator.refresh('p', 'c', 'rotation'), /revoked/);
    assert.equal(fp((await store.get('p'))?.tokens.refresh), fp(before.tokens.refresh));
    assert.equal(history.length, 0);
  });

  it('a failed save keeps the rotated token in memory, retries, and uses it next time', async () => {
    const { secrets, store, repository, coordinator, used, changedInMemory } = setup();
    await repository.put(testSession());
    secrets.failWrites = 2;
    const first = await coordinator.refresh('p', 'c', 'rotation');
    assert.ok(first.kind === 'refreshed' && !first.saved);
    assert.equal(changedInMemory(), 1, 'one change event for the rotation kept in memory');
    assert.equal(fp((await repository.current('p'))?.tokens.refresh), fp(first.session.tokens.refresh), 'kept in memory');
    const second = await coordinator.refresh('p', 'c', 'rotation');
    assert.equal(fp(used[1]), fp(first.session.tokens.refresh), 'the next refresh uses the unsaved rotated token');
    assert.ok(second.kind === 'refreshed' && second.saved);
    assert.equal(fp((await store.get('p'))?.tokens.refresh), fp(second.session.tokens.refresh));
  });

  it('says when the profile is not signed in', async () => {
    const { coordinator } = setup();
    await assert.rejects(coordinator.refresh('p', 'c', 'auto'), NotSignedIn);
  });

  it('a retry that succeeds counts as saved', async () => {
    const { secrets, store, repository, coordinator } = setup();
    await repository.put(testSession());
    secrets.failWrites = 1;
    const outcome = await coordinator.refresh('p', 'c', 'rotation');
    assert.ok(outcome.kind === 'refreshed' && outcome.saved);
    assert.equal(fp((await store.get('p'))?.tokens.refresh), fp(outcome.session.tokens.refresh));
  });

  it('a refresh that finishes after sign-out stores nothing and revokes what it got', async () => {
    const { store, repository, coordinator, requests, holdNext, revoked, logs, history } = setup();
    await repository.put(testSession());
    const release = holdNext();
    const running = coordinator.refresh('p', 'c', 'rotation');
    await started(requests);
    await repository.remove('p');
    release();
    const outcome = await running;
    assert.equal(outcome.kind, 'superseded');
    assert.ok(outcome.kind === 'superseded' && outcome.by === 'signOut' && outcome.revoked);
    assert.equal(await store.get('p'), undefined, 'not resurrected');
    assert.equal(await repository.current('p'), undefined);
    assert.equal(revoked.length, 1, 'the new refresh token was revoked');
    assert.equal(history.length, 0, 'no record of a refresh nobody keeps');
    assert.match(logs.join('\n'), /after a sign-out; stored nothing; refresh token [0-9a-f]{12} revoked/);
    assert.ok(!logs.join('\n').includes(revoked[0]), 'the log names the token by fingerprint only');
  });

  it('a refresh that finishes after a newer sign-in keeps the new session', async () => {
    const { store, repository, coordinator, requests, holdNext, revoked } = setup();
    await repository.put(testSession());
    const release = holdNext();
    const running = coordinator.refresh('p', 'c', 'rotation');
    await started(requests);
    const newer = testSession({ username: 'hanako', signedInAt: now * 1000 + 5000 });
    await repository.put(newer);
    release();
    const outcome = await running;
    assert.ok(outcome.kind === 'superseded' && outcome.by === 'newSession');
    const stored = await store.get('p');
    assert.equal(stored?.username, 'hanako');
    assert.equal(fp(stored?.tokens.refresh), fp(newer.tokens.refresh));
    assert.equal(revoked.length, 1);
  });

  it('a classic refresh superseded by sign-out revokes nothing it did not get', async () => {
    const { repository, coordinator, requests, holdNext, revoked } = setup({ rotate: false });
    await repository.put(testSession());
    const release = holdNext();
    const running = coordinator.refresh('p', 'c', 'rotation');
    await started(requests);
    await repository.remove('p');
    release();
    const outcome = await running;
    assert.ok(outcome.kind === 'superseded' && !outcome.revoked);
    assert.equal(revoked.length, 0);
  });

  it('a sign-out during a failed save does not bring the unsaved rotation back', async () => {
    const { secrets, repository, coordinator } = setup();
    await repository.put(testSession());
    secrets.failWrites = 2;
    const first = await coordinator.refresh('p', 'c', 'rotation');
    assert.ok(first.kind === 'refreshed' && !first.saved);
    await repository.remove('p');
    assert.equal(await repository.current('p'), undefined);
  });

  it('another window\'s newer write supersedes a rotation kept only in memory', async () => {
    const { secrets, repository, coordinator } = setup();
    await repository.put(testSession());
    secrets.failWrites = 2;
    await coordinator.refresh('p', 'c', 'rotation');
    const theirs = testSession({ username: 'other-window', signedInAt: now * 1000 + 9000 });
    await secrets.store(sessionKey('p'), JSON.stringify(theirs));
    await repository.storeChanged('p');
    assert.equal((await repository.current('p'))?.username, 'other-window');
  });

  it('list() gives every configured profile\'s current session, unsaved rotations included', async () => {
    const { secrets, repository, coordinator } = setup();
    await repository.put(testSession());
    secrets.failWrites = 2;
    const outcome = await coordinator.refresh('p', 'c', 'rotation');
    const listed = await repository.list();
    assert.equal(listed.length, 1);
    assert.equal(fp(listed[0].tokens.refresh), fp(outcome.kind === 'refreshed' ? outcome.session.tokens.refresh : undefined));
  });
});
