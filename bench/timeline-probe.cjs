// The session timeline's layout (src/core/appClient/sessionTimeline.ts) for a session with 500 rotations:
// median ms over 50 layouts after a warm-up, for both zooms. Prints JSON for scripts/bench.mjs.
const { join } = require('node:path');
const root = join(__dirname, '..');
const { layoutTimeline } = require(join(root, 'out', 'src', 'core', 'appClient', 'sessionTimeline.js'));
const { formatMessage } = require(join(root, 'out', 'src', 'core', 'shared', 'l10n.js'));

const start = Date.UTC(2026, 11, 1);
const MIN = 60_000;
const rotations = Number(process.argv[2] ?? 500);
const records = [];
for (let i = 1; i <= rotations; i++) {
  const at = start + i * 4 * MIN;
  const before = { fingerprint: `f${i - 1}`, iat: (at - 4 * MIN) / 1000, exp: (at + MIN) / 1000 };
  const after = { fingerprint: `f${i}`, iat: at / 1000, exp: (at + 5 * MIN) / 1000 };
  records.push({ at, method: 'rotation', rotated: true, refresh: { old: `r${i - 1}`, new: `r${i}` }, graceUntil: at + 10_000, access: { before, after }, id: { before, after }, changedClaims: [], sessionEndsAt: start + 30 * 86_400_000 });
}
const input = { signedInAt: start, sessionEndsAt: start + 30 * 86_400_000, current: {}, records, now: start + rotations * 4 * MIN + MIN };

function median(zoom) {
  const samples = [];
  for (let i = 0; i < 60; i++) {
    const t0 = process.hrtime.bigint();
    const shapes = layoutTimeline(input, { zoom, width: 1200, t: formatMessage });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (zoom === 'session' && shapes.marks.length !== rotations) throw new Error('the layout lost rotations');
  }
  // The first 10 are the warm-up (JIT).
  const sorted = samples.slice(10).sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], first: samples[0] };
}
const session = median('session');
const hour = median('hour');
process.stdout.write(JSON.stringify({ rotations, sessionMedianMs: session.median, sessionFirstMs: session.first, hourMedianMs: hour.median }));
