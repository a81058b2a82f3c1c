import * as vscode from 'vscode';
import { matchProfiles, type SignedInProfile } from '../core/usage/tokenMatch';
import { personCall } from '../core/shared/callOrigin';
import { fingerprint } from '../core/shared/fingerprint';
import { decodeToken } from '../core/tokens/jwt';
import { locateTokenAt } from '../core/tokens/tokenLocator';
import { t } from '../translate';
import { usableToken, type Freshness } from './usableToken';
import type { Services } from '../services';

export const REPLACE_TOKEN_COMMAND = 'cognitoTokens.replaceTokenInFile';

interface ReplaceArgs {
  readonly uri: string;
  readonly range: { readonly line: number; readonly start: number; readonly end: number };
  /** Fingerprint of the token the action was offered on: nothing is replaced if the text changed since. */
  readonly was: string;
  readonly profile: string;
  readonly tokenType: 'id' | 'access';
  readonly freshness: Freshness;
}

/**
 * On a JWT issued for a signed-in profile (same issuer, same app client): replace it with that profile's
 * current token, or with a fresh one. Reads only the line under the cursor, like the hover.
 */
export class TokenCodeActions implements vscode.CodeActionProvider {

  constructor(private readonly deps: Services) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): Promise<vscode.CodeAction[]> {
    const line = range.start.line;
    const located = locateTokenAt(document.lineAt(line).text, range.start.character);
    if (located?.kind !== 'token') return [];
    const decoded = decodeToken(located.text);
    if (decoded.kind !== 'jws') return [];
    const candidates: SignedInProfile[] = [];
    for (const profile of this.deps.profiles.read().profiles) {
      const session = await this.deps.repository.current(profile.name).catch(() => undefined);
      if (session) candidates.push({ profile: profile.name, clientId: profile.clientId, tokens: session.tokens });
    }
    const actions: vscode.CodeAction[] = [];
    for (const match of matchProfiles(decoded.payload, candidates)) {
      for (const freshness of ['ifDue', 'always'] as const) {
        const title = freshness === 'always' ? t('Replace with a fresh token from {0}', match.profile) : t('Replace with the current token from {0}', match.profile);
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.RefactorRewrite);
        // Marked as our own UI's: VS Code hands a code action's arguments back by reference, so the gate can
        // tell the person who picked it from a script calling the command with a copy.
        const args: ReplaceArgs = personCall({ uri: document.uri.toString(), range: { line, start: located.start, end: located.end }, was: fingerprint(located.text), ...match, freshness });
        action.command = { title, command: REPLACE_TOKEN_COMMAND, arguments: [args] };
        actions.push(action);
      }
    }
    return actions;
  }
}

/** Runs a code action: gets the token (refreshing as asked), then edits the file. Resolves to fingerprints only. */
export async function replaceTokenInFile(deps: Services, raw: unknown): Promise<{ profile: string; tokenType: string; fingerprint: string } | undefined> {
  const args = raw as ReplaceArgs | undefined;
  if (!args || typeof args.uri !== 'string' || typeof args.profile !== 'string') return undefined;
  const token = await usableToken(deps, args.profile, args.tokenType === 'id' ? 'id' : 'access', args.freshness === 'always' ? 'always' : 'ifDue');
  if (!token) return undefined;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  const range = new vscode.Range(args.range.line, args.range.start, args.range.line, args.range.end);
  if (args.range.line >= document.lineCount || fingerprint(document.getText(range)) !== args.was) {
    void vscode.window.showWarningMessage(t('The token changed in the file before it could be replaced; nothing was changed.'));
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, token);
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  deps.log.info(`[usage] replaced a token in ${document.uri.scheme} document with ${args.profile}'s ${args.tokenType} token ${fingerprint(token)}`);
  return { profile: args.profile, tokenType: args.tokenType, fingerprint: fingerprint(token) };
}
