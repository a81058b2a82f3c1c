import * as assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/shared/clock';
import { fingerprint } from '../../src/core/shared/fingerprint';
import { RefreshCoordinator, type CoordinatorApi } from '../../src/core/sessions/refreshCoordinator';
import { SessionRepositoryCore } from '../../src/core/sessions/sessionRepository';
import { SessionStore } from '../../src/core/sessions/sessionStore';
import { sameTokenFamily } from '../../src/core/sessions/tokenFamily';
import { FakeSecrets } from '../fixtures/fakeSecrets';
import { testSession } from '../fixtures/sessions';
import { accessTokenClaims, fakeRefreshToken, idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';

const now = 1_800_000_000;
const fp = (token: string | undefined): string => (token === undefined ? '(none)' : fingerprint(token));

/**
 * A fake Cognito with rotation that keeps token families as Cognito does: every refresh token belongs to the
 * sign-in it descends from, a replaced one works for `grace` more uses (0: none), and RevokeToken on any
 * member revokes the whole family ("Refresh Token has been revoked" from then on).
 */
class FakeCognito {
  private readonly family = new Map<string, string>();
  private readonly replaced = new Set<string>();
  private readonly revokedFamilies = new Set<string>();
  revokeCalls = 0;

  constructor(private readonly graceAllowsReuse: boolean) {}

  signIn(familyId: string): string {
    const token = fakeRefreshToken();
    this.family.set(token, familyId);
    return token;
  }

  refresh(token: string): { IdToken: string; AccessToken: string; RefreshToken: string } {
    const familyId = this.family.get(token);
    if (familyId === undefined) throw Object.assign(new Error('Invalid Refresh Token'), { name: 'NotAuthorizedException' });
    if (this.revokedFamilies.has(familyId)) throw Object.assign(new Error('Refresh Token has been revoked'), { name: 'NotAuthorizedException' });
    if (this.replaced.has(token) && !this.graceAllowsReuse) {
      throw Object.assign(new Error('Refresh Token has already been used and was rotated.'), { name: 'RefreshTokenReuseException' });
    }
    this.replaced.add(token);
    const next = this.signIn(familyId);
    return { IdToken: unsignedJwt(idTokenClaims(now + 1, { origin_jti: familyId })), AccessToken: unsignedJwt(accessTokenClaims(now + 1, { origin_jti: familyId })), RefreshToken: next };
  }

  revoke(token: string): void {
    this.revokeCalls++;
    const familyId = this.family.get(token);
    if (familyId !== undefined) this.revokedFamilies.add(familyId);
  }
}

/**
 * One VS Code window: its own store, repository and coordinator over the SecretStorage all windows share,
 * listening to onDidChange as the extension does. `gate` holds this window's request before it is sent.
 */
function window(secrets: FakeSecrets, cognito: FakeCognito) {
  const store = new SessionStore(secrets, { onCorrupt: () => undefined });
  const repository = new SessionRepositoryCore({
    store,
    history: { append: () => Promise.resolve(), clear: () => Promise.resolve() },
    profileNames: () => ['p'],
    changedInMemory: () => undefined,
    retryDelay: () => Promise.resolve(),
  });
  store.onDidChange((profile) => void repository.storeChanged(profile));
  const logs: string[] = [];
  let gate: Promise<void> | undefined;
  let requested = () => undefined as void;
  const requestedOnce = new Promise<void>((resolve) => (requested = resolve));
  const api: CoordinatorApi = {
    getTokensFromRefreshToken: async (input) => {
      requested();
      if (gate) await gate;
      return { AuthenticationResult: cognito.refresh(input.RefreshToken) };
    },
    initiateAuth: () => Promise.reject(new Error('not used')),
    graceSeconds: () => Promise.resolve(0),
    revokeToken: (token) => Promise.resolve(cognito.revoke(token)),
  };
  const coordinator = new RefreshCoordinator({ clock: new ManualClock(now * 1000), repository, api: () => api, clientSecret: () => Promise.resolve(undefined), log: (line) => logs.push(line) });
  return {
    repository,
    coordinator,
    logs,
    /** Holds this window's next request until the returned function is called. */
    hold(): () => void {
      let release = () => undefined as void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    requestedOnce,
  };
}

async function signedIn(secrets: FakeSecrets, cognito: FakeCognito, familyId: string) {
  const session = testSession(
    { tokens: { id: unsignedJwt(idTokenClaims(now, { origin_jti: familyId })), access: unsignedJwt(accessTokenClaims(now, { origin_jti: familyId })) } },
    undefined,
  );
  const withRefresh = { ...session, tokens: { ...session.tokens, refresh: cognito.signIn(familyId) } };
  await new SessionStore(secrets, { onCorrupt: () => undefined }).put(withRefresh);
  return withRefresh;
}

describe('Refresh across windows (two coordinators over one SecretStorage)', () => {
  it('two windows refresh one profile at once: the window that loses the compare-and-set adopts the rotation and revokes nothing', async () => {
    const secrets = new FakeSecrets();
    const cognito = new FakeCognito(true);
    await signedIn(secrets, cognito, 'family-1');
    const a = window(secrets, cognito);
    const b = window(secrets, cognito);
    // B reads the session and sends its request; Cognito answers it (inside the grace period) only after A has
    // refreshed and stored its rotation, so B's compare-and-set finds A's tokens.
    const releaseB = b.hold();
    const late = b.coordinator.refresh('p', 'c', 'rotation');
    await b.requestedOnce;
    const first = await a.coordinator.refresh('p', 'c', 'rotation');
    assert.equal(first.kind, 'refreshed');
    releaseB();
    const second = await late;

    assert.equal(cognito.revokeCalls, 0, 'nothing of the family was revoked');
    assert.ok(second.kind === 'refreshed' && second.adopted, `the late window adopted the rotation (got ${second.kind})`);
    const stored = await a.repository.current('p');
    assert.equal(fp(second.session.tokens.refresh), fp(stored?.tokens.refresh), 'both windows use the stored tokens');
    assert.match(b.logs.join('\n'), /another window refreshed this sign-in first; .*dropped \(same sign-in: not revoked\)/);
    // The session lives on: either window refreshes again with the stored token.
    const again = await b.coordinator.refresh('p', 'c', 'rotation');
    assert.equal(again.kind, 'refreshed');
  });

  it('two windows refresh one profile at once with no grace period: the refused window adopts the stored rotation', async () => {
    const secrets = new FakeSecrets();
    const cognito = new FakeCognito(false);
    await signedIn(secrets, cognito, 'family-1');
    const a = window(secrets, cognito);
    const b = window(secrets, cognito);
    const releaseB = b.hold();
    const late = b.coordinator.refresh('p', 'c', 'rotation');
    await b.requestedOnce;
    await a.coordinator.refresh('p', 'c', 'rotation');
    releaseB();
    const second = await late;
    assert.ok(second.kind === 'refreshed' && second.adopted, 'RefreshTokenReuseException after the other window stored its rotation is not a failure');
    assert.equal(fp(second.session.tokens.refresh), fp((await b.repository.current('p'))?.tokens.refresh));
  });

  it('a refresh that finishes after a sign-in in another window (a new token family) still revokes what it got', async () => {
    const secrets = new FakeSecrets();
    const cognito = new FakeCognito(true);
    await signedIn(secrets, cognito, 'family-1');
    const b = window(secrets, cognito);
    const releaseB = b.hold();
    const late = b.coordinator.refresh('p', 'c', 'rotation');
    await b.requestedOnce;
    const newer = await signedIn(secrets, cognito, 'family-2');
    releaseB();
    const outcome = await late;
    assert.ok(outcome.kind === 'superseded' && outcome.by === 'newSession' && outcome.revoked);
    assert.equal(cognito.revokeCalls, 1);
    assert.equal(fp((await b.repository.current('p'))?.tokens.refresh), fp(newer.tokens.refresh), 'the new sign-in is kept');
    // The new family is untouched by the revocation of the old one.
    assert.equal((await b.coordinator.refresh('p', 'c', 'rotation')).kind, 'refreshed');
  });

  it('a failed refresh with the stored session unchanged still fails (nothing to adopt)', async () => {
    const secrets = new FakeSecrets();
    const cognito = new FakeCognito(false);
    const session = await signedIn(secrets, cognito, 'family-1');
    cognito.revoke(session.tokens.refresh ?? '');
    const a = window(secrets, cognito);
    await assert.rejects(a.coordinator.refresh('p', 'c', 'rotation'), /revoked/);
  });
});

describe('sameTokenFamily', () => {
  const base = testSession();
  it('a refresh of the same sign-in is the same family', () => {
    const refreshed = { ...base, tokens: { ...base.tokens, access: unsignedJwt(accessTokenClaims(now + 60)), refresh: fakeRefreshToken() } };
    assert.ok(sameTokenFamily(base, refreshed));
  });
  it('a new sign-in is a new family: another origin_jti, another sign-in time, or another user', () => {
    assert.ok(!sameTokenFamily(base, { ...base, tokens: { ...base.tokens, access: unsignedJwt(accessTokenClaims(now, { origin_jti: 'other' })) } }));
    assert.ok(!sameTokenFamily(base, { ...base, signedInAt: base.signedInAt + 1 }));
    assert.ok(!sameTokenFamily(base, { ...base, username: 'hanako' }));
    assert.ok(!sameTokenFamily(base, { ...base, binding: base.binding && { ...base.binding, clientId: 'another-client' } }));
  });
  it('without origin_jti (token revocation off) the sign-in names the family', () => {
    const plain = testSession({ tokens: { access: unsignedJwt(accessTokenClaims(now, { origin_jti: undefined })) } });
    assert.ok(sameTokenFamily(plain, { ...plain, tokens: { access: unsignedJwt(accessTokenClaims(now + 5, { origin_jti: undefined })) } }));
    assert.ok(!sameTokenFamily(plain, { ...plain, signedInAt: plain.signedInAt + 1000 }));
  });
});
