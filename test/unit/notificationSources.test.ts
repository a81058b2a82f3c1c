import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Notifications render `[label](https:…)` as a link, so a value we did not write (a URL, a server's text, a
 * profile name from workspace settings) must be cleaned before it is put into one. The notifier cleans whole
 * messages; a direct `vscode.window.show…Message` call with a placeholder must clean its values itself.
 * Modal dialogs are plain text (no links), so they are left to their own rules.
 */
const SRC = resolve(__dirname, '../../../src');
const DIRECT_CALL = /window\s*\.show(?:Error|Warning|Information)Message\(/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The call's argument text, from its `(` to the matching `)`. */
function callText(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    if (text[i] === ')' && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

describe('direct notifications', () => {
  it('clean every value interpolated into a non-modal message (the notifier cleans its own)', () => {
    const files = sourceFiles(SRC).filter((file) => !file.endsWith(join('src', 'notifier.ts')));
    assert.ok(files.length > 20, 'the source tree was found');
    const unsafe: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(DIRECT_CALL)) {
        const call = callText(text, (match.index ?? 0) + match[0].length - 1);
        if (/modal:\s*true/.test(call) || !/\{\d\}/.test(call)) continue;
        const values = (call.match(/\{\d\}/g) ?? []).length;
        const cleaned = (call.match(/forNotification\(/g) ?? []).length;
        if (cleaned < values) unsafe.push(`${file.slice(SRC.length + 1)}: ${call.slice(0, 120)}`);
      }
    }
    assert.deepEqual(unsafe, []);
  });
});
