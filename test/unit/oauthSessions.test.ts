import * as assert from 'node:assert/strict';
import { checkBinding, bindingFor } from '../../src/core/sessions/binding';
import { parseProfiles } from '../../src/core/sessions/profiles';
import { confirmationKey } from '../../src/core/sessions/profileTrust';
import { refreshSession, type RefreshApi } from '../../src/core/sessions/refreshFlow';
import { rotationRecord, timelineRows } from '../../src/core/sessions/rotationHistory';
import { newSession, parseStoredSession, summarizeSession, type StoredSession } from '../../src/core/sessions/storedSession';
import { ManualClock } from '../../src/core/shared/clock';
import { formatMessage } from '../../src/core/shared/l10n';
import { explainClaimInToken } from '../../src/core/tokens/claimExplanations';
import { inspectToken } from '../../src/core/tokens/inspection';
import { decodeToken } from '../../src/core/tokens/jwt';
import { accessTokenClaims, fakeRefreshToken, idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';

const now = 1_800_000_000;
const clock = new ManualClock(now * 1000);
const base = { name: 'p', region: 'local', userPoolId: 'local_abc', clientId: 'client1', endpoint: 'http://127.0.0.1:9229' };

describe('profiles for managed login, USER_AUTH and client credentials', () => {
  it('reads the new fields and normalises the domain to its origin', () => {
    const { profiles, invalid } = parseProfiles([
      { ...base, name: 'm', authFlow: 'MANAGED_LOGIN', domain: 'https://demo.auth.ap-northeast-1.amazoncognito.com/', scopes: ['openid', 'email'], redirectUri: 'http://localhost:45678/callback', identityProvider: 'Google' },
      { ...base, name: 'u', authFlow: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' },
      { ...base, name: 'c', authFlow: 'CLIENT_CREDENTIALS', domain: 'http://127.0.0.1:9229', scopes: ['orders-api/read'] },
    ]);
    assert.deepEqual(invalid, []);
    assert.equal(profiles[0].domain, 'https://demo.auth.ap-northeast-1.amazoncognito.com');
    assert.deepEqual(profiles[0].scopes, ['openid', 'email']);
    assert.equal(profiles[0].identityProvider, 'Google');
    assert.equal(profiles[1].preferredChallenge, 'EMAIL_OTP');
    assert.equal(profiles[2].domain, 'http://127.0.0.1:9229');
  });

  it('refuses a domain a workspace could use to collect tokens, and flows without the domain they need', () => {
    const { profiles, invalid } = parseProfiles(
      [
        { ...base, name: 'plain-http', authFlow: 'MANAGED_LOGIN', domain: 'http://login.example.com' },
        { ...base, name: 'with-path', authFlow: 'MANAGED_LOGIN', domain: 'https://login.example.com/collect?x=' },
        { ...base, name: 'no-domain', authFlow: 'CLIENT_CREDENTIALS', scopes: ['a/b'] },
        { ...base, name: 'far-redirect', authFlow: 'MANAGED_LOGIN', domain: 'https://login.example.com', redirectUri: 'https://attacker.example/cb' },
        { ...base, name: 'bad-scope', authFlow: 'MANAGED_LOGIN', domain: 'https://login.example.com', scopes: ['ok', 'not"ok'] },
        { ...base, name: 'bad-factor', authFlow: 'USER_AUTH', preferredChallenge: 'FACE' },
      ],
      'workspace',
    );
    assert.deepEqual(profiles, []);
    assert.deepEqual(invalid, ['plain-http', 'with-path', 'no-domain', 'far-redirect', 'bad-scope', 'bad-factor']);
  });

  it('a session is bound to its domain: the profile pointing at another domain is told it moved', () => {
    const [profile] = parseProfiles([{ ...base, authFlow: 'MANAGED_LOGIN', domain: 'https://a.example.com' }]).profiles;
    const [moved] = parseProfiles([{ ...base, authFlow: 'MANAGED_LOGIN', domain: 'https://b.example.com' }]).profiles;
    const binding = bindingFor(profile, undefined);
    assert.equal(checkBinding(binding, profile).ok, true);
    const check = checkBinding(binding, moved);
    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.now, /b\.example\.com/);
    assert.notEqual(confirmationKey(profile), confirmationKey(moved), 'a workspace confirmation names the domain');
  });
});

function m2mAccess(): string {
  return unsignedJwt({ sub: 'client1', client_id: 'client1', token_use: 'access', scope: 'orders-api/read', iss: 'http://127.0.0.1:9229/local_abc', exp: now + 3600, iat: now, jti: 'j1' });
}

describe('sessions without an ID token (machine to machine)', () => {
  const session = (): StoredSession =>
    newSession({ profile: 'c', binding: { region: 'local', userPoolId: 'local_abc', clientId: 'client1', domain: 'http://127.0.0.1:9229' }, typedUsername: 'client1', authFlow: 'CLIENT_CREDENTIALS', tokens: { access: m2mAccess() }, clock });

  it('store, read back and summarise with tokens.id and tokens.refresh absent, sub the client id', () => {
    const parsed = parseStoredSession(JSON.stringify(session()));
    assert.equal(parsed.kind, 'session');
    const summary = summarizeSession(parsed.kind === 'session' ? parsed.session : session());
    assert.equal(summary.tokens.id, undefined);
    assert.equal(summary.tokens.refresh, undefined);
    assert.equal(summary.sub, 'client1');
    assert.equal(summary.tokens.access.scope, 'orders-api/read');
  });

  it('"refresh" asks the token endpoint for a new access token and records it', async () => {
    const before = session();
    const calls: string[] = [];
    const api: RefreshApi = {
      tokenEndpoint: {
        refresh: () => Promise.reject(new Error('no refresh token to use')),
        clientCredentials: () => {
          calls.push('client_credentials');
          return Promise.resolve({ access: m2mAccess() });
        },
      },
      getTokensFromRefreshToken: () => Promise.reject(new Error('not here')),
      initiateAuth: () => Promise.reject(new Error('not here')),
    };
    const result = await refreshSession(api, before, { clientId: 'client1', method: 'auto', clock });
    assert.deepEqual(calls, ['client_credentials']);
    assert.equal(result.method, 'clientCredentials');
    assert.equal(result.session.tokens.id, undefined);
    const record = rotationRecord({ before, after: result.session, method: result.method, at: clock.now() });
    assert.equal(record.rotated, false);
    assert.equal(timelineRows([record], formatMessage, 'en')[0].summary, 'Client credentials: a new access token');
  });

  it('hover and inspector say sub is the client id and explain the custom scope', () => {
    const payload = { sub: 'client1', client_id: 'client1', token_use: 'access', scope: 'orders-api/read' };
    assert.match(explainClaimInToken('sub', payload, formatMessage) ?? '', /app client id.*no user/);
    assert.match(explainClaimInToken('scope', payload, formatMessage) ?? '', /custom scope "read" of resource server "orders-api"/);
    assert.equal(explainClaimInToken('sub', { ...payload, username: 'taro', sub: 'u-1' }, formatMessage), undefined, 'a user\'s token keeps the usual meaning');
    const token = m2mAccess();
    const decoded = decodeToken(token);
    assert.equal(decoded.kind, 'jws');
    if (decoded.kind !== 'jws') return;
    const inspection = inspectToken(token, decoded, { t: formatMessage, clock, skewSeconds: 0 });
    assert.ok(inspection.kind === 'jws' && inspection.payload.some((row) => row.name === 'sub' && /no user/.test(row.explanation ?? '')));
  });
});

describe('managed-login refresh at the token endpoint', () => {
  it('rotation replaces the refresh token, keeps the session end and the ID token when none comes back', async () => {
    const before: StoredSession = {
      ...newSession({ profile: 'm', binding: { region: 'local', userPoolId: 'local_abc', clientId: 'client1', domain: 'http://127.0.0.1:9229' }, typedUsername: '', authFlow: 'MANAGED_LOGIN', tokens: { id: unsignedJwt(idTokenClaims(now)), access: unsignedJwt(accessTokenClaims(now)), refresh: fakeRefreshToken() }, refreshValidityMs: 86_400_000, clock }),
    };
    const fresh = fakeRefreshToken();
    const api: RefreshApi = {
      tokenEndpoint: { refresh: () => Promise.resolve({ access: unsignedJwt(accessTokenClaims(now + 60)), refresh: fresh }), clientCredentials: () => Promise.reject(new Error('no')) },
      getTokensFromRefreshToken: () => Promise.reject(new Error('never the Cognito API for a managed-login session')),
      initiateAuth: () => Promise.reject(new Error('never the Cognito API for a managed-login session')),
    };
    const result = await refreshSession(api, before, { clientId: 'client1', method: 'classic', clock });
    assert.equal(result.method, 'tokenEndpoint');
    assert.equal(result.session.tokens.refresh, fresh);
    assert.equal(result.session.tokens.id, before.tokens.id);
    assert.equal(result.session.sessionEndsAt, before.sessionEndsAt);
    const record = rotationRecord({ before, after: result.session, method: result.method, at: clock.now() });
    assert.equal(timelineRows([record], formatMessage, 'en')[0].summary, 'Token endpoint (refresh_token grant): rotated');
  });
});
