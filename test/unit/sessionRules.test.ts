import * as assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/shared/clock';
import { MessageGate } from '../../src/core/shared/messageGate';
import { dueForAutoRefresh } from '../../src/core/sessions/autoRefresh';
import { bindingFromTokens, checkBinding, endpointProblem } from '../../src/core/sessions/binding';
import { isLoopbackHost } from '../../src/core/shared/loopback';
import { parseProfiles, profileProblemMessage, profilesFromLayers, type Profile } from '../../src/core/sessions/profiles';
import { checkUse, clientSecretFor, confirmationKey, parseClientSecret, serializeClientSecret } from '../../src/core/sessions/profileTrust';
import { SessionStore } from '../../src/core/sessions/sessionStore';
import { accessTokenExpired, stillValidAfterSignOut } from '../../src/core/sessions/signOut';
import { parseStoredSession, refreshExpiresAt, refreshTokenState, sessionKey, summarizeSession } from '../../src/core/sessions/storedSession';
import { timelineRows, rotationRecord } from '../../src/core/sessions/rotationHistory';
import { formatMessage } from '../../src/core/shared/l10n';
import { FakeSecrets } from '../fixtures/fakeSecrets';
import { accessTokenClaims, CLIENT_ID, fakeRefreshToken, idTokenClaims, ISSUER, POOL_ID, REGION, unsignedJwt } from '../fixtures/tokenFactory';
import { testSession } from '../fixtures/sessions';

const now = 1_800_000_000;
const clock = new ManualClock(now * 1000);

const userProfile: Profile = { name: 'dev', region: REGION, userPoolId: POOL_ID, clientId: CLIENT_ID, origin: 'user' };

function v1Value(tokens: { id: string; access: string; refresh?: string }): string {
  return JSON.stringify({ version: 1, profile: 'dev', username: 'taro', authFlow: 'USER_SRP_AUTH', signedInAt: now * 1000, tokens });
}

describe('a session is bound to where it came from', () => {
  it('a v1 session is migrated with the binding its own tokens name (issuer, pool, client)', () => {
    const parsed = parseStoredSession(v1Value({ id: unsignedJwt(idTokenClaims(now)), access: unsignedJwt(accessTokenClaims(now)) }));
    assert.equal(parsed.kind, 'session');
    if (parsed.kind !== 'session') return;
    assert.equal(parsed.session.version, 2);
    assert.deepEqual(parsed.session.binding, { region: REGION, endpoint: undefined, userPoolId: POOL_ID, clientId: CLIENT_ID, issuer: ISSUER });
  });

  it('a v1 session from a local pool is bound to that pool\'s endpoint', () => {
    const iss = 'http://127.0.0.1:9229/local_abc123';
    const binding = bindingFromTokens({ id: unsignedJwt(idTokenClaims(now, { iss, aud: 'client1' })), access: unsignedJwt(accessTokenClaims(now, { iss })) });
    assert.equal(binding?.endpoint, 'http://127.0.0.1:9229');
    assert.equal(binding?.userPoolId, 'local_abc123');
    assert.equal(binding?.clientId, 'client1');
  });

  it('a v1 session whose tokens name no Cognito pool gets no binding, so it is never sent anywhere', () => {
    const iss = 'https://evil.example.com/pool';
    const parsed = parseStoredSession(v1Value({ id: unsignedJwt(idTokenClaims(now, { iss })), access: unsignedJwt(accessTokenClaims(now, { iss })) }));
    assert.ok(parsed.kind === 'session');
    assert.equal(parsed.session.binding, undefined);
    assert.deepEqual(checkBinding(parsed.session.binding, userProfile).ok, false);
  });

  it('a profile redefined to another endpoint is refused for the stored session (profileMoved)', () => {
    const session = testSession();
    assert.deepEqual(checkUse(userProfile, session, () => false), { ok: true });
    const moved = checkUse({ ...userProfile, endpoint: 'http://127.0.0.1:4444', origin: 'workspace' }, session, () => true);
    assert.equal(moved.ok, false);
    assert.ok(!moved.ok && moved.error === 'profileMoved' && moved.now.includes('http://127.0.0.1:4444') && moved.was.includes('amazonaws.com'));
    assert.equal(checkUse({ ...userProfile, clientId: 'otherclient' }, session, () => true).ok, false, 'another client counts as moved');
  });

  it('a workspace profile needs the user\'s confirmation, keyed by name, endpoint, pool and client', () => {
    const workspace: Profile = { ...userProfile, endpoint: 'https://cognito.example.com', origin: 'workspace' };
    const refused = checkUse(workspace, undefined, () => false);
    assert.ok(!refused.ok && refused.error === 'workspaceProfileUnconfirmed' && refused.endpoint.startsWith('https://cognito.example.com'));
    const confirmed = new Set([confirmationKey(workspace)]);
    assert.ok(checkUse(workspace, undefined, (k) => confirmed.has(k)).ok);
    assert.equal(checkUse({ ...workspace, endpoint: 'https://elsewhere.example.com' }, undefined, (k) => confirmed.has(k)).ok, false, 'a confirmation is for one endpoint only');
  });

  it('a client secret goes only to the target it was set for; a legacy one only with a user profile', () => {
    const stored = parseClientSecret(serializeClientSecret('s3cret', userProfile));
    assert.equal(clientSecretFor(stored, userProfile), 's3cret');
    assert.equal(clientSecretFor(stored, { ...userProfile, endpoint: 'http://127.0.0.1:1' }), undefined);
    const legacy = parseClientSecret('s3cret');
    assert.equal(clientSecretFor(legacy, userProfile), 's3cret');
    assert.equal(clientSecretFor(legacy, { ...userProfile, origin: 'workspace' }), undefined);
  });

  it('non-AWS endpoints must be https, or http on loopback only', () => {
    for (const ok of ['https://cognito.example.com', 'http://127.0.0.1:9229', 'http://127.8.9.10', 'http://localhost:9229', 'http://[::1]:9229']) assert.equal(endpointProblem(ok), undefined, ok);
    assert.equal(endpointProblem('http://cognito-local:9229'), 'endpointInsecure');
    assert.equal(endpointProblem('http://192.168.1.5:9229'), 'endpointInsecure');
    assert.equal(endpointProblem('http://127.0.0.1.evil.com'), 'endpointInsecure');
    assert.equal(endpointProblem('ftp://127.0.0.1'), 'endpointInvalid');
    assert.equal(endpointProblem('https://user:pw@host'), 'endpointInvalid');
    assert.ok(isLoopbackHost('[::1]') && !isLoopbackHost('128.0.0.1'));
    assert.deepEqual(parseProfiles([{ ...userProfile, endpoint: 'http://example.com' }]).invalid, ['dev']);
  });

  it('profile validation messages come from core, one per problem', () => {
    assert.match(profileProblemMessage('endpointInsecure', formatMessage) ?? '', /only on this machine/);
    assert.equal(profileProblemMessage(undefined, formatMessage), undefined);
  });
});

