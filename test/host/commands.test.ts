import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DecodeSummary } from '../../src/commands/decodeCommand';
import type { VerifyResult } from '../../src/core/tokens/verify';
import { startJwksServer, type JwksServer } from '../fixtures/jwksServer';
import { b64url, createSigningKey, fakeRefreshToken, idTokenClaims, signJwt, unsignedJwt } from '../fixtures/tokenFactory';
import { activateExtension, closeAllEditors, inspectorTabs, positionOf, waitForInspectorTabs, workspaceFile } from './helpers';

describe('cognitoTokens.decode', () => {
  const now = Math.floor(Date.now() / 1000);
  const id = unsignedJwt(idTokenClaims(now));

  before(async () => {
    await activateExtension();
  });
  afterEach(closeAllEditors);

  it('decodes a token argument and resolves to a summary without the token', async () => {
    const summary = await vscode.commands.executeCommand<DecodeSummary>('cognitoTokens.decode', { token: `Bearer ${id}`, show: false });
    assert.equal(summary.ok, true);
    if (!summary.ok) return;
    assert.equal(summary.source, 'argument');
    assert.equal(summary.tokenUse, 'id');
    assert.equal(summary.userPoolId, 'ap-northeast-1_AbCdEf123');
    assert.equal(summary.region, 'ap-northeast-1');
    assert.equal(summary.expiresAt, new Date((now + 3600) * 1000).toISOString());
    assert.equal(summary.expiryState, 'valid');
    assert.match(summary.fingerprint, /^[0-9a-f]{12}$/);
    const text = JSON.stringify(summary);
    for (const segment of id.split('.')) {
      assert.ok(!text.includes(segment), 'no part of the token is in the summary');
    }
  });

  it('opens the inspector for the token at the cursor', async () => {
    const document = await vscode.workspace.openTextDocument({ content: `{"token": "${id}"}` });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(positionOf(document, id), positionOf(document, id));
    const summary = await vscode.commands.executeCommand<DecodeSummary>('cognitoTokens.decode');
    assert.equal(summary.ok && summary.source, 'cursor');
    const tabs = await waitForInspectorTabs(1);
    assert.equal(tabs.length, 1);
    assert.equal(tabs[0].label, 'Cognito ID token');
  });

  it('prefers the selection, and reuses the one inspector', async () => {
    const refresh = fakeRefreshToken();
    // A file, not a second untitled document: VS Code 1.90 may hand back the just-closed Untitled-1 instead.
    const document = await vscode.workspace.openTextDocument(workspaceFile('selection.txt', `a ${id}\nb ${refresh}\n`));
    const editor = await vscode.window.showTextDocument(document);
    const start = positionOf(document, refresh, 0);
    editor.selection = new vscode.Selection(start, start.translate(0, refresh.length));
    await vscode.commands.executeCommand('cognitoTokens.decode', { token: id });
    const summary = await vscode.commands.executeCommand<DecodeSummary>('cognitoTokens.decode');
    assert.equal(summary.ok && summary.source, 'selection');
    assert.equal(summary.ok && summary.kind, 'jwe');
    await waitForInspectorTabs(1);
    const deadline = Date.now() + 5000;
    while (inspectorTabs()[0]?.label !== 'Encrypted token (JWE)' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(inspectorTabs().length, 1, 'one inspector, reused');
    assert.equal(inspectorTabs()[0].label, 'Encrypted token (JWE)');
  });

  it('decodes the token at a document position (the hover link)', async () => {
    // A file of its own, not an untitled document: after closeAllEditors a new untitled document can come back
    // as the one just closed (VS Code 1.90), and the command's openTextDocument of that untitled: URI then
    // waited for a document VS Code was disposing (the 30 s timeout seen on fresh machines).
    const document = await vscode.workspace.openTextDocument(workspaceFile('position.txt', `x\n  ${id}\n`));
    assert.ok(vscode.workspace.textDocuments.includes(document), 'the document is open in the extension host');
    const summary = await vscode.commands.executeCommand<DecodeSummary>('cognitoTokens.decode', { uri: document.uri.toString(), line: 1, character: 8, show: false });
    assert.equal(summary.ok && summary.source, 'position');
  });

  it('reads the clipboard when it holds a JWT and nothing else is given', async () => {
    await vscode.env.clipboard.writeText(`  Bearer ${id}\n`);
    const summary = await vscode.commands.executeCommand<DecodeSummary>('cognitoTokens.decode', { show: false });
    assert.equal(summary.ok && summary.source, 'clipboard');
  });

  it('explains a malformed token instead of throwing', async () => {
    const bad = await vscode.commands.executeCommand<DecodeSummary>('cognitoTokens.decode', { token: `${b64url({ alg: 'RS256' })}.${b64url('not json')}.sig`, show: false });
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error, 'badJson');
    assert.match(!bad.ok ? bad.message : '', /payload is not valid JSON/);
    const huge = await vscode.commands.executeCommand<DecodeSummary>('cognitoTokens.decode', { token: `eyJ${'A'.repeat(5 * 1024 * 1024)}.a.b`, show: false });
    assert.equal(!huge.ok && huge.error, 'tooLarge');
  });
});

describe('cognitoTokens.verify', () => {
  const key = createSigningKey('host-key');
  let server: JwksServer;
  before(async () => {
    await activateExtension();
    server = await startJwksServer([key]);
  });
  after(async () => {
    await closeAllEditors();
    await server.close();
  });

  it('asks before fetching from an issuer that is neither AWS nor a signed-in profile\'s, and fetches nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(idTokenClaims(now, { iss: server.issuer }), key);
    // Counted from here: another test of this file may have fetched from the same server before.
    const requestsBefore = server.requests();
    const result = await vscode.commands.executeCommand<VerifyResult>('cognitoTokens.verify', { token });
    assert.equal(result.status, 'notChecked', result.reason);
    assert.equal(result.confirmIssuer, server.issuer);
    assert.equal((await waitForInspectorTabs(1)).length, 1);
    assert.equal(server.requests(), requestsBefore, 'no keys fetched before the user trusts the issuer');
  });

  it('forgets trusted issuers: a second call has nothing left to forget', async () => {
    const first = await vscode.commands.executeCommand<{ forgotten: number }>('cognitoTokens.forgetTrustedIssuers');
    assert.equal(typeof first.forgotten, 'number');
    assert.deepEqual(await vscode.commands.executeCommand('cognitoTokens.forgetTrustedIssuers'), { forgotten: 0 });
  });

  it('reports a forged token as failed (keys from the named profile\'s endpoint)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(idTokenClaims(now, { iss: server.issuer }), createSigningKey('host-key'));
    const endpoint = server.issuer.slice(0, server.issuer.lastIndexOf('/'));
    const config = vscode.workspace.getConfiguration('cognitoTokens');
    const others = config.get<Array<{ name: string }>>('profiles', []).filter((p) => p.name !== 'jwks-fixture');
    await config.update('profiles', [...others, { name: 'jwks-fixture', region: 'ap-northeast-1', userPoolId: 'ap-northeast-1_LocalTest1', clientId: 'fixtureclient', endpoint }], vscode.ConfigurationTarget.Global);
    const result = await vscode.commands.executeCommand<VerifyResult>('cognitoTokens.verify', { token, show: false, profile: 'jwks-fixture' });
    assert.equal(result.issuerMatchesProfile, true);
    assert.equal(result.keySource, 'profile');
    assert.equal(result.status, 'failed');
    assert.match(result.reason, /signature does not match/);
  });
});
