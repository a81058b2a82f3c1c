/**
 * One picture of a session's time: shapes on one time axis, from the session's rotation history and the app
 * client's settings only (times and fingerprints, never a token). The page draws these shapes as SVG and
 * lists `facts` as text, so a screen reader hears what the picture shows.
 *
 * Rotation never moves the session's end: the wall is sign-in + the refresh-token validity
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html).
 */
import type { Translate } from '../shared/l10n';
import type { RotationRecord, TokenFacts } from '../sessions/rotationHistory';

export type TimelineZoom = 'hour' | 'session';

export interface TimelineInput {
  readonly signedInAt: number;
  /** Sign-in + refresh-token validity, when known. */
  readonly sessionEndsAt?: number;
  /** The current tokens' times (seconds), for a session that has not refreshed yet or beyond the history. */
  readonly current: { readonly id?: TokenTimes; readonly access?: TokenTimes };
  readonly records: readonly RotationRecord[];
  /** The app client's grace period, used where a record has none. */
  readonly graceSeconds?: number;
  /** Tokens derived from the session (token exchange), when any. */
  readonly derived?: ReadonlyArray<{ readonly issuedAt: number; readonly expiresAt: number; readonly audience?: string }>;
  readonly now: number;
}

export interface TokenTimes {
  readonly iat?: number;
  readonly exp?: number;
}

export interface TimelineOptions {
  readonly zoom: TimelineZoom;
  /** Drawing width in CSS pixels (the page's). */
  readonly width: number;
  readonly t: Translate;
}

export type BarKind = 'id' | 'access' | 'derived';

export interface TimelineShapes {
  readonly width: number;
  readonly height: number;
  readonly from: number;
  readonly to: number;
  readonly lanes: ReadonlyArray<{ readonly y: number; readonly label: string }>;
  readonly ticks: ReadonlyArray<{ readonly x: number; readonly label: string }>;
  readonly bars: ReadonlyArray<{ readonly kind: BarKind; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly generation: number; readonly current: boolean; readonly title: string }>;
  readonly grace: ReadonlyArray<{ readonly x: number; readonly w: number; readonly y: number; readonly h: number; readonly title: string }>;
  readonly marks: ReadonlyArray<{ readonly x: number; readonly rotated: boolean; readonly title: string }>;
  readonly wall?: { readonly x: number; readonly title: string; readonly beyond: boolean };
  readonly now: { readonly x: number; readonly title: string };
  readonly plot: { readonly top: number; readonly bottom: number; readonly left: number; readonly right: number };
  /** The same facts as text, in time order. */
  readonly facts: readonly string[];
  /** Generations and rotations outside the zoomed range, said once instead of drawn. */
  readonly hidden: number;
}

const HOUR = 3_600_000;
const LANE_H = 22;
const BAR_H = 8;
const TOP = 8;
const LEFT = 70;
const RIGHT_PAD = 16;
const AXIS_H = 22;

interface Generation {
  readonly id: TokenTimes;
  readonly access: TokenTimes;
  readonly at: number;
}

const times = (facts: TokenFacts): TokenTimes => ({ iat: facts.iat, exp: facts.exp });

/** The token generations: sign-in's (the first record's "before", else the current tokens), then each refresh's. */
function generations(input: TimelineInput): Generation[] {
  const first = input.records[0];
  const out: Generation[] = [first ? { id: times(first.id.before), access: times(first.access.before), at: input.signedInAt } : { id: input.current.id ?? {}, access: input.current.access ?? {}, at: input.signedInAt }];
  for (const record of input.records) out.push({ id: times(record.id.after), access: times(record.access.after), at: record.at });
  return out;
}

const DAY = 86_400_000;
const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
const dayNames = new Map<number, string>();

/**
 * HH:MM:SS UTC, or date and HH:MM when the range spans days. Arithmetic, with one Date per day: a session of 500
 * rotations formats thousands of times, and toISOString per time was most of the layout's cost.
 */
