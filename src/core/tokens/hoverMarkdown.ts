import { KEY_CLAIMS } from './claimExplanations';
import type { ClaimRow, TokenInspection } from './inspection';
import type { Translate } from '../shared/l10n';

/** Claims beyond this many are left to the inspector, so a hover stays readable. */
const MAX_HOVER_CLAIMS = 14;

/** Backslash-escapes everything Markdown or HTML could interpret, so claim text renders as text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~"':]/g, (char) => `\\${char}`).replace(/\r?\n/g, ' ');
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
        (inspection.cognito.clientId ? ` · ${escapeMarkdown(t('app client {0}', inspection.cognito.clientId))}` : ''),
      '',
    );
  }
  const shown = pickKeyClaims(inspection.payload);
  for (const row of shown) {
    lines.push(`${claimLine(row)}  `);
  }
  const hidden = inspection.payload.length - shown.length;
  lines.push('');
  if (hidden > 0) {
    lines.push(escapeMarkdown(t('…and {0} more claims in the inspector.', hidden)), '');
  }
  return lines.join('\n');
}

function pickKeyClaims(rows: readonly ClaimRow[]): ClaimRow[] {
  const byName = new Map(rows.map((row) => [row.name, row]));
  const picked: ClaimRow[] = [];
  for (const name of KEY_CLAIMS) {
    const row = byName.get(name);
    if (row) {
      picked.push(row);
    }
  }
  for (const row of rows) {
    if (row.name.startsWith('custom:')) {
      picked.push(row);
    }
  }
  return picked.slice(0, MAX_HOVER_CLAIMS);
}

function claimLine(row: ClaimRow): string {
  const name = `**${escapeMarkdown(row.name)}**`;
  if (row.time) {
    return `${name} ${escapeMarkdown(row.time.utc)} (${escapeMarkdown(row.time.local)}) · ${escapeMarkdown(row.time.relative)}`;
  }
  const value = escapeMarkdown(row.value.length > 160 ? `${row.value.slice(0, 160)}…` : row.value);
  const note = row.problem ? ` ⚠ ${escapeMarkdown(row.problem)}` : row.explanation ? ` — *${escapeMarkdown(shortExplanation(row.explanation))}*` : '';
  return `${name} ${value}${note}`;
}
