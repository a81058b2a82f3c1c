import * as vscode from 'vscode';
import type { Clock } from '../core/clock';
import { expiryState, numericDate, type ExpiryState } from '../core/expiry';
import { cognitoFacts } from '../core/cognito';
import { fingerprint } from '../core/fingerprint';
import { describeDecodeFailure } from '../core/inspection';
import { decodeToken, looksLikeJwt, normalizeTokenInput, type DecodedToken } from '../core/jwt';
import { locateTokenAt } from '../core/tokenLocator';
import { InspectorPanel, type InspectorDeps } from '../inspector/inspectorPanel';
import { clockSkewSeconds } from '../settings';
import { t } from '../translate';

/** `cognitoTokens.decode` arguments; all optional, what is missing is looked for or asked. */
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

/** What the command resolves to. Never holds the token: only its fingerprint and decoded facts. */
export type DecodeSummary =
  | {
      readonly ok: true;
      readonly source: TokenSource;
      readonly kind: 'jws' | 'jwe';
      readonly fingerprint: string;
      readonly tokenUse?: string;
      readonly issuer?: string;
      readonly userPoolId?: string;
      readonly region?: string;
      readonly clientId?: string;
      readonly expiresAt?: string;
      readonly expiryState: ExpiryState;
      readonly problems: number;
    }
  | { readonly ok: false; readonly source: TokenSource; readonly error: string; readonly message: string };

export async function decodeCommand(deps: InspectorDeps, clock: Clock, raw: unknown): Promise<DecodeSummary | undefined> {
  const args: DecodeArgs = typeof raw === 'object' && raw !== null ? raw : {};
  const found = await findToken(args);
  if (!found) {
    return undefined; // Cancelled: silent.
  }
  const token = normalizeTokenInput(found.text);
  const decoded = decodeToken(token);
  if (decoded.kind === 'invalid') {
    const message = describeDecodeFailure(decoded, t);
    deps.log.info(`[decode] not a decodable token (${decoded.code}) from ${found.source}`);
    void vscode.window.showErrorMessage(t('Cannot decode the token: {0}', message));
    return { ok: false, source: found.source, error: decoded.code, message };
  }
  deps.log.info(`[decode] token ${fingerprint(token)} from ${found.source}`);
  if (args.show !== false) {
    InspectorPanel.show(deps, token, decoded);
  }
  return summarize(token, decoded, found.source, clock);
}

function summarize(token: string, decoded: DecodedToken, source: TokenSource, clock: Clock): DecodeSummary {
  const payload = decoded.kind === 'jws' ? decoded.payload : {};
  const exp = numericDate(payload.exp);
  const facts = cognitoFacts(payload);
  const problems = decoded.kind === 'jws' ? countProblems(payload) : 0;
  return {
    ok: true,
    source,
    kind: decoded.kind,
    fingerprint: fingerprint(token),
    tokenUse: typeof payload.token_use === 'string' ? payload.token_use : undefined,
    issuer: typeof payload.iss === 'string' ? payload.iss : undefined,
    userPoolId: facts?.issuer?.userPoolId,
    region: facts?.issuer?.region,
    clientId: facts?.clientId,
    expiresAt: exp === undefined ? undefined : new Date(exp * 1000).toISOString(),
    expiryState: expiryState({ exp, nbf: numericDate(payload.nbf) }, clock, clockSkewSeconds()),
    problems,
  };
}

function countProblems(payload: Record<string, unknown>): number {
  return ['exp', 'iat', 'nbf', 'auth_time'].filter((name) => name in payload && numericDate(payload[name]) === undefined).length;
}

async function findToken(args: DecodeArgs): Promise<{ text: string; source: TokenSource } | undefined> {
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
