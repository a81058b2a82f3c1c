import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { accessTokenClaims, fakeRefreshToken, idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';
import { activateExtension, ourHover, positionOf, unescape, workspaceFile } from './helpers';

describe('hover', () => {
  const now = Math.floor(Date.now() / 1000);
  const id = unsignedJwt(idTokenClaims(now));
  const access = unsignedJwt(accessTokenClaims(now, { exp: now + 42 * 60 }));

  before(async () => {
    await activateExtension();
  });

  it('decodes a token inside a JSON string, with Japanese claims and Cognito facts', async () => {
    const uri = workspaceFile('tokens.json', JSON.stringify({ idToken: id }, null, 2));
    const document = await vscode.workspace.openTextDocument(uri);
    const hover = unescape((await ourHover(uri, positionOf(document, id))) ?? '');
    assert.match(hover, /Cognito ID token/);
    assert.match(hover, /山田 太郎/);
    assert.match(hover, /開発部/);
    assert.match(hover, /User pool ap-northeast-1_AbCdEf123 in ap-northeast-1/);
    assert.match(hover, /\*\*exp\*\* \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    assert.match(hover, /Open in inspector\]\(command:cognitoTokens\.decode\?/);
  });

  it('decodes after Bearer in an untitled document', async () => {
    // Minted now, not when the file loaded: in another file order this test can run minutes later.
    const minted = Math.floor(Date.now() / 1000);
    const fresh = unsignedJwt(accessTokenClaims(minted, { exp: minted + 42 * 60 }));
    const document = await vscode.workspace.openTextDocument({ content: `curl -H "Authorization: Bearer ${fresh}" https://api.example.com`, language: 'shellscript' });
    const hover = unescape((await ourHover(document.uri, positionOf(document, fresh, 30))) ?? '');
    assert.match(hover, /Cognito access token\*\* · expires in 4[12] min/);
    assert.match(hover, /scope/);
  });

  it('picks the token under the cursor in a URL fragment, not its neighbour', async () => {
    const document = await vscode.workspace.openTextDocument({ content: `https://app.example.com/cb#id_token=${id}&access_token=${access}&expires_in=3600` });
    const first = unescape((await ourHover(document.uri, positionOf(document, id, 3))) ?? '');
    const second = unescape((await ourHover(document.uri, positionOf(document, access, 3))) ?? '');
    assert.match(first, /Cognito ID token/);
    assert.match(second, /Cognito access token/);
  });

  it('decodes a .env value and a token in a 1 MB log line', async () => {
    const env = workspaceFile('.env', `API_URL=https://x\nACCESS_TOKEN=${access}\n`);
    const envDocument = await vscode.workspace.openTextDocument(env);
    assert.match(unescape((await ourHover(env, positionOf(envDocument, access))) ?? ''), /Cognito access token/);
    const filler = 'GET /health 200 '.repeat(65_536);
    const log = workspaceFile('big.log', `${filler} token=${id} ${filler}\n`);
    const logDocument = await vscode.workspace.openTextDocument(log);
    assert.match(unescape((await ourHover(log, positionOf(logDocument, id, 50))) ?? ''), /Cognito ID token/);
  });

  it('shows an encrypted refresh token as not readable', async () => {
    const refresh = fakeRefreshToken();
    const document = await vscode.workspace.openTextDocument({ content: `refresh=${refresh}` });
    const hover = unescape((await ourHover(document.uri, positionOf(document, refresh))) ?? '');
    assert.match(hover, /Encrypted token \(JWE\)/);
    assert.match(hover, /Contents not readable/);
    assert.match(hover, /enc: A256GCM/);
  });

  it('gives no hover for things that only look like tokens', async () => {
    const content = 'version 1.2.3\nwords a.b.c\nbad eyJhbGciOiJIUzI1NiJ9.!!!.x\nnotjson eyJub3Q.bm90IGpzb24.c2ln\n';
    const document = await vscode.workspace.openTextDocument({ content });
    for (const [needle, offset] of [['1.2.3', 1], ['a.b.c', 1], ['eyJhbGciOiJIUzI1NiJ9', 3], ['eyJub3Q', 3]] as const) {
      assert.equal(await ourHover(document.uri, positionOf(document, needle, offset), true), undefined, needle);
    }
  });

  it('renders a hostile claim as text', async () => {
    const hostile = unsignedJwt({ sub: '<img src=x onerror=alert(1)>', token_use: 'id', iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x', 'cognito:username': '[x](command:workbench.action.quit)' });
    const document = await vscode.workspace.openTextDocument({ content: hostile });
    const hover = (await ourHover(document.uri, new vscode.Position(0, 5))) ?? '';
    assert.ok(hover.includes('\\<img'), hover);
    assert.ok(!hover.includes('](command:workbench'), hover);
  });

  it('explains a 5 MB token-shaped run instead of decoding it', async () => {
    const document = await vscode.workspace.openTextDocument({ content: `eyJhbGciOiJub25lIn0.${'A'.repeat(5 * 1024 * 1024)}.x` });
    const hover = unescape((await ourHover(document.uri, new vscode.Position(0, 5))) ?? '');
    assert.match(hover, /longer than 131072 characters, the limit for a token/);
  });
});
