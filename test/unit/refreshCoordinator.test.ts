import * as assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/shared/clock';
import { RefreshCoordinator, NotSignedIn, type CoordinatorDeps } from '../../src/core/sessions/refreshCoordinator';
import { SessionStore, type SecretStorageLike } from '../../src/core/sessions/sessionStore';
import type { RotationRecord } from '../../src/core/sessions/rotationHistory';
import { sessionKey, type StoredSession } from '../../src/core/sessions/storedSession';
import { accessTokenClaims, fakeRefreshToken, idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';

const now = 1_800_000_000;

/** SecretStorage as VS Code offers it, with onDidChange, and a switch to make writes fail. */
class FakeSecrets implements SecretStorageLike {
  readonly values = new Map<string, string>();
  failWrites = 0;
  private listeners: Array<(event: { key: string }) => unknown> = [];
  get(key: string) {
    return Promise.resolve(this.values.get(key));
  }
  store(key: string, value: string) {
    if (this.failWrites > 0) {
      this.failWrites--;
      return Promise.reject(new Error('keyring locked'));
    }
    this.values.set(key, value);
    this.listeners.forEach((l) => l({ key }));
    return Promise.resolve();
  }
  delete(key: string) {
    this.values.delete(key);
    this.listeners.forEach((l) => l({ key }));
    return Promise.resolve();
  }
  onDidChange(listener: (event: { key: string }) => unknown) {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }
}

function session(refresh = fakeRefreshToken()): StoredSession {
  return { version: 1, profile: 'p', username: 'taro', authFlow: 'USER_SRP_AUTH', signedInAt: now * 1000, tokens: { id: unsignedJwt(idTokenClaims(now)), access: unsignedJwt(accessTokenClaims(now)), refresh } };
}

function setup(options: { fail?: boolean } = {}) {
  const secrets = new FakeSecrets();
  const store = new SessionStore(secrets, { onCorrupt: () => undefined });
  const used: string[] = [];
  let requests = 0;
  const records: Array<{ record: RotationRecord; saved: boolean }> = [];
  const deps: CoordinatorDeps = {
    clock: new ManualClock(now * 1000),
    load: (profile) => store.get(profile),
    save: (s) => store.put(s),
    clientSecret: () => Promise.resolve(undefined),
    retryDelay: () => Promise.resolve(),
    onRefreshed: (_profile, record, saved) => records.push({ record, saved }),
    api: () => ({
      getTokensFromRefreshToken: async (input) => {
        requests++;
        used.push(input.RefreshToken);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (options.fail) throw Object.assign(new Error('Refresh Token has been revoked'), { name: 'NotAuthorizedException' });
        return { AuthenticationResult: { IdToken: unsignedJwt(idTokenClaims(now + 1)), AccessToken: unsignedJwt(accessTokenClaims(now + 1)), RefreshToken: fakeRefreshToken() } };
      },
      initiateAuth: () => Promise.reject(new Error('not used')),
      graceSeconds: () => Promise.resolve(10),
    }),
  };
  return { secrets, store, deps, coordinator: new RefreshCoordinator(deps), used, records, requests: () => requests };
}

describe('RefreshCoordinator', () => {
  it('twenty concurrent refreshes of one profile make one request and share its result', async () => {
    const { store, coordinator, requests } = setup();
    await store.put(session());
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => coordinator.refresh('p', 'c', 'auto')));
    assert.equal(requests(), 1);
    assert.ok(outcomes.every((o) => o === outcomes[0]));
  });

  it('saves the rotated token before telling anyone', async () => {
    const { store, deps, used } = setup();
    await store.put(session());
    let storedWhenTold: string | undefined;
    const coordinator = new RefreshCoordinator({ ...deps, onRefreshed: () => void store.get('p').then((s) => (storedWhenTold = s?.tokens.refresh)) });
    const outcome = await coordinator.refresh('p', 'c', 'rotation');
    await new Promise((resolve) => setTimeout(resolve, 1));
    assert.equal(storedWhenTold, outcome.session.tokens.refresh);
    assert.notEqual(used[0], outcome.session.tokens.refresh);
  });

  it('re-reads the stored session first, so another window\'s rotation is used', async () => {
    const { secrets, store, coordinator, used } = setup();
    await store.put(session('old.a.b.c.d'));
    // Another window rotated and wrote its new token.
    const theirs = session(fakeRefreshToken());
    await secrets.store(sessionKey('p'), JSON.stringify(theirs));
    await coordinator.refresh('p', 'c', 'rotation');
    assert.equal(used[0], theirs.tokens.refresh);
  });

  it('a failed refresh leaves every stored token as it was', async () => {
    const { store, coordinator, records } = setup({ fail: true });
    const before = session();
    await store.put(before);
    await assert.rejects(coordinator.refresh('p', 'c', 'rotation'), /revoked/);
    assert.deepEqual(await store.get('p'), before);
    assert.equal(records.length, 0);
  });

  it('a failed save keeps the rotated token in memory, retries, and uses it next time', async () => {
    const { secrets, store, coordinator, used, records } = setup();
    await store.put(session());
    secrets.failWrites = 2;
    const first = await coordinator.refresh('p', 'c', 'rotation');
    assert.equal(first.saved, false);
    assert.equal(records[0].saved, false);
    assert.equal((await coordinator.current('p'))?.tokens.refresh, first.session.tokens.refresh, 'kept in memory');
    const second = await coordinator.refresh('p', 'c', 'rotation');
    assert.equal(used[1], first.session.tokens.refresh, 'the next refresh uses the unsaved rotated token');
    assert.equal(second.saved, true);
    assert.equal((await store.get('p'))?.tokens.refresh, second.session.tokens.refresh);
  });

  it('says when the profile is not signed in', async () => {
    const { coordinator } = setup();
    await assert.rejects(coordinator.refresh('p', 'c', 'auto'), NotSignedIn);
  });

  it('a retry that succeeds counts as saved', async () => {
    const { secrets, store, coordinator } = setup();
    await store.put(session());
    secrets.failWrites = 1;
    const outcome = await coordinator.refresh('p', 'c', 'rotation');
    assert.equal(outcome.saved, true);
    assert.equal((await store.get('p'))?.tokens.refresh, outcome.session.tokens.refresh);
  });
});
