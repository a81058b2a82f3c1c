import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';

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

  it('loads neither the AWS SDK nor jose at activation', async () => {
    await activateExtension();
    const loaded = Object.keys(require.cache);
    assert.ok(loaded.some((path) => path.endsWith('dist/extension.js')), 'the extension bundle is loaded');
    assert.deepEqual(loaded.filter((path) => /@aws-sdk|[\\/]jose[\\/]|dist[\\/]verify\.js/.test(path)), []);
  });
});
