import * as vscode from 'vscode';
import { describeDecodeFailure } from '../core/tokens/inspection';
import { decodeToken, looksLikeJwt, normalizeTokenInput } from '../core/tokens/jwt';
import { locateTokenAt } from '../core/tokens/tokenLocator';
import { t } from '../translate';

/**
 * Where a token command finds its token: an argument, a document position (the hover link), the
 * selection, the token at the cursor, the clipboard if it holds a JWT, else an input box.
 */
/** Token command arguments (`cognitoTokens.decode`, `cognitoTokens.verify`); all optional, what is missing is looked for or asked. */
export interface DecodeArgs {
  readonly token?: string;
  /** A document position whose token to decode (the hover's "Open in inspector" link uses this). */
  readonly uri?: string;
  readonly line?: number;
  readonly character?: number;
  /** false: decode and return the summary without opening the inspector (scripts, tests). */
  readonly show?: boolean;
}

export type TokenSource = 'argument' | 'position' | 'selection' | 'cursor' | 'clipboard' | 'input';

export function tokenArgs(raw: unknown): DecodeArgs {
  return typeof raw === 'object' && raw !== null ? raw : {};
}

export async function findToken(args: DecodeArgs): Promise<{ text: string; source: TokenSource } | undefined> {
  if (typeof args.token === 'string') {
    return { text: args.token, source: 'argument' };
  }
  if (typeof args.uri === 'string' && typeof args.line === 'number' && typeof args.character === 'number') {
    const text = await tokenAtPosition(args.uri, args.line, args.character);
    if (text) {
      return { text, source: 'position' };
    }
  }
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const selected = editor.document.getText(editor.selection);
    if (!editor.selection.isEmpty && looksLikeJwt(normalizeTokenInput(selected))) {
      return { text: selected, source: 'selection' };
    }
    const position = editor.selection.active;
    const located = locateTokenAt(editor.document.lineAt(position.line).text, position.character);
    if (located?.kind === 'token') {
      return { text: located.text, source: 'cursor' };
    }
  }
  const clipboard = await vscode.env.clipboard.readText();
  if (clipboard.length <= 200_000 && looksLikeJwt(normalizeTokenInput(clipboard))) {
    return { text: clipboard, source: 'clipboard' };
  }
  const typed = await vscode.window.showInputBox({
    title: t('Decode JWT'),
    prompt: t('Paste a JWT. A leading "Bearer " or "Authorization:" is fine.'),
    placeHolder: 'eyJhbGciOi…',
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (value.trim() === '') {
        return undefined;
      }
      const decoded = decodeToken(normalizeTokenInput(value));
      return decoded.kind === 'invalid' ? describeDecodeFailure(decoded, t) : undefined;
    },
  });
  return typed === undefined || typed.trim() === '' ? undefined : { text: typed, source: 'input' };
}

async function tokenAtPosition(uri: string, line: number, character: number): Promise<string | undefined> {
  const document =
    vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri) ??
    (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)));
  if (line < 0 || line >= document.lineCount) {
    return undefined;
  }
  const located = locateTokenAt(document.lineAt(line).text, character);
  return located?.kind === 'token' ? located.text : undefined;
}
