// Finds every string passed to t(…) / l10n.t(…) in src/, so the English bundle stays complete and every
// translation can be checked against it. `node scripts/l10n-strings.mjs --write` regenerates l10n/bundle.l10n.json.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './lib.mjs';

export function sourceStrings() {
  const strings = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        // t('…') calls, and the explanation tables in claimExplanations.ts (translated through t at runtime).
        for (const match of text.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) strings.add(unquote(match[1]));
        if (entry.name === 'claimExplanations.ts') {
          for (const match of text.matchAll(/^\s+'?[\w:]+'?: '((?:[^'\\]|\\.)*)',$/gm)) strings.add(unquote(match[1]));
        }
      }
    }
  };
  walk(join(root, 'src'));
  return [...strings].sort();
}

function unquote(text) {
  return text.replace(/\\'/g, "'").replace(/\\\\/g, '\\');
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  const strings = sourceStrings();
  writeFileSync(join(root, 'l10n', 'bundle.l10n.json'), `${JSON.stringify(Object.fromEntries(strings.map((s) => [s, s])), null, 2)}\n`);
  console.log(`${strings.length} strings written to l10n/bundle.l10n.json`);
}
