import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isTokenOutletCommand, TOKEN_OUTLET_COMMANDS, TOKENLESS_COMMANDS, tokenOutletRefusal, type TokenOutletCommand } from '../../src/core/usage/tokenOutlets';

/**
 * One gate for every token outlet (issue 14). How "a command that returns or writes a token is missing from
 * the list" is caught: no test can tell from a handler's code whether it lets a token out, so every command
 * the manifest contributes or the source registers must be classified, in exactly one of two lists in core
 * (TOKEN_OUTLET_COMMANDS, or TOKENLESS_COMMANDS with the reason it gives none out). A new command fails here
 * until someone decides. Then the source is checked against the decision: each outlet is registered only
 * through the gate, and every place that can put a token somewhere (the clipboard, a document edit) is known.
 */
const ROOT = resolve(__dirname, '../../..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const sources = sourceFiles(SRC).map((file) => ({ file: relative(ROOT, file).split('\\').join('/'), text: readFileSync(file, 'utf8') }));
const contributed = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
/** `register…('cognitoTokens.x'` anywhere in src: a plain registration, or one through the gate. */
const registrations = sources.flatMap(({ file, text }) => [...text.matchAll(/\b(register(?:Command|TokenOutlet)?)\(\s*'(cognitoTokens\.[^']+)'/g)].map((m) => ({ file, how: m[1], id: m[2] })));

describe('token outlets: the list in core', () => {
  it('every contributed or registered command is classified: a token outlet, or tokenless with a reason (never both)', () => {
    assert.ok(contributed.length > 10 && registrations.length > 10, 'the manifest and the source were found');
    const ids = new Set([...contributed, ...registrations.map((r) => r.id)]);
    const unclassified = [...ids].filter((id) => !isTokenOutletCommand(id) && !(id in TOKENLESS_COMMANDS));
    assert.deepEqual(unclassified, [], 'add each to TOKEN_OUTLET_COMMANDS (it hands out or writes a raw token) or TOKENLESS_COMMANDS (say why not) in src/core/usage/tokenOutlets.ts');
    const both = Object.keys(TOKEN_OUTLET_COMMANDS).filter((id) => id in TOKENLESS_COMMANDS);
    assert.deepEqual(both, []);
    for (const [id, why] of Object.entries(TOKENLESS_COMMANDS)) assert.ok(why.trim().length > 5, `${id} says why it hands out no token`);
  });

  it('lists every command that hands out or writes a token, replaceTokenInFile included', () => {
    assert.deepEqual(Object.keys(TOKEN_OUTLET_COMMANDS).sort(), [
      'cognitoTokens.accessToken',
      'cognitoTokens.copyAsCurl',
      'cognitoTokens.copyAuthorizationHeader',
      'cognitoTokens.copyToken',
      'cognitoTokens.idToken',
      'cognitoTokens.replaceTokenInFile',
    ]);
  });

  it('each outlet is registered through the gate only, and nothing tokenless is', () => {
    for (const id of Object.keys(TOKEN_OUTLET_COMMANDS)) {
      const found = registrations.filter((r) => r.id === id);
      assert.ok(found.length > 0, `${id} is registered`);
      for (const r of found) assert.equal(r.how, 'registerTokenOutlet', `${id} in ${r.file} must be registered with registerTokenOutlet`);
    }
    for (const r of registrations.filter((x) => x.how === 'registerTokenOutlet')) assert.ok(isTokenOutletCommand(r.id), r.id);
  });

  it('every place that can put a token on the clipboard or into a document is known', () => {
    // Keyed by file: what reaches it. A new file here is a new outlet until shown otherwise.
    const known: Record<string, string> = {
      'src/commands/tokenActions.ts': 'copyToken, copyAuthorizationHeader (gated)',
      'src/usage/copyAsCurl.ts': 'copyAsCurl (gated)',
      'src/usage/tokenCodeActions.ts': 'replaceTokenInFile (gated)',
      'src/inspector/inspectorPanel.ts': 'the Copy button a person clicks in the inspector (no command)',
      'src/commands/sessionCommands.ts': 'getUser: a person copies an attribute value they picked (no token)',
    };
    const sinks = sources.filter(({ text }) => /clipboard\.writeText\(|applyEdit\(|new\s+vscode\.WorkspaceEdit\(|\.edit\(\s*\(?\s*\w+\s*\)?\s*=>|insertSnippet\(/.test(text)).map((s) => s.file);
    assert.deepEqual(sinks.filter((file) => !(file in known)), [], 'a new clipboard write or document edit: gate it (TOKEN_OUTLET_COMMANDS) or add it here with why it hands out no token');
  });
});

describe('token outlets: the one gate', () => {
  const script = { interactive: false };
  const person = { interactive: true };
  const outlets = Object.keys(TOKEN_OUTLET_COMMANDS) as TokenOutletCommand[];

  it('cognitoTokens.replaceTokenInFile for a scripted caller in Restricted Mode is refused like accessToken', () => {
    assert.equal(tokenOutletRefusal('cognitoTokens.accessToken', { ...script, workspaceTrusted: false }), 'restrictedMode');
    assert.equal(tokenOutletRefusal('cognitoTokens.replaceTokenInFile', { ...script, workspaceTrusted: false }), 'restrictedMode');
    assert.equal(tokenOutletRefusal('cognitoTokens.replaceTokenInFile', { ...script, workspaceTrusted: true }), undefined);
    // A person who picked the code action in the file they are editing sees where the token goes.
    assert.equal(tokenOutletRefusal('cognitoTokens.replaceTokenInFile', { ...person, workspaceTrusted: false }), undefined);
  });

  it('in Restricted Mode every outlet refuses a script; in a trusted workspace none does', () => {
    for (const id of outlets) {
      assert.equal(tokenOutletRefusal(id, { ...script, workspaceTrusted: false }), 'restrictedMode', id);
      assert.equal(tokenOutletRefusal(id, { ...script, workspaceTrusted: true }), undefined, id);
    }
  });

  it('the raw-token commands and copy as curl refuse a person too in Restricted Mode', () => {
    for (const id of ['cognitoTokens.idToken', 'cognitoTokens.accessToken', 'cognitoTokens.copyAsCurl'] as const) {
      assert.equal(tokenOutletRefusal(id, { ...person, workspaceTrusted: false }), 'restrictedMode', id);
    }
  });

  it('the refresh token goes to a person only, trusted workspace or not', () => {
    for (const id of outlets) {
      assert.equal(tokenOutletRefusal(id, { ...script, workspaceTrusted: true, tokenType: 'refresh' }), 'refreshTokenToScript', id);
    }
    assert.equal(tokenOutletRefusal('cognitoTokens.copyToken', { ...person, workspaceTrusted: true, tokenType: 'refresh' }), undefined);
  });
});
