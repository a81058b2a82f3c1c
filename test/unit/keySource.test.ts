import * as assert from 'node:assert/strict';
import { CONFIRMED_ISSUERS_KEY, forgetConfirmedIssuers, issuerMatchesPool, keySourceFor, parseConfirmedIssuers, poolIssuers, withConfirmedIssuer, type KeyTrust, type PoolRef } from '../../src/core/tokens/keySource';

const none: KeyTrust = { signedInPools: [], confirmedIssuers: [] };
const aws: PoolRef = { region: 'us-east-1', userPoolId: 'us-east-1_AbC123' };
const local: PoolRef = { region: 'local', userPoolId: 'local_Pool1', endpoint: 'http://127.0.0.1:9229' };

describe('keySourceFor: where keys may come from', () => {
  it('builds AWS JWKS URLs from region and pool id, for both issuer formats', () => {
    assert.deepEqual(keySourceFor('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123', none), {
      kind: 'fetch',
      via: 'aws',
      jwksUrl: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123/.well-known/jwks.json',
    });
    assert.deepEqual(keySourceFor('https://issuer-cognito-idp.eu-west-2.amazonaws.com/eu-west-1_Zz9', none), {
      kind: 'fetch',
      via: 'aws',
      jwksUrl: 'https://issuer-cognito-idp.eu-west-2.amazonaws.com/eu-west-1_Zz9/.well-known/jwks.json',
    });
    // The dotted host of an earlier draft does not exist: no keys are fetched from it.
    assert.notDeepEqual(keySourceFor('https://issuer.cognito-idp.eu-west-2.amazonaws.com/eu-west-1_Zz9', none), {
      kind: 'fetch',
      via: 'aws',
      jwksUrl: 'https://issuer.cognito-idp.eu-west-2.amazonaws.com/eu-west-1_Zz9/.well-known/jwks.json',
    });
  });

  it('does not take look-alike AWS issuers for AWS', () => {
    for (const iss of [
      'https://cognito-idp.us-east-1.amazonaws.com.evil.example/us-east-1_AbC123',
      'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123/extra',
      'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123?x=1',
      'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123/',
      'https://cognito-idp.us-east-1.amazonaws.com/../admin',
      'https://user@cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123',
      'http://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123',
      'https://cognito-idp.US-EAST-1.amazonaws.com/us-east-1_AbC123',
    ]) {
      const source = keySourceFor(iss, none);
      assert.notEqual(source.kind === 'fetch' && source.via, 'aws', iss);
      assert.notEqual(source.kind, 'fetch', iss);
    }
  });

  it('never fetches from an issuer with a query, fragment or user name, whatever is trusted', () => {
    const hostile = 'http://127.0.0.1:9229/admin/delete?id=42&x=';
    const trustAll: KeyTrust = { signedInPools: [local, { ...local, endpoint: 'http://127.0.0.1:9229/admin/delete?id=42&x=' }], confirmedIssuers: [hostile] };
    for (const iss of [hostile, 'https://idp.example/pool#frag', 'https://user:pw@idp.example/pool', 'https://idp.example/pool?']) {
      assert.deepEqual(keySourceFor(iss, trustAll), { kind: 'refuse', reason: 'notAnIssuer' }, iss);
    }
  });

  it('refuses plain http to other machines and anything that is not a canonical URL', () => {
    assert.deepEqual(keySourceFor('http://example.com/pool', none), { kind: 'refuse', reason: 'plainHttp' });
    assert.deepEqual(keySourceFor('http://10.0.0.5/pool', { ...none, confirmedIssuers: ['http://10.0.0.5/pool'] }), { kind: 'refuse', reason: 'plainHttp' });
    for (const iss of ['', 'not a url', 'file:///etc/passwd', 'https://idp.example/a/../b', 'https://IDP.example/pool', 'https://idp.example/p\u202eool', 42, undefined, `https://idp.example/${'a'.repeat(600)}`]) {
      assert.deepEqual(keySourceFor(iss, none), { kind: 'refuse', reason: 'malformed' }, String(iss));
    }
  });

  it('fetches from a signed-in profile\'s own endpoint, for its own pool only', () => {
    const trust: KeyTrust = { signedInPools: [local], confirmedIssuers: [] };
    assert.deepEqual(keySourceFor('http://127.0.0.1:9229/local_Pool1', trust), {
      kind: 'fetch',
      via: 'profile',
      jwksUrl: 'http://127.0.0.1:9229/local_Pool1/.well-known/jwks.json',
    });
    // Another pool at the same endpoint, or the same pool elsewhere, is not the profile's.
    assert.equal(keySourceFor('http://127.0.0.1:9229/local_Other', trust).kind, 'confirm');
    assert.equal(keySourceFor('http://127.0.0.1:9230/local_Pool1', trust).kind, 'confirm');
    assert.equal(keySourceFor('http://127.0.0.1:9229/local_Pool1', none).kind, 'confirm');
  });

  it('asks before fetching from an unknown https issuer, private addresses included, and fetches once confirmed', () => {
    for (const iss of ['https://10.1.2.3/pool', 'https://idp.internal.example/realms/x', 'http://127.0.0.1:8080/admin/delete', 'http://localhost:3000']) {
      assert.deepEqual(keySourceFor(iss, none), { kind: 'confirm', issuer: iss });
    }
    assert.deepEqual(keySourceFor('https://idp.internal.example/realms/x', { ...none, confirmedIssuers: ['https://idp.internal.example/realms/x'] }), {
      kind: 'fetch',
      via: 'confirmed',
      jwksUrl: 'https://idp.internal.example/realms/x/.well-known/jwks.json',
    });
    // The confirmation is for that exact string.
    assert.equal(keySourceFor('https://idp.internal.example/realms/y', { ...none, confirmedIssuers: ['https://idp.internal.example/realms/x'] }).kind, 'confirm');
  });

  it('checks a stored token against its own profile\'s pool only', () => {
    assert.deepEqual(keySourceFor('http://127.0.0.1:9229/local_Pool1', { ...none, ownPool: local }), {
      kind: 'fetch',
      via: 'profile',
      jwksUrl: 'http://127.0.0.1:9229/local_Pool1/.well-known/jwks.json',
    });
    const ownAws = { ...none, ownPool: aws, confirmedIssuers: ['https://idp.example/x'] };
    assert.equal(keySourceFor('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123', ownAws).kind, 'fetch');
    // Even AWS and confirmed issuers are not used for another pool's token.
    assert.deepEqual(keySourceFor('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other1', ownAws), { kind: 'refuse', reason: 'notOwnPool' });
    assert.deepEqual(keySourceFor('https://idp.example/x', ownAws), { kind: 'refuse', reason: 'notOwnPool' });
    const plainHttpEndpoint = { region: 'local', userPoolId: 'local_Pool1', endpoint: 'http://cognito.example:9229' };
    assert.deepEqual(keySourceFor('http://cognito.example:9229/local_Pool1', { ...none, ownPool: plainHttpEndpoint }), { kind: 'refuse', reason: 'badEndpoint' });
  });

  it('says whether an issuer is the profile\'s pool', () => {
    assert.equal(issuerMatchesPool('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123', aws), true);
    // A pool that switched to the UPDATED issuer: tokens from before and after the switch are both its own.
    assert.equal(issuerMatchesPool('https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123', aws), true);
    assert.equal(issuerMatchesPool('https://issuer.cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123', aws), false);
    assert.equal(issuerMatchesPool('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other1', aws), false);
    assert.equal(issuerMatchesPool('http://127.0.0.1:9229/local_Pool1', { ...local, endpoint: 'http://127.0.0.1:9229/' }), true);
    assert.equal(issuerMatchesPool(undefined, aws), false);
    assert.equal(issuerMatchesPool('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123', undefined), undefined);
    assert.deepEqual(poolIssuers(local), ['http://127.0.0.1:9229/local_Pool1']);
  });

  it('remembers confirmations by exact string, bounded, and ignores malformed stored values', () => {
    let list: string[] = [];
    for (let i = 0; i < 60; i++) list = withConfirmedIssuer(list, `https://idp${i}.example`);
    assert.equal(list.length, 50);
    assert.equal(list[49], 'https://idp59.example');
    assert.deepEqual(withConfirmedIssuer(['https://a.example', 'https://b.example'], 'https://a.example'), ['https://b.example', 'https://a.example']);
    assert.deepEqual(parseConfirmedIssuers(['https://a.example', 7, 'http://127.0.0.1:1/x?y', 'http://evil.example/x']), ['https://a.example']);
    assert.deepEqual(parseConfirmedIssuers({ not: 'a list' }), []);
  });

  it('forgets every trusted issuer and counts only the well-formed ones', async () => {
    const state = new Map<string, unknown>([[CONFIRMED_ISSUERS_KEY, ['https://a.example', 7, 'https://b.example']], ['other', 1]]);
    const store = { get: (key: string) => state.get(key), update: (key: string, value: unknown) => Promise.resolve(void (value === undefined ? state.delete(key) : state.set(key, value))) };
    assert.equal(await forgetConfirmedIssuers(store), 2);
    assert.equal(state.has(CONFIRMED_ISSUERS_KEY), false);
    assert.equal(state.get('other'), 1, 'nothing else is touched');
    assert.deepEqual(parseConfirmedIssuers(state.get(CONFIRMED_ISSUERS_KEY)), []);
    assert.equal(await forgetConfirmedIssuers(store), 0);
  });
});
