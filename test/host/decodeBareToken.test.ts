import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DecodeSummary } from '../../src/commands/decodeCommand';
import { fingerprint } from '../../src/core/shared/fingerprint';
import { idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';
import { activateExtension, ourHover, unescape, workspaceFile } from './helpers';

describe('decode and hover (issue 11)', () => {
  before(async () => {
    await activateExtension();
  });

  it('cognitoTokens.decode takes a bare token string as its argument', async () => {
    const token = unsignedJwt(idTokenClaims(Math.floor(Date.now() / 1000)));
    // Without show:false the command would open the inspector; a bare string cannot say so, so close it after.
    const summary = await vscode.commands.executeCommand<DecodeSummary>('cognitoTokens.decode', token);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.ok(summary?.ok, JSON.stringify(summary));
    assert.equal(summary.source, 'argument');
    assert.equal(summary.fingerprint, fingerprint(token));
  });

  it('the hover shows a non-Cognito token\'s own claims', async () => {
    const token = unsignedJwt({ role: 'admin', note: 'deploy-only', exp: Math.floor(Date.now() / 1000) + 3600 });
    // A file, not an untitled document: VS Code 1.90 may hand back a just-closed Untitled-1 with its old text.
    const document = await vscode.workspace.openTextDocument(workspaceFile('non-cognito-token.txt', `token=${token}`));
    const markdown = await ourHover(document.uri, new vscode.Position(0, 20));
    assert.ok(markdown, 'a hover');
    const text = unescape(markdown);
    assert.ok(text.includes('**role** admin') && text.includes('**note** deploy-only'), 'both claims shown');
    assert.ok(!text.includes('more claims'));
  });
});