describe('profiles from user and workspace settings', () => {
  const user = { name: 'dev', region: REGION, userPoolId: POOL_ID, clientId: CLIENT_ID };
  it('a workspace profile with a user profile\'s name replaces it for the workspace and is marked as the workspace\'s', () => {
    const { profiles } = profilesFromLayers({ globalValue: [user], workspaceValue: [{ ...user, endpoint: 'http://127.0.0.1:4444' }] });
    assert.equal(profiles.length, 1);
    assert.equal(profiles[0].origin, 'workspace');
    assert.equal(profiles[0].endpoint, 'http://127.0.0.1:4444');
  });

  it('a workspace entry identical in target to the user\'s counts as the user\'s', () => {
    const { profiles } = profilesFromLayers({ globalValue: [user], workspaceFolderValue: [{ ...user, username: 'x' }] });
    assert.equal(profiles[0].origin, 'user');
  });

  it('a workspace entry with the user\'s target changes nothing of the user\'s entry (flow, AWS profile, scopes…)', () => {
    const mine = { ...user, authFlow: 'USER_SRP_AUTH', awsProfile: 'mine', username: 'taro' };
    const theirs = { ...user, authFlow: 'USER_PASSWORD_AUTH', awsProfile: 'theirs', username: 'x', refreshMethod: 'classic' };
    const { profiles } = profilesFromLayers({ globalValue: [mine], workspaceValue: [theirs] });
    assert.deepEqual(profiles, parseProfiles([mine], 'user').profiles);
  });

  it('user profiles stay when a workspace adds others', () => {
    const { profiles } = profilesFromLayers({ globalValue: [user], workspaceValue: [{ ...user, name: 'ws', userPoolId: `${REGION}_Other1` }] });
    assert.deepEqual(profiles.map((p) => `${p.name}:${p.origin}`), ['dev:user', 'ws:workspace']);
  });
});

