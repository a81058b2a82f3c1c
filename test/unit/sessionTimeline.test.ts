import * as assert from 'node:assert/strict';
import { layoutTimeline, type TimelineInput } from '../../src/core/appClient/sessionTimeline';
import type { RotationRecord } from '../../src/core/sessions/rotationHistory';
import { formatMessage } from '../../src/core/shared/l10n';

const start = 1_800_000_000_000;
const MIN = 60_000;

/** A session signed in at `start` with 5-minute tokens, refreshed (rotated) every 4 minutes. */
export function rotatingSession(rotations: number, graceSeconds = 10): TimelineInput {
  const records: RotationRecord[] = [];
  for (let i = 1; i <= rotations; i++) {
    const at = start + i * 4 * MIN;
    const before = { fingerprint: `f${i - 1}`, iat: (at - 4 * MIN) / 1000, exp: (at + MIN) / 1000 };
    const after = { fingerprint: `f${i}`, iat: at / 1000, exp: (at + 5 * MIN) / 1000 };
    records.push({ at, method: 'rotation', rotated: true, refresh: { old: `r${i - 1}`, new: `r${i}` }, graceUntil: at + graceSeconds * 1000, access: { before, after }, id: { before, after }, changedClaims: [], sessionEndsAt: start + 30 * 86_400_000 });
  }
  return { signedInAt: start, sessionEndsAt: start + 60 * MIN, current: {}, records, now: start + rotations * 4 * MIN + MIN };
}

describe('session timeline layout', () => {
  it('draws each generation\'s ID and access tokens, each rotation, its grace window, the wall and now', () => {
    const shapes = layoutTimeline(rotatingSession(3), { zoom: 'session', width: 800, t: formatMessage });
    assert.equal(shapes.bars.filter((b) => b.kind === 'id').length, 4);
    assert.equal(shapes.bars.filter((b) => b.kind === 'access').length, 4);
    assert.equal(shapes.bars.filter((b) => b.current).length, 2);
    assert.equal(shapes.marks.length, 3);
    assert.equal(shapes.grace.length, 3);
    assert.ok(shapes.wall && !shapes.wall.beyond);
    // Time runs left to right: the wall (sign-in + 60 min) is right of now (13 min), which is right of every rotation.
    assert.ok(shapes.wall.x > shapes.now.x);
    assert.ok(shapes.marks.every((m) => m.x < shapes.now.x));
    assert.ok(shapes.bars.every((b) => b.x >= shapes.plot.left && b.x + b.w <= shapes.plot.right + 0.001));
  });

  it('rotation never moves the wall: it stays at sign-in + refresh validity however many rotations', () => {
    const three = layoutTimeline(rotatingSession(3), { zoom: 'session', width: 800, t: formatMessage });
    const six = layoutTimeline({ ...rotatingSession(6), now: rotatingSession(3).now }, { zoom: 'session', width: 800, t: formatMessage });
    assert.equal(three.wall?.title, six.wall?.title);
  });

  it('says the same facts as text, in words', () => {
    const shapes = layoutTimeline(rotatingSession(3), { zoom: 'session', width: 800, t: formatMessage });
    assert.ok(shapes.facts.some((f) => f.startsWith('Signed in')));
    assert.equal(shapes.facts.filter((f) => f.startsWith('Rotation at')).length, 3);
    assert.equal(shapes.facts.filter((f) => f.startsWith('Grace window until')).length, 3);
    assert.ok(shapes.facts.some((f) => f.includes('rotation never moves it')));
    assert.ok(shapes.facts.some((f) => f.startsWith('Now:')));
  });

  it('the last hour draws only what falls in it, and says how much was left out', () => {
    const shapes = layoutTimeline({ ...rotatingSession(30), sessionEndsAt: start + 30 * 86_400_000 }, { zoom: 'hour', width: 800, t: formatMessage });
    assert.ok(shapes.marks.length >= 14 && shapes.marks.length <= 16, `marks ${shapes.marks.length}`);
    assert.ok(shapes.hidden > 0);
    assert.ok(shapes.wall?.beyond);
  });

  it('without a known session end, says so instead of drawing a wall', () => {
    const shapes = layoutTimeline({ ...rotatingSession(1), sessionEndsAt: undefined }, { zoom: 'session', width: 800, t: formatMessage });
    assert.equal(shapes.wall, undefined);
    assert.ok(shapes.facts.some((f) => f.startsWith('Session end unknown')));
  });

  it('draws derived tokens on a lane of their own', () => {
    const input = { ...rotatingSession(1), derived: [{ issuedAt: start + MIN, expiresAt: start + 6 * MIN, audience: 'mcp-server' }] };
    const shapes = layoutTimeline(input, { zoom: 'session', width: 800, t: formatMessage });
    assert.equal(shapes.lanes.length, 3);
    assert.equal(shapes.bars.filter((b) => b.kind === 'derived').length, 1);
  });

  it('lays out 500 rotations (the bench measures how fast)', () => {
    const shapes = layoutTimeline(rotatingSession(500), { zoom: 'session', width: 1200, t: formatMessage });
    assert.equal(shapes.marks.length, 500);
    assert.equal(shapes.bars.length, 1002);
  });
});
