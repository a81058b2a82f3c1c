import * as assert from 'node:assert/strict';
import { formatMessage as t } from '../../src/core/shared/l10n';
import {
  audienceOf,
  derivedTokenDue,
  derivedTokenFrom,
  DerivedTokenStore,
  exchangeFailureMessage,
  exchangeSummary,
  getDerivedTokenRequest,
  scopesOf,
} from '../../src/core/exchange/derivedTokens';
import { parseScopes, sessionId } from '../../src/core/usage/authScopes';
import { accessTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';

const now = 1_800_000_000_000;

function derived(audience: string, signedInAt = 1, act?: unknown) {
  const token = unsignedJwt(accessTokenClaims(now / 1000, { aud: audience, scope: 'orders/read', exp: now / 1000 + 3600, ...(act ? { act } : {}) }));
  const made = derivedTokenFrom({ IssuedToken: token, ExpiresIn: 3600, Scopes: ['orders/read'] }, { profile: 'p', audience, now, sessionSignedInAt: signedInAt });
  assert.ok(made);
  return made;
}

/** Issue 16: what a derived token is, when it is due, what a sign-out or a new sign-in does to it. */
describe('derived tokens (token exchange)', () => {
  it('builds GetDerivedToken\'s JSON: one audience or resource, the actor only with delegation', () => {
    assert.deepEqual(getDerivedTokenRequest({ clientId: 'c', subjectToken: 's', audience: 'orders-api' }), {
      ClientId: 'c', SubjectToken: 's', SubjectTokenType: 'urn:ietf:params:oauth:token-type:access_token', Audiences: ['orders-api'], RequestedTokenType: 'urn:ietf:params:oauth:token-type:access_token',
    });
    const delegated = getDerivedTokenRequest({ clientId: 'c', clientSecret: 'x', subjectToken: 's', actorToken: 'a', resource: 'https://api.example', scopes: ['r'] });
    assert.equal(delegated.ActorTokenType, 'urn:ietf:params:oauth:token-type:access_token');
    assert.deepEqual(delegated.Resources, ['https://api.example']);
    assert.equal(delegated.Audiences, undefined);
  });

  it('reads the answer, takes expiry from the token, and summarises without the token', () => {
    const made = derived('orders-api', 1, { client_id: 'agent', act: { client_id: 'mcp' } });
    assert.equal(made.expiresAt, now + 3600_000);
    const summary = exchangeSummary(made);
    assert.deepEqual(summary.actors, ['agent', 'mcp']);
    assert.ok(!JSON.stringify(summary).includes(made.token));
    assert.equal(derivedTokenFrom({}, { profile: 'p', audience: 'a', now, sessionSignedInAt: 1 }), undefined);
  });

  it('is due within the user\'s margin, and when there is none', () => {
    const made = derived('orders-api');
    assert.equal(derivedTokenDue(made, now, 60), false);
    assert.equal(derivedTokenDue(made, now + 3600_000 - 30_000, 60), true);
    assert.equal(derivedTokenDue(undefined, now, 60), true);
  });

  it('keeps derived tokens through a refresh of the same sign-in, drops them on sign-out or a new sign-in', () => {
    const store = new DerivedTokenStore();
    const changed: string[] = [];
    store.onDidChange((profile) => changed.push(profile));
    store.put(derived('a', 10));
    store.put(derived('b', 10));
    store.sessionChanged('p', { signedInAt: 10 });
    assert.equal(store.list('p').length, 2, 'a refresh keeps them');
    store.sessionChanged('p', { signedInAt: 11 });
    assert.equal(store.list('p').length, 0, 'a new sign-in drops them');
    store.put(derived('a', 11));
    store.sessionChanged('p', undefined);
    assert.equal(store.get('p', 'a'), undefined, 'a sign-out drops them');
    assert.ok(changed.length >= 4);
  });

  it('takes audiences and scopes from untrusted input as strings only', () => {
    assert.equal(audienceOf({ audience: '  ' }), undefined);
    assert.equal(audienceOf({ resource: 'https://api.example' }), 'https://api.example');
    assert.equal(audienceOf({ audience: 'x'.repeat(3000) }), undefined);
    assert.deepEqual(scopesOf(['a', 'a', 3, '', 'b']), ['a', 'b']);
    assert.deepEqual(scopesOf('a b'), ['a', 'b']);
    assert.equal(scopesOf(undefined), undefined);
  });

  it('says what to do for the refusals a user can fix', () => {
    assert.match(exchangeFailureMessage('NotAuthorizedException', 'add ALLOW_TOKEN_EXCHANGE_IMPERSONATION to its ExplicitAuthFlows', t) ?? '', /Add ALLOW_TOKEN_EXCHANGE_IMPERSONATION/);
    assert.match(exchangeFailureMessage('FeatureUnavailableInTierException', '', t) ?? '', /Essentials or Plus/);
    assert.match(exchangeFailureMessage('invalid_scope', '', t) ?? '', /narrow/);
    assert.equal(exchangeFailureMessage('NotAuthorizedException', 'Invalid subject token: revoked', t), undefined);
  });

  it('the auth provider takes audience:X for a derived access token, never with id_token', () => {
    assert.deepEqual(parseScopes(['profile:p', 'audience:orders-api']), { ok: true, profile: 'p', tokenType: 'access', audience: 'orders-api' });
    assert.equal(parseScopes(['audience:a', 'audience:b']).ok, false);
    assert.equal(parseScopes(['audience:a', 'id_token']).ok, false);
    assert.notEqual(sessionId('p', 'access', 'a'), sessionId('p', 'access'));
  });
});
