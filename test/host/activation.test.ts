import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';

// A root hook (outside any describe): mocha runs it before the first test of every file, whatever order the files
// run in, so this is what activation loaded before any other test (a sign-in, a verify) could load more.
let loadedBeforeAnyTest: string[] = [];
before(async () => {
  await activateExtension();
  loadedBeforeAnyTest = Object.keys(require.cache);
});

describe('activation', () => {
  it('activates and registers every contributed command', async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    const contributed = (extension.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands;
    for (const { command } of contributed) {
      assert.ok(commands.includes(command), `${command} is registered`);
    }
  });

  it('activation itself loads none of the lazy bundles (features, hover, verify, AWS SDK)', async () => {
    // Recorded by activate() when it returned, so this holds whichever suite ran first.
    const extension = await activateExtension();
    assert.deepEqual(extension.exports.bundlesAtActivation, []);
  });

  it('a command run through its activation stub starts the features bundle, whose commands replace the stubs and answer', async () => {
    const extension = await activateExtension();
    const token = `${Buffer.from('{"alg":"RS256","kid":"k"}').toString('base64url')}.${Buffer.from('{"sub":"activation-test","exp":2000000000}').toString('base64url')}.c2ln`;
    const decoded = await vscode.commands.executeCommand<{ ok: boolean; kind?: string } | undefined>('cognitoTokens.decode', { token, show: false });
    assert.deepEqual([decoded?.ok, decoded?.kind], [true, 'jws'], 'the command resolved to its summary');
    assert.ok(Object.keys(require.cache).some((path) => /dist[\\/]features\.js$/.test(path)), 'dist/features.js was required on first use');
    const commands = await vscode.commands.getCommands(true);
    const contributed = (extension.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands;
    for (const { command } of contributed) assert.ok(commands.includes(command), `${command} is registered after the features started`);
    assert.ok(Array.isArray(await extension.exports.profiles()), 'the API answers from the started features');
  });

  it('loads neither the AWS SDK nor jose at activation', () => {
    const loaded = loadedBeforeAnyTest;
    assert.ok(loaded.some((path) => path.endsWith('dist/extension.js')), 'the extension bundle is loaded');
    assert.deepEqual(loaded.filter((path) => /@aws-sdk|[\\/]jose[\\/]|dist[\\/]verify\.js/.test(path)), []);
  });
});
