import * as vscode from 'vscode';
import { expiredNotes } from '../core/usage/inlineExpiry';
import { MAX_LINES_PER_EDITOR, THROTTLE_MS } from '../core/usage/inlineExpiryBounds';
import { clockSkewSeconds } from '../settings';
import { t } from '../translate';
import type { Services } from '../services';

/** Expiry moves with the clock even when nothing else does. */
const REFRESH_MS = 60_000;

/**
 * A subtle "expired 2 h ago" after expired JWTs in the visible part of editors (`cognitoTokens.inlineExpiry`).
 * Only visible ranges are read, and at most once per THROTTLE_MS per editor, so a large file costs what
 * its viewport costs.
 */
export class ExpiryDecorations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 1em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly pending = new Map<vscode.TextEditor, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly deps: Services) {
    this.subscriptions.push(
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.schedule(e))),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.schedule(event.textEditor)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        for (const editor of vscode.window.visibleTextEditors) if (editor.document === event.document) this.schedule(editor);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cognitoTokens.inlineExpiry') || event.affectsConfiguration('cognitoTokens.clockSkewSeconds')) this.all();
      }),
    );
    this.timer = setInterval(() => this.all(), REFRESH_MS);
    this.all();
  }

  private all(): void {
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor);
  }

  private schedule(editor: vscode.TextEditor): void {
    if (this.pending.has(editor)) return;
    this.pending.set(
      editor,
      setTimeout(() => {
        this.pending.delete(editor);
        this.decorate(editor);
      }, THROTTLE_MS),
    );
  }

  /** Decorates now (tests call this instead of waiting for the throttle). Returns how many notes were set. */
  decorate(editor: vscode.TextEditor): number {
    if (!vscode.workspace.getConfiguration('cognitoTokens', editor.document).get<boolean>('inlineExpiry', true)) {
      editor.setDecorations(this.type, []);
      return 0;
    }
    const lines: Array<{ line: number; text: string }> = [];
    for (const range of editor.visibleRanges) {
      for (let line = range.start.line; line <= range.end.line && line < editor.document.lineCount && lines.length < MAX_LINES_PER_EDITOR; line++) {
        lines.push({ line, text: editor.document.lineAt(line).text });
      }
    }
    const notes = expiredNotes(lines, this.deps.clock, clockSkewSeconds(), t);
    editor.setDecorations(
      this.type,
      notes.map((note) => ({ range: new vscode.Range(note.line, note.end, note.line, note.end), renderOptions: { after: { contentText: note.text } } })),
    );
    return notes.length;
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const handle of this.pending.values()) clearTimeout(handle);
    for (const s of this.subscriptions) s.dispose();
    this.type.dispose();
  }
}