function clockText(ms: number, long: boolean): string {
  const day = Math.floor(ms / DAY);
  const inDay = ms - day * DAY;
  const h = Math.floor(inDay / HOUR);
  const m = Math.floor((inDay % HOUR) / 60_000);
  if (!long) return `${two(h)}:${two(m)}:${two(Math.floor((inDay % 60_000) / 1000))}`;
  let date = dayNames.get(day);
  if (date === undefined) {
    date = new Date(day * DAY).toISOString().slice(0, 10);
    if (dayNames.size > 4096) dayNames.clear();
    dayNames.set(day, date);
  }
  return `${date} ${two(h)}:${two(m)}`;
}

/**
 * A translated message with {n} placeholders, filled without translating again: the translator is asked once per
 * layout for each repeated line (thousands with 500 rotations), then only the arguments change.
 */
function template(translated: string): (...args: Array<string | number>) => string {
  const parts = translated.split(/(\{\d+\})/);
  return (...args) => {
    let out = '';
    for (const part of parts) {
      const index = part.length > 2 && part.charCodeAt(0) === 123 ? Number(part.slice(1, -1)) : NaN;
      out += Number.isNaN(index) ? part : String(args[index] ?? part);
    }
    return out;
  };
}

function tickStep(span: number): number {
  const steps = [60_000, 5 * 60_000, 10 * 60_000, 15 * 60_000, 30 * 60_000, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR, 7 * 24 * HOUR, 30 * 24 * HOUR, 365 * 24 * HOUR];
  return steps.find((s) => span / s <= 8) ?? steps[steps.length - 1];
}

