import * as assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/shared/clock';
import { formatMessage as t } from '../../src/core/shared/l10n';
import type { KeyTrust } from '../../src/core/tokens/keySource';
import { forgetCachedKeys, verifyToken, type VerifyOptions } from '../../src/core/tokens/verify';
import { startJwksServer, type JwksServer } from '../fixtures/jwksServer';
import { endlessBody, startLoopbackServer, type LoopbackServer } from '../fixtures/loopbackServer';
import { createSigningKey, fakeRefreshToken, idTokenClaims, accessTokenClaims, signJwt, CLIENT_ID } from '../fixtures/tokenFactory';

const POOL = 'ap-northeast-1_LocalTest1';

describe('verifyToken against a JWKS on this machine', function () {
  this.timeout(20_000);
  const key = createSigningKey('kid-one');
  const stranger = createSigningKey('kid-one');
  const now = Math.floor(Date.now() / 1000);
  const clock = new ManualClock(now * 1000);
  let server: JwksServer;
  let options: VerifyOptions;

  before(async () => {
    server = await startJwksServer([key], POOL);
    // The server is a signed-in profile's own endpoint, as a local user pool is.
    const endpoint = server.issuer.slice(0, -POOL.length - 1);
    options = { clock, skewSeconds: 0, t, trust: { signedInPools: [{ region: 'ap-northeast-1', userPoolId: POOL, endpoint }], confirmedIssuers: [] } };
  });
  after(() => server.close());
  beforeEach(forgetCachedKeys);

  it('verifies signature, issuer, expiry and audience, with keys from the profile\'s endpoint', async () => {
    const token = signJwt(idTokenClaims(now, { iss: server.issuer }), key);
    const result = await verifyToken(token, { ...options, expectedClientId: CLIENT_ID });
    assert.equal(result.status, 'verified', result.reason);
    assert.deepEqual(result.checks.map((c) => c.name), ['signature', 'issuer', 'expiry', 'audience']);
    assert.equal(result.jwksUrl, `${server.issuer}/.well-known/jwks.json`);
    assert.equal(result.keySource, 'profile');
    assert.equal(result.issuerMatchesProfile, undefined, 'no profile was named');
  });

  it('reuses fetched keys for the next verification', async () => {
    const before = server.requests();
    const token = signJwt(idTokenClaims(now, { iss: server.issuer }), key);
    assert.equal((await verifyToken(token, options)).status, 'verified');
    assert.equal((await verifyToken(token, options)).status, 'verified');
    assert.equal(server.requests() - before, 1);
  });

  it('checks client_id, not aud, for access tokens', async () => {
    const token = signJwt(accessTokenClaims(now, { iss: server.issuer }), key);
    assert.equal((await verifyToken(token, { ...options, expectedClientId: CLIENT_ID })).status, 'verified');
    const wrong = await verifyToken(token, { ...options, expectedClientId: 'another-client' });
    assert.equal(wrong.status, 'failed');
    assert.match(wrong.reason, /client_id is .* but the app client is another-client/);
  });

  it('fails a token signed by another key with the same kid', async () => {
    const token = signJwt(idTokenClaims(now, { iss: server.issuer }), stranger);
    const result = await verifyToken(token, options);
    assert.equal(result.status, 'failed');
    assert.match(result.reason, /signature does not match/);
  });

  it('fails an altered payload', async () => {
    const token = signJwt(idTokenClaims(now, { iss: server.issuer }), key);
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify(idTokenClaims(now, { iss: server.issuer, 'cognito:groups': ['root'] }))).toString('base64url');
    assert.equal((await verifyToken(`${h}.${forged}.${s}`, options)).status, 'failed');
  });

  it('fails an expired token, and honours the clock skew', async () => {
    const token = signJwt(idTokenClaims(now, { iss: server.issuer, exp: now - 10 }), key);
    const expired = await verifyToken(token, options);
    assert.equal(expired.status, 'failed');
    assert.match(expired.reason, /expired/);
    assert.equal((await verifyToken(token, { ...options, skewSeconds: 60 })).status, 'verified');
  });

  it('fails when no key matches the kid', async () => {
    const token = signJwt(idTokenClaims(now, { iss: server.issuer }), createSigningKey('other-kid'));
    const result = await verifyToken(token, options);
    assert.equal(result.status, 'failed');
    assert.match(result.reason, /no key .* matches/);
  });

  it('says the keys could not be fetched when the issuer is unreachable', async () => {
    const iss = 'http://127.0.0.1:9/ap-northeast-1_Gone';
    const token = signJwt(idTokenClaims(now, { iss }), key);
    const result = await verifyToken(token, { ...options, trust: { signedInPools: [], confirmedIssuers: [iss] }, limits: { timeoutMs: 2000 } });
    assert.equal(result.status, 'failed');
    assert.match(result.reason, /Could not check: .* could not be reached/);
  });

  it('does not fetch over plain http from other hosts, nor check encrypted tokens', async () => {
    const plain = await verifyToken(signJwt(idTokenClaims(now, { iss: 'http://example.com/pool' }), key), options);
    assert.equal(plain.status, 'notChecked');
    assert.equal((await verifyToken(fakeRefreshToken(), options)).status, 'notChecked');
  });

  it('with a profile: verifies against its pool and says the issuer is the profile\'s', async () => {
    const endpoint = server.issuer.slice(0, -POOL.length - 1);
    const token = signJwt(idTokenClaims(now, { iss: server.issuer }), key);
    const own = await verifyToken(token, { ...options, trust: { signedInPools: [], confirmedIssuers: [], ownPool: { region: 'local', userPoolId: POOL, endpoint } } });
    assert.equal(own.status, 'verified', own.reason);
    assert.equal(own.issuerMatchesProfile, true);
    assert.ok(own.checks.some((check) => check.name === 'profilePool' && check.ok));
  });
});

