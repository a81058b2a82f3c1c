import { KEY_CLAIMS } from './claimExplanations';
import type { ClaimRow, TokenInspection } from './inspection';
import type { Translate } from '../shared/l10n';
import { hiddenLengthAt, visibleEscape } from '../shared/untrustedText';

/** Claims beyond this many are left to the inspector: every real token fits, a hostile one cannot flood the hover. */
export const MAX_HOVER_CLAIMS = 60;

/**
 * Backslash-escapes everything Markdown or HTML could interpret, so claim text renders as text. Every line
 * break becomes a space: a lone CR (or LS, PS, NEL, VT, FF) ends a line for the Markdown renderer too, and
 * a claim that could start a line could make itself a heading, a list or a code block. Control, bidi and
 * invisible characters are shown as escapes (`\u202E`): they could reorder or hide what the hover shows.
 */
export function escapeMarkdown(text: string): string {
  // A loop over char codes, not String.replace: escaping is most of a hover's cost (50 µs budget).
  let out = '';
  let last = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const kind = charKind(text, i);
    if (kind === PLAIN) {
      continue;
    }
    out += text.slice(last, i);
    if (kind === MARKUP) {
      out += `\\${text[i]}`;
      last = i + 1;
    } else if (kind === HIDDEN) {
      const size = hiddenLengthAt(text, i);
      // The escape's backslash is escaped too, and `{}` of an astral escape are Markdown punctuation.
      out += `\\${visibleEscape(text.codePointAt(i) ?? 0).replace(/[{}]/g, '\\$&')}`;
      last = i + size;
      i = last - 1;
    } else {
      let end = i + 1;
      while (end < length && charKind(text, end) === LINE_BREAK) {
        end++;
      }
      out += ' ';
      last = end;
      i = end - 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

const PLAIN = 0;
const MARKUP = 1;
const LINE_BREAK = 2;
const HIDDEN = 3;
const ASCII_KIND = new Uint8Array(128);
for (let code = 0; code < 0x20; code++) {
  ASCII_KIND[code] = HIDDEN;
}
ASCII_KIND[0x09] = PLAIN;
ASCII_KIND[0x7f] = HIDDEN;
for (const char of '\\`*_{}[]()#+-.!|<>&~"\':') {
  ASCII_KIND[char.charCodeAt(0)] = MARKUP;
}
for (const char of '\r\n\v\f') {
  ASCII_KIND[char.charCodeAt(0)] = LINE_BREAK;
}

function charKind(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 128) {
    return ASCII_KIND[code];
  }
  if (code === 0x85 || code === 0x2028 || code === 0x2029) {
    return LINE_BREAK;
  }
  return hiddenLengthAt(text, index) > 0 ? HIDDEN : PLAIN;
}

/** The first sentence of an explanation: hovers want one line per claim. */
function shortExplanation(text: string): string {
  const end = text.search(/[.:](\s|$)/);
  return end > 0 ? text.slice(0, end) : text;
}

export function renderHoverMarkdown(inspection: TokenInspection, t: Translate, inspectorLink: string | undefined): string {
  const lines: string[] = [];
  // The link goes on the first line: a hover with many claims scrolls, and the link must not scroll away.
  const link = inspectorLink ? ` · [${escapeMarkdown(t('Open in inspector'))}](${inspectorLink})` : '';
  lines.push(`**${escapeMarkdown(inspection.title)}** · ${escapeMarkdown(inspection.expiry.text)}${link}`);
  lines.push('');
  lines.push(
    inspection.header
      .filter((row) => ['alg', 'kid', 'typ', 'cty', 'enc'].includes(row.name))
      .map((row) => `${escapeMarkdown(row.name)}: ${escapeMarkdown(row.value)}`)
      .join(' · '),
  );
  lines.push('');
  for (const note of inspection.kind === 'jwe' ? inspection.notes : []) {
    lines.push(`${escapeMarkdown(note)}`, '');
  }
  for (const problem of inspection.problems) {
    lines.push(`⚠ ${escapeMarkdown(problem)}`, '');
  }
  if (inspection.cognito?.userPoolId) {
    lines.push(
      escapeMarkdown(t('User pool {0} in {1}', inspection.cognito.userPoolId, inspection.cognito.region ?? '?')) +
        (inspection.cognito.clientId ? ` · ${escapeMarkdown(t('app client {0}', inspection.cognito.clientId))}` : '') +
        (inspection.cognito.issuerFormat ? ` · ${escapeMarkdown(inspection.cognito.issuerFormat)}` : ''),
      '',
    );
  }
  const ordered = orderClaims(inspection.payload);
  const shown = ordered.length > MAX_HOVER_CLAIMS ? ordered.slice(0, MAX_HOVER_CLAIMS) : ordered;
  for (const row of shown) {
    lines.push(`${claimLine(row, t)}  `);
  }
  const hidden = inspection.payload.length - shown.length;
  lines.push('');
  if (hidden > 0) {
    lines.push(escapeMarkdown(t('…and {0} more claims in the inspector.', hidden)), '');
  }
  return lines.join('\n');
}

/** Key claims first, in the order that reads best, then custom attributes, then every other claim as the token has them. */
function orderClaims(rows: readonly ClaimRow[]): ClaimRow[] {
  const byName = new Map<string, ClaimRow>();
  for (const row of rows) {
    byName.set(row.name, row);
  }
  const picked: ClaimRow[] = [];
  const taken = new Set<string>();
  for (const name of KEY_CLAIMS) {
    const row = byName.get(name);
    if (row) {
      picked.push(row);
      taken.add(name);
    }
  }
  for (const row of rows) {
    if (row.name.startsWith('custom:')) {
      picked.push(row);
      taken.add(row.name);
    }
  }
  for (const row of rows) {
    if (!taken.has(row.name)) {
      picked.push(row);
    }
  }
  return picked;
}

function claimLine(row: ClaimRow, t: Translate): string {
  const name = claimName(row.name, t);
  if (row.time) {
    return `${name} ${escapeMarkdown(row.time.utc)} (${escapeMarkdown(row.time.local)}) · ${escapeMarkdown(row.time.relative)}`;
  }
  const value = escapeMarkdown(row.value.length > 160 ? `${row.value.slice(0, 160)}…` : row.value);
  const note = row.problem ? ` ⚠ ${escapeMarkdown(row.problem)}` : row.explanation ? ` — *${explanationMarkdown(row.explanation)}*` : '';
  return `${name} ${value}${note}`;
}

/**
 * A claim's name in bold. An empty name (`"": …` is valid JSON) would leave `****`, which Markdown reads as a
 * rule or stray asterisks, and a name of spaces would vanish: each gets a visible placeholder, in italics so
 * it cannot pass for a claim really named so.
 */
function claimName(name: string, t: Translate): string {
  if (name === '') return `***${escapeMarkdown(t('(empty name)'))}***`;
  if (name.trim() === '') return `***${escapeMarkdown(t('(blank name: {0} spaces)', name.length))}***`;
  return `**${escapeMarkdown(name)}**`;
}

/**
 * Explanations come from a fixed table (in the user's language), so their escaped first sentences are
 * kept: escaping them is most of a hover's rendering time. Bounded, in case a translator's t() varies.
 */
const explanationCache = new Map<string, string>();
function explanationMarkdown(explanation: string): string {
  let markdown = explanationCache.get(explanation);
  if (markdown === undefined) {
    markdown = escapeMarkdown(shortExplanation(explanation));
    if (explanationCache.size >= 500) {
      explanationCache.clear();
    }
    explanationCache.set(explanation, markdown);
  }
  return markdown;
}
