import * as assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/shared/clock';
import { fingerprint } from '../../src/core/shared/fingerprint';
import { formatMessage as t } from '../../src/core/shared/l10n';
import { inspectToken } from '../../src/core/tokens/inspection';
import { decodeToken, type DecodedToken } from '../../src/core/tokens/jwt';
import { summarizeToken } from '../../src/core/tokens/tokenSummary';
import { fakeRefreshToken, idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';

const now = 1_800_000_000;
const options = { clock: new ManualClock(now * 1000), skewSeconds: 0, t, locale: 'en-US', timeZone: 'UTC' };
const decoded = (token: string) => decodeToken(token) as DecodedToken;

describe('decode summary (core)', () => {
  it('counts the same problems the inspector lists', () => {
    // Old decode counted only bad time claims (1 here); the inspector lists three.
    const token = unsignedJwt({ exp: 'soon', iss: 42, sub: 'u' }, { alg: 'none' });
    const summary = summarizeToken(token, decoded(token), options);
    const inspection = inspectToken(token, decoded(token), options);
    assert.equal(inspection.problems.length, 3);
    assert.equal(summary.problems, inspection.problems.length);
  });

  it('names a Cognito token by its facts and fingerprint, never the token', () => {
    const token = unsignedJwt(idTokenClaims(now));
    const summary = summarizeToken(token, decoded(token), options);
    assert.equal(summary.kind, 'jws');
    assert.equal(summary.tokenUse, 'id');
    assert.equal(summary.fingerprint, fingerprint(token));
    assert.equal(summary.expiryState, 'valid');
    assert.equal(summary.problems, 0);
    assert.ok(summary.userPoolId && summary.region && summary.clientId);
    assert.ok(!JSON.stringify(summary).includes(token.split('.')[1].slice(0, 20)));
  });

  it('an encrypted token has no expiry and no problems', () => {
    const token = fakeRefreshToken();
    const summary = summarizeToken(token, decoded(token), options);
    assert.deepEqual([summary.kind, summary.expiryState, summary.problems, summary.expiresAt], ['jwe', 'noExpiry', 0, undefined]);
  });
});
