import * as vscode from 'vscode';
import type { LazyFeatures } from './lazyFeatures';
import { SESSION_KEY_PREFIX } from '../core/sessions/sessionKeys';
import { JWT_START, MAX_LINES_PER_EDITOR, MAX_SCANNED_LINE, THROTTLE_MS } from '../core/usage/inlineExpiryBounds';
import { hasStoredSession } from './storedSessions';

/**
 * A stored session (from an earlier run, or another window's sign-in) starts dist/features.js: the status
 * bar must show it, auto refresh and terminal variables act on it. Without one, nothing here loads.
 */
export function startWhenSignedIn(lazy: LazyFeatures, context: vscode.ExtensionContext): void {
  const check = (): void => {
    if (lazy.featuresStarted()) return;
    void hasStoredSession(context.secrets).then((found) => {
      if (found) lazy.features();
    }).catch(() => undefined); // a failure to start was reported where it happened
  };
  context.subscriptions.push(
    context.secrets.onDidChange((event) => {
      if (event.key.startsWith(SESSION_KEY_PREFIX)) check();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('cognitoTokens.profiles')) check();
    }),
  );
  check();
}


/**
 * A JWT in the visible part of an editor starts dist/features.js, whose inline expiry notes then describe
 * it. The scan is the notes' own (visible lines only, once per burst of scrolls or keystrokes); it loads
 * nothing when no token is in view or the notes are turned off, and stops once the features have started.
 */
export function startWhenTokenInView(lazy: LazyFeatures, context: vscode.ExtensionContext): void {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const scan = (): void => {
    pending = undefined;
    if (lazy.featuresStarted() || !vscode.workspace.getConfiguration('cognitoTokens').get<boolean>('inlineExpiry', true)) return;
    if (vscode.window.visibleTextEditors.some(tokenInView)) {
      try {
        lazy.features();
      } catch {
        // Reported where it happened.
      }
    }
  };
  const schedule = (): void => {
    if (!pending && !lazy.featuresStarted()) pending = setTimeout(scan, THROTTLE_MS);
  };
  const subscriptions = [
    vscode.window.onDidChangeVisibleTextEditors(schedule),
    vscode.window.onDidChangeTextEditorVisibleRanges(schedule),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (vscode.window.visibleTextEditors.some((editor) => editor.document === event.document)) schedule();
    }),
  ];
  const stop = (): void => {
    if (pending) clearTimeout(pending);
    for (const subscription of subscriptions) subscription.dispose();
  };
  lazy.whenFeatures({ after: stop });
  context.subscriptions.push({ dispose: stop });
  // Editors restored at startup: scanned once their first burst has settled, like any other.
  schedule();
}

function tokenInView(editor: vscode.TextEditor): boolean {
  let lines = 0;
  for (const range of editor.visibleRanges) {
    for (let line = range.start.line; line <= range.end.line && line < editor.document.lineCount && lines < MAX_LINES_PER_EDITOR; line++, lines++) {
      const text = editor.document.lineAt(line).text;
      if (text.length <= MAX_SCANNED_LINE && JWT_START.test(text)) return true;
    }
  }
  return false;
}
