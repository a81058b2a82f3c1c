import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SignInResult } from '../../src/commands/signInCommand';
import type { SessionSummary } from '../../src/core/sessions/storedSession';
import type { CognitoTokensApi } from '../../src/extension';
import type { TestPool } from '../fixtures/testPool';

/** The suite's local user pool, started by the runner. */
export function testPool(): TestPool {
  const text = process.env.CTI_TEST_POOL;
  assert.ok(text, 'the runner started a local user pool (CTI_TEST_POOL)');
  return JSON.parse(text) as TestPool;
}

/**
 * Puts the workspace's .vscode files back as the runner made them (settings `{}`, no tasks). Files are rewritten,
 * never deleted: VS Code 1.90 does not see a tasks.json in a .vscode folder deleted and made again in one window.
 */
export function resetWorkspaceConfig(): void {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  const dir = join(folder.uri.fsPath, '.vscode');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), '{}\n');
  writeFileSync(join(dir, 'tasks.json'), `${JSON.stringify({ version: '2.0.0', tasks: [] })}\n`);
}

export const EXTENSION_ID = 'cognito-devtools.cognito-token-inspector';

export async function activateExtension(): Promise<vscode.Extension<CognitoTokensApi>> {
  const extension = vscode.extensions.getExtension<CognitoTokensApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await extension.activate();
  return extension;
}

export function workspaceFile(name: string, content: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has a workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, name);
  writeFileSync(uri.fsPath, content);
  return uri;
}

/** Our hover's markdown at a position, or undefined when we give none. */
export async function ourHover(uri: vscode.Uri, position: vscode.Position, expectNone = false): Promise<string | undefined> {
  // A document opened a moment ago can reach the hover machinery late when the machine is loaded: ask again
  // for a while before concluding there is no hover (a test expecting none asks once).
  const deadline = Date.now() + (expectNone ? 0 : 3000);
  for (;;) {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    const texts = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)));
    const ours = texts.find((text) => text.includes('cognitoTokens.decode') || text.includes('JWT') || text.includes('JWE') || text.includes('token'));
    if (ours !== undefined || Date.now() >= deadline) return ours;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function positionOf(document: vscode.TextDocument, needle: string, offset = 10): vscode.Position {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `needle is in the document (${document.uri.toString()}, ${document.getText().length} chars, needle ${needle.length} chars, lines ${document.lineCount})`);
  return document.positionAt(index + offset);
}

/** Markdown escapes every punctuation mark; compare against text with the escapes removed. */
export function unescape(markdown: string): string {
  return markdown.replace(/\\(.)/g, '$1');
}

/** The tab model reaches the extension host asynchronously: wait until it shows `count` inspectors. */
export async function waitForInspectorTabs(count: number, timeoutMs = 5000): Promise<vscode.Tab[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tabs = inspectorTabs();
    if (tabs.length === count || Date.now() > deadline) {
      return tabs;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function inspectorTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('cognitoTokens.inspector'));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Runs `cognitoTokens.signIn` with scripted arguments; it always resolves to a result (a summary or an error). */
export async function signIn(args: Record<string, unknown>): Promise<SignInResult> {
  const result = await vscode.commands.executeCommand<SignInResult | undefined>('cognitoTokens.signIn', args);
  assert.ok(result, 'sign-in resolved to a result');
  return result;
}

export function assertSignedIn(result: SignInResult): asserts result is SessionSummary {
  assert.ok(!('error' in result), 'error' in result ? `${result.error}: ${result.message}` : '');
}