/** Shapes for one zoom: the last hour (up to now + 10 min), or the whole session (sign-in to its end). */
export function layoutTimeline(input: TimelineInput, options: TimelineOptions): TimelineShapes {
  const { t } = options;
  const width = Math.max(240, Math.min(4000, Math.round(options.width)));
  const gens = generations(input);
  const lastExp = Math.max(...gens.map((g) => Math.max(g.id.exp ?? 0, g.access.exp ?? 0) * 1000), input.now);
  const from = options.zoom === 'hour' ? Math.max(input.signedInAt, input.now - HOUR) - 60_000 : input.signedInAt;
  const sessionTo = Math.max(input.sessionEndsAt ?? lastExp, input.now);
  const to = options.zoom === 'hour' ? Math.min(input.now + 10 * 60_000, Math.max(sessionTo, input.now + 60_000)) : sessionTo + (sessionTo - from) * 0.02;
  const span = Math.max(1, to - from);
  const right = width - RIGHT_PAD;
  const scale = (right - LEFT) / span;
  const x = (ms: number): number => LEFT + (Math.min(Math.max(ms, from), to) - from) * scale;
  const visible = (a: number, b: number): boolean => b >= from && a <= to;
  const long = span > 20 * HOUR;

  const hasDerived = (input.derived?.length ?? 0) > 0;
  const laneNames: Array<[BarKind, string]> = [['id', t('ID token')], ['access', t('Access token')], ...(hasDerived ? ([['derived', t('Derived')]] as Array<[BarKind, string]>) : [])];
  const lanes = laneNames.map(([, label], i) => ({ y: TOP + i * LANE_H * 1.5, label }));
  const laneY = new Map(laneNames.map(([kind], i) => [kind, lanes[i].y]));
  const bottom = TOP + laneNames.length * LANE_H * 1.5;

  const barTitle = template(t('{0}, generation {1}: {2} → {3}'));
  const rotationTitle = template(t('Rotation at {0}: a new refresh token'));
  const keptTitle = template(t('Refresh at {0}: the refresh token was kept'));
  const graceTitle = template(t('Grace window until {0}: the replaced refresh token still works'));
  const tokenNames = { id: t('ID token'), access: t('Access token') };
  const bars: Array<TimelineShapes['bars'][number]> = [];
  const facts: string[] = [];
  let hidden = 0;
  gens.forEach((g, generation) => {
    const current = generation === gens.length - 1;
    for (const kind of ['id', 'access'] as const) {
      const tt = g[kind];
      if (tt.exp === undefined) continue;
      const start = (tt.iat ?? g.at / 1000) * 1000;
      const end = tt.exp * 1000;
      if (!visible(start, end)) {
        hidden++;
        continue;
      }
      // Generations alternate between two rows of a lane, so a token issued before the last one expired stays visible.
      const y = (laneY.get(kind) ?? 0) + (generation % 2) * (BAR_H + 2);
      const title = barTitle(tokenNames[kind], generation, clockText(start, long), clockText(end, long));
      bars.push({ kind, x: x(start), y, w: Math.max(1, x(end) - x(start)), h: BAR_H, generation, current, title });
    }
  });
  for (const d of input.derived ?? []) {
    if (!visible(d.issuedAt, d.expiresAt)) continue;
    const title = t('Derived token{0}: {1} → {2}', d.audience ? ` (${d.audience})` : '', clockText(d.issuedAt, long), clockText(d.expiresAt, long));
    bars.push({ kind: 'derived', x: x(d.issuedAt), y: laneY.get('derived') ?? 0, w: Math.max(1, x(d.expiresAt) - x(d.issuedAt)), h: BAR_H, generation: -1, current: d.expiresAt > input.now, title });
    facts.push(title);
  }

  const marks: Array<TimelineShapes['marks'][number]> = [];
  const grace: Array<TimelineShapes['grace'][number]> = [];
  input.records.forEach((record) => {
    const graceUntil = record.graceUntil ?? (record.rotated && input.graceSeconds !== undefined ? record.at + input.graceSeconds * 1000 : undefined);
    if (!visible(record.at, graceUntil ?? record.at)) {
      hidden++;
      return;
    }
    const title = record.rotated ? rotationTitle(clockText(record.at, long)) : keptTitle(clockText(record.at, long));
    marks.push({ x: x(record.at), rotated: record.rotated, title });
    facts.push(title);
    if (graceUntil !== undefined && graceUntil > record.at) {
      const g = graceTitle(clockText(graceUntil, long));
      grace.push({ x: x(record.at), w: Math.max(2, x(graceUntil) - x(record.at)), y: TOP - 4, h: bottom - TOP, title: g });
      facts.push(g);
    }
  });

  const wall =
    input.sessionEndsAt === undefined
      ? undefined
      : { x: x(input.sessionEndsAt), beyond: input.sessionEndsAt > to, title: t('Session ends {0} (sign-in + refresh-token validity); rotation never moves it', clockText(input.sessionEndsAt, true)) };
  const now = { x: x(input.now), title: t('Now: {0}', clockText(input.now, long)) };

  const step = tickStep(span);
  const ticks: Array<TimelineShapes['ticks'][number]> = [];
  for (let at = Math.ceil(from / step) * step; at <= to && ticks.length < 20; at += step) ticks.push({ x: x(at), label: clockText(at, step >= 24 * HOUR) });

  const currentGen = gens[gens.length - 1];
  const head = [t('Signed in {0}', clockText(input.signedInAt, true))];
  for (const kind of ['id', 'access'] as const) {
    const exp = currentGen[kind].exp;
    if (exp !== undefined) head.push(t('Current {0} expires {1}', kind === 'id' ? t('ID token') : t('Access token'), clockText(exp * 1000, true)));
  }
  head.push(t('{0} refreshes, {1} of them rotations', input.records.length, input.records.filter((r) => r.rotated).length));
  const tail = [wall ? wall.title : t('Session end unknown: the app client\'s refresh-token validity could not be read'), now.title];
  if (hidden > 0) tail.push(t('{0} tokens or refreshes outside this range are not drawn', hidden));

  return {
    width,
    height: bottom + AXIS_H,
    from,
    to,
    lanes,
    ticks,
    bars,
    grace,
    marks,
    wall,
    now,
    plot: { top: TOP - 4, bottom, left: LEFT, right },
    facts: [...head, ...facts, ...tail],
    hidden,
  };
}
