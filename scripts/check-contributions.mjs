// Lint step: every contributed command is registered in src/, every registered command is contributed,
// and every %key% in package.json has a string in each package.nls*.json.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sourceStrings } from './l10n-strings.mjs';
import { root } from './lib.mjs';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const problems = [];
const sources = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.ts')) sources.push(readFileSync(path, 'utf8'));
  }
};
walk(join(root, 'src'));
const registered = new Set(sources.flatMap((text) => [...text.matchAll(/\bregister(?:Command|TokenOutlet)?\(\s*'(cognitoTokens\.[^']+)'/g)].map((m) => m[1])));
const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
for (const id of contributed) if (!registered.has(id)) problems.push(`contributed but never registered: ${id}`);
for (const id of registered) if (!contributed.has(id)) problems.push(`registered but not contributed: ${id}`);
for (const command of pkg.contributes.commands) {
  if (!/^cognitoTokens\.[a-z][A-Za-z]*$/.test(command.command)) problems.push(`command id must be cognitoTokens.<verb>: ${command.command}`);
  if (command.category !== 'Cognito') problems.push(`command ${command.command} must have category "Cognito"`);
}
const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
for (const file of readdirSync(root).filter((f) => /^package\.nls(\.[a-z-]+)?\.json$/.test(f))) {
  const strings = JSON.parse(readFileSync(join(root, file), 'utf8'));
  for (const key of keys) if (!(key in strings)) problems.push(`${file} lacks "${key}"`);
}
// Runtime strings: l10n/bundle.l10n.json must list exactly what src/ passes to t(), and each translation
// must cover all of it with the same {n} placeholders.
const strings = sourceStrings();
const english = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8'));
for (const s of strings) if (!(s in english)) problems.push(`l10n/bundle.l10n.json lacks "${s}" (run node scripts/l10n-strings.mjs --write)`);
for (const s of Object.keys(english)) if (!strings.includes(s)) problems.push(`l10n/bundle.l10n.json has a string no longer used: "${s}"`);
const placeholders = (text) => [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join();
for (const file of readdirSync(join(root, 'l10n')).filter((f) => /^bundle\.l10n\.[a-z-]+\.json$/.test(f))) {
  const translated = JSON.parse(readFileSync(join(root, 'l10n', file), 'utf8'));
  for (const s of strings) {
    if (!(s in translated)) problems.push(`l10n/${file} lacks "${s}"`);
    else if (placeholders(translated[s]) !== placeholders(s)) problems.push(`l10n/${file}: placeholders differ for "${s}"`);
  }
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`contributions ok: ${contributed.size} commands, ${keys.length} manifest strings, ${strings.length} runtime strings translated`);