describe('verifyToken fetches keys only from trusted places', function () {
  this.timeout(20_000);
  const key = createSigningKey('kid-two');
  const now = Math.floor(Date.now() / 1000);
  const clock = new ManualClock(now * 1000);
  const noTrust: KeyTrust = { signedInPools: [], confirmedIssuers: [] };
  const options = { clock, skewSeconds: 0, t, trust: noTrust };
  let listener: LoopbackServer;

  beforeEach(async () => {
    forgetCachedKeys();
    listener = await startLoopbackServer((request, response) =>
      request.url?.endsWith('/.well-known/jwks.json') ? response.writeHead(200).end(JSON.stringify({ keys: [key.jwk] })) : response.writeHead(404).end(),
    );
  });
  afterEach(() => listener.close());

  it('makes no request for a token whose iss is a loopback URL with a path and query', async () => {
    const iss = `${listener.origin}/admin/delete?id=42&x=`;
    const token = signJwt(idTokenClaims(now, { iss }), key);
    const trustingAll: KeyTrust = { signedInPools: [{ region: 'local', userPoolId: 'local_x', endpoint: listener.origin }], confirmedIssuers: [iss] };
    for (const trust of [noTrust, trustingAll, { ...noTrust, ownPool: { region: 'local', userPoolId: 'local_x', endpoint: listener.origin } }]) {
      const result = await verifyToken(token, { ...options, trust });
      assert.equal(result.status, 'notChecked');
      assert.equal(result.confirmIssuer, undefined, 'nothing to confirm: it is not an issuer');
    }
    assert.deepEqual(listener.requests, []);
  });

  it('asks to confirm an unknown issuer without fetching, then fetches only {issuer}/.well-known/jwks.json', async () => {
    const iss = `${listener.origin}/realms/dev`;
    const token = signJwt(idTokenClaims(now, { iss }), key);
    const asked = await verifyToken(token, options);
    assert.equal(asked.status, 'notChecked');
    assert.equal(asked.confirmIssuer, iss);
    assert.deepEqual(listener.requests, []);
    const confirmed = await verifyToken(token, { ...options, trust: { ...noTrust, confirmedIssuers: [iss] } });
    // Trusting where the keys come from does not make the issuer one of the user's pools.
    assert.equal(confirmed.status, 'notYourPool', confirmed.reason);
    assert.equal(confirmed.keySource, 'confirmed');
    assert.deepEqual(listener.requests, ['/realms/dev/.well-known/jwks.json']);
  });

  it('a token genuinely signed by someone else\'s AWS pool is not "verified": it says whose, and the audience is not checked', async () => {
    const attacker = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Attacker1';
    const fetched: string[] = [];
    const awsFetch: typeof fetch = (input) => {
      const url = input instanceof Request ? input.url : input.toString();
      fetched.push(url);
      return Promise.resolve(url === `${attacker}/.well-known/jwks.json` ? new Response(JSON.stringify({ keys: [key.jwk] }), { status: 200, headers: { 'content-type': 'application/json' } }) : new Response('', { status: 404 }));
    };
    const token = signJwt(idTokenClaims(now, { iss: attacker, email: 'admin@victim.example' }), key);
    const mine = { region: 'ap-northeast-1', userPoolId: 'ap-northeast-1_Mine1' };
    const limits = { fetch: awsFetch };
    for (const trust of [noTrust, { ...noTrust, signedInPools: [mine], profilePools: [mine] }]) {
      const result = await verifyToken(token, { ...options, limits, trust });
      assert.equal(result.status, 'notYourPool', result.reason);
      assert.equal(result.keySource, 'aws');
      assert.match(result.reason, /^Signature valid, issued by https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_Attacker1, which is not one of your profiles' user pools/);
      assert.doesNotMatch(result.reason, /Verified/);
      const audience = result.checks.find((check) => check.name === 'audience');
      assert.equal(audience?.ok, false);
      assert.equal(audience?.notChecked, true);
      assert.match(audience?.detail ?? '', /^Not checked/);
      assert.ok(result.checks.some((check) => check.name === 'signature' && check.ok));
    }
    assert.deepEqual([...new Set(fetched)], [`${attacker}/.well-known/jwks.json`]);
    // The same pool in the user's own profiles (settings or signed in): verified, audience compared.
    const theirs = { region: 'us-east-1', userPoolId: 'us-east-1_Attacker1' };
    for (const trust of [{ ...noTrust, profilePools: [theirs] }, { ...noTrust, signedInPools: [theirs] }]) {
      const result = await verifyToken(token, { ...options, limits, trust, expectedClientId: CLIENT_ID });
      assert.equal(result.status, 'verified', result.reason);
      assert.ok(result.checks.some((check) => check.name === 'audience' && check.ok && !check.notChecked));
    }
  });

  it('a stored token whose iss is not its profile\'s pool is not fetched, and says so', async () => {
    const iss = `${listener.origin}/ap-northeast-1_Elsewhere`;
    const token = signJwt(idTokenClaims(now, { iss }), key);
    const result = await verifyToken(token, { ...options, trust: { ...noTrust, confirmedIssuers: [iss], ownPool: { region: 'ap-northeast-1', userPoolId: 'ap-northeast-1_Mine1' } } });
    assert.equal(result.status, 'notChecked');
    assert.equal(result.issuerMatchesProfile, false);
    assert.match(result.reason, /not its profile's user pool/);
    assert.deepEqual(listener.requests, []);
  });

  it('reports an oversized key set as not a key set, cut at 1 MB', async () => {
    const big = await startLoopbackServer(endlessBody());
    try {
      const iss = `${big.origin}/big`;
      const result = await verifyToken(signJwt(idTokenClaims(now, { iss }), key), { ...options, trust: { ...noTrust, confirmedIssuers: [iss] } });
      assert.equal(result.status, 'failed');
      assert.match(result.reason, /more than 1 MB/);
    } finally {
      await big.close();
    }
  });

  it('reports a redirect and a slow issuer', async () => {
    const redirecting = await startLoopbackServer((_request, response) => response.writeHead(301, { location: `${listener.origin}/x/.well-known/jwks.json` }).end());
    const slow = await startLoopbackServer(() => undefined);
    try {
      const moved = await verifyToken(signJwt(idTokenClaims(now, { iss: `${redirecting.origin}/p` }), key), { ...options, trust: { ...noTrust, confirmedIssuers: [`${redirecting.origin}/p`] } });
      assert.match(moved.reason, /redirect, which is not followed/);
      assert.deepEqual(listener.requests, []);
      const late = await verifyToken(signJwt(idTokenClaims(now, { iss: `${slow.origin}/p` }), key), { ...options, trust: { ...noTrust, confirmedIssuers: [`${slow.origin}/p`] }, limits: { timeoutMs: 150 } });
      assert.match(late.reason, /timed out/);
    } finally {
      await redirecting.close();
      await slow.close();
    }
  });
});
