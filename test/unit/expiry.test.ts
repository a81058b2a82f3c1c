import * as assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/shared/clock';
import { describeExpiry, expiringThresholdMs, expiryState, formatAbsolute, formatRelative, numericDate } from '../../src/core/tokens/expiry';
import { formatMessage as t } from '../../src/core/shared/l10n';

describe('expiry maths', () => {
  const exp = 1_800_000_000;
  const clock = new ManualClock(exp * 1000);

  it('judges the time window with clock skew', () => {
    clock.set((exp - 3600) * 1000);
    assert.equal(expiryState({ exp }, clock, 0), 'valid');
    clock.set((exp - 120) * 1000);
    assert.equal(expiryState({ exp }, clock, 0), 'expiring');
    clock.set((exp + 10) * 1000);
    assert.equal(expiryState({ exp }, clock, 0), 'expired');
    assert.equal(expiryState({ exp }, clock, 30), 'expiring', 'within the skew it is not yet expired');
    clock.set((exp - 7200) * 1000);
    assert.equal(expiryState({ exp, nbf: exp - 3600 }, clock, 0), 'notYetValid');
    assert.equal(expiryState({}, clock, 0), 'noExpiry');
  });

  it('describes expiry in words', () => {
    clock.set((exp - 42 * 60) * 1000);
    assert.equal(describeExpiry({ exp }, clock, 0, t), 'expires in 42 min');
    clock.set((exp + 2 * 3600) * 1000);
    assert.equal(describeExpiry({ exp }, clock, 0, t), 'expired 2 h ago');
    clock.set((exp - 3 * 86400) * 1000);
    assert.equal(describeExpiry({ exp }, clock, 0, t), 'expires in 3 d');
  });

  it('formats relative times in both directions', () => {
    clock.set(exp * 1000);
    assert.equal(formatRelative((exp - 30) * 1000, clock, t), '30 s ago');
    assert.equal(formatRelative((exp + 5400) * 1000, clock, t), 'in 2 h');
    assert.equal(formatRelative(exp * 1000, clock, t), 'now');
  });

  it('formats absolute times in UTC and in a given zone', () => {
    const { utc, local } = formatAbsolute(exp * 1000, 'en-US', 'Asia/Tokyo');
    assert.equal(utc, '2027-01-15 08:00:00 UTC');
    assert.match(local, /Jan 15, 2027/);
    assert.match(local, /5:00:00\s?PM/);
  });

  it('accepts only usable NumericDates', () => {
    assert.equal(numericDate(exp), exp);
    for (const bad of ['1800000000', null, -1, Number.NaN, 1e20, {}]) {
      assert.equal(numericDate(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('expiring soon', () => {
  const exp = 1_800_000_000;
  const clock = new ManualClock(exp * 1000);

  it('a fresh 5-minute token is valid; it warns in its last fifth (1 min)', () => {
    const iat = exp - 300;
    clock.set(iat * 1000);
    assert.equal(expiryState({ exp, iat }, clock, 0), 'valid');
    clock.set((exp - 61) * 1000);
    assert.equal(expiryState({ exp, iat }, clock, 0), 'valid');
    clock.set((exp - 59) * 1000);
    assert.equal(expiryState({ exp, iat }, clock, 0), 'expiring');
  });

  it('an hour-long token warns under 5 minutes, not under 12', () => {
    const iat = exp - 3600;
    clock.set((exp - 6 * 60) * 1000);
    assert.equal(expiryState({ exp, iat }, clock, 0), 'valid');
    clock.set((exp - 4 * 60) * 1000);
    assert.equal(expiryState({ exp, iat }, clock, 0), 'expiring');
  });

  it('without iat (or a nonsense one) the 5-minute rule applies', () => {
    assert.equal(expiringThresholdMs(exp, undefined), 5 * 60_000);
    assert.equal(expiringThresholdMs(exp, exp + 10), 5 * 60_000);
    assert.equal(expiringThresholdMs(exp, exp - 100), 20_000);
  });
});