describe('stored values', () => {
  it('a stored value with a newer version is kept, not deleted, and reported', async () => {
    const secrets = new FakeSecrets();
    const newer: string[] = [];
    const store = new SessionStore(secrets, { onCorrupt: () => assert.fail('not corrupt'), onNewer: (profile, version) => newer.push(`${profile}@${version}`) });
    const value = JSON.stringify({ version: 3, profile: 'dev', whatever: true });
    await secrets.store(sessionKey('dev'), value);
    assert.equal(await store.get('dev'), undefined);
    assert.equal(secrets.values.get(sessionKey('dev')), value, 'kept as it is');
    assert.deepEqual(newer, ['dev@3']);
  });

  it('non-numeric sessionEndsAt / refreshValidityMs are dropped, so nothing throws RangeError', () => {
    const base = JSON.parse(v1Value({ id: unsignedJwt(idTokenClaims(now)), access: unsignedJwt(accessTokenClaims(now)), refresh: fakeRefreshToken() })) as Record<string, unknown>;
    for (const bad of ['soon', 1e300, Number.MAX_VALUE, null, { x: 1 }]) {
      const parsed = parseStoredSession(JSON.stringify({ ...base, sessionEndsAt: bad, refreshValidityMs: bad }));
      assert.ok(parsed.kind === 'session');
      assert.equal(refreshExpiresAt(parsed.session), undefined);
      assert.doesNotThrow(() => summarizeSession(parsed.session));
      assert.equal(refreshTokenState(parsed.session, clock.now(), 0), 'unknown');
    }
  });

  it('an exp beyond Date\'s range makes neither the summary nor the timeline throw', () => {
    const huge = testSession({ tokens: { id: unsignedJwt(idTokenClaims(now, { exp: 1e20 })), access: unsignedJwt(accessTokenClaims(now, { exp: 9e15 })), refresh: fakeRefreshToken() }, sessionEndsAt: 8.64e15 });
    assert.doesNotThrow(() => summarizeSession(huge));
    const record = rotationRecord({ before: huge, after: huge, method: 'rotation', at: now * 1000 });
    assert.doesNotThrow(() => timelineRows([record, { ...record, sessionEndsAt: Number.NaN, graceUntil: 1e300 }], formatMessage, 'en'));
  });
});

describe('the refresh token\'s state (tree icon)', () => {
  it('judged by the estimated session end, since the token is encrypted', () => {
    const ends = now * 1000 + 3_600_000;
    const session = testSession({ sessionEndsAt: ends });
    assert.equal(refreshTokenState(session, now * 1000, 0), 'valid');
    assert.equal(refreshTokenState(session, ends - 60_000, 0), 'expiring');
    assert.equal(refreshTokenState(session, ends + 1, 0), 'expired');
    assert.equal(refreshTokenState(session, ends + 1, 60), 'expiring', 'the clock skew setting is honoured');
    const noRefresh = testSession();
    assert.equal(refreshTokenState({ ...noRefresh, tokens: { id: noRefresh.tokens.id, access: noRefresh.tokens.access } }, now * 1000, 0), 'none');
    assert.equal(refreshTokenState(testSession(), now * 1000, 0), 'unknown', 'no validity known');
  });
});

describe('sign-out: what stays valid', () => {
  it('after a revocation only the unexpired ID token stays valid', () => {
    assert.deepEqual(stillValidAfterSignOut(testSession(), 'global', clock), ['id']);
    assert.deepEqual(stillValidAfterSignOut(testSession(), 'refreshToken', clock), ['id']);
  });

  it('when nothing was revoked every unexpired token stays valid', () => {
    assert.deepEqual(stillValidAfterSignOut(testSession(), 'none', clock), ['id', 'access', 'refresh']);
    const later = new ManualClock((now + 7200) * 1000);
    assert.deepEqual(stillValidAfterSignOut(testSession(), 'none', later), ['refresh']);
  });

  it('global sign-out with an expired access token is noticed, so a fresh one is got first', () => {
    assert.equal(accessTokenExpired(testSession(), clock), false);
    assert.equal(accessTokenExpired(testSession(), new ManualClock((now + 7200) * 1000)), true);
  });
});

describe('auto refresh is due', () => {
  const candidate = { profile: 'p', accessExpiresAt: now * 1000 + 30_000, hasRefreshToken: true };
  it('within the margin, with auto refresh on in user settings', () => {
    assert.deepEqual(dueForAutoRefresh([candidate], { enabled: true, marginSeconds: 60 }, now * 1000, new Set()), ['p']);
    assert.deepEqual(dueForAutoRefresh([candidate], { enabled: false, marginSeconds: 60 }, now * 1000, new Set()), []);
    assert.deepEqual(dueForAutoRefresh([candidate], { enabled: true, marginSeconds: 10 }, now * 1000, new Set()), []);
  });

  it('not after a failure until the profile changes, nor without a refresh token', () => {
    assert.deepEqual(dueForAutoRefresh([candidate], { enabled: true, marginSeconds: 60 }, now * 1000, new Set(['p'])), []);
    assert.deepEqual(dueForAutoRefresh([{ ...candidate, hasRefreshToken: false }], { enabled: true, marginSeconds: 60 }, now * 1000, new Set()), []);
  });
});

describe('a repeating failure is shown once', () => {
  it('a locked keyring polled every 15 s gives one message until it changes or clears', () => {
    const gate = new MessageGate();
    const shown = Array.from({ length: 20 }, () => gate.shouldShow('secretStorage', 'locked')).filter(Boolean).length;
    assert.equal(shown, 1);
    assert.equal(gate.shouldShow('secretStorage', 'another failure'), true);
    gate.clear('secretStorage');
    assert.equal(gate.shouldShow('secretStorage', 'another failure'), true);
  });
});

