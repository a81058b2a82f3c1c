import * as assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/shared/clock';
import { formatMessage as t } from '../../src/core/shared/l10n';
import { jwksUrlFor, verifyToken } from '../../src/core/tokens/verify';
import { startJwksServer, type JwksServer } from '../fixtures/jwksServer';
import { createSigningKey, fakeRefreshToken, idTokenClaims, accessTokenClaims, signJwt, CLIENT_ID } from '../fixtures/tokenFactory';

describe('verifyToken against a JWKS on this machine', function () {
  this.timeout(20_000);
  const key = createSigningKey('kid-one');
  const stranger = createSigningKey('kid-one');
  const now = Math.floor(Date.now() / 1000);
  const clock = new ManualClock(now * 1000);
  let server: JwksServer;

  before(async () => {
    server = await startJwksServer([key]);
  });
  after(() => server.close());

  const options = { clock, skewSeconds: 0, t };

  it('verifies signature, issuer, expiry and audience', async () => {
    const token = signJwt(idTokenClaims(now, { iss: server.issuer }), key);
    const result = await verifyToken(token, { ...options, expectedClientId: CLIENT_ID });
    assert.equal(result.status, 'verified', result.reason);
    assert.deepEqual(result.checks.map((c) => c.name), ['signature', 'issuer', 'expiry', 'audience']);
    assert.equal(result.jwksUrl, `${server.issuer}/.well-known/jwks.json`);
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
    const token = signJwt(idTokenClaims(now, { iss: 'http://127.0.0.1:9/ap-northeast-1_Gone' }), key);
    const result = await verifyToken(token, { ...options, timeoutMs: 2000 });
    assert.equal(result.status, 'failed');
    assert.match(result.reason, /Could not check: .* could not be reached/);
  });

  it('does not fetch over plain http from other hosts, nor check encrypted tokens', async () => {
    assert.equal(jwksUrlFor('http://example.com/pool'), undefined);
    assert.equal(jwksUrlFor('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x')?.href, 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x/.well-known/jwks.json');
    const plain = await verifyToken(signJwt(idTokenClaims(now, { iss: 'http://example.com/pool' }), key), options);
    assert.equal(plain.status, 'notChecked');
    assert.equal((await verifyToken(fakeRefreshToken(), options)).status, 'notChecked');
  });
});
