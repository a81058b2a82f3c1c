// The slice of the `vscode` API that the hover provider, activate() and the first uses touch, for
// benchmarks in plain Node. It keeps what is registered (commands, the hover provider) so the probes can
// call them as VS Code would, and formats strings the way l10n.t does without a bundle.
const format = (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i) => (args[Number(i)] === undefined ? whole : String(args[Number(i)])));
class Position { constructor(line, character) { this.line = line; this.character = character; } }
class Range { constructor(a, b, c, d) { this.start = new Position(a, b); this.end = new Position(c, d); } }
class MarkdownString {
  constructor(value = '') { this.value = value; }
  appendText(text) { this.value += text; return this; }
  appendMarkdown(text) { this.value += text; return this; }
}
class Hover { constructor(contents, range) { this.contents = [contents]; this.range = range; } }
const disposable = { dispose() {} };
/** What has been registered, for the probes. */
const registered = { commands: new Map(), hover: [] };
class EventEmitter {
  constructor() { this.listeners = []; this.event = (listener) => { this.listeners.push(listener); return disposable; }; }
  fire(value) { for (const listener of this.listeners) listener(value); }
  dispose() { this.listeners = []; }
}
const Uri = {
  file: (fsPath) => ({ fsPath, toString: () => `file://${fsPath}` }),
  joinPath: (base, ...parts) => Uri.file([base.fsPath, ...parts].join('/')),
  parse: (value) => ({ fsPath: value, toString: () => value }),
};
module.exports = {
  registered,
  Position, Range, MarkdownString, Hover, Uri, EventEmitter,
  ThemeColor: class { constructor(id) { this.id = id; } },
  TreeItem: class { constructor(label, state) { this.label = label; this.collapsibleState = state; } },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ConfigurationTarget: { Global: 1 },
  ProgressLocation: { Notification: 15, Window: 10 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ViewColumn: { Beside: -2 },
  ThemeIcon: class { constructor(id) { this.id = id; } },
  l10n: { t: format },
  env: { language: 'en', clipboard: { readText: async () => '', writeText: async () => {} } },
  workspace: {
    getConfiguration: () => ({ get: (_key, fallback) => fallback, inspect: () => undefined }), textDocuments: [], onDidChangeConfiguration: () => disposable, onDidChangeTextDocument: () => disposable,
    // The Restricted Mode gate (src/trust): the bench measures a trusted workspace, as most are.
    isTrusted: true, onDidGrantWorkspaceTrust: () => disposable,
  },
  languages: {
    registerHoverProvider: (_selector, provider) => { registered.hover.push(provider); return disposable; },
    registerCodeActionsProvider: () => disposable,
  },
  // What the token-usage feature registers at activation (src/usage).
  authentication: { registerAuthenticationProvider: () => disposable },
  CodeActionKind: { QuickFix: 'quickfix', RefactorRewrite: 'refactor.rewrite' },
  DecorationRangeBehavior: { ClosedClosed: 1 },
  commands: {
    // As VS Code does: an id registered twice is an error, and a disposed registration frees the id.
    registerCommand: (id, run) => {
      if (registered.commands.has(id)) throw new Error(`command '${id}' already exists`);
      registered.commands.set(id, run);
      return { dispose: () => registered.commands.get(id) === run && registered.commands.delete(id) };
    },
    executeCommand: async (id, ...args) => {
      const run = registered.commands.get(id);
      if (!run) throw new Error(`command '${id}' not found`);
      return run(...args);
    },
  },
  window: {
    createOutputChannel: () => ({ info() {}, warn() {}, error() {}, debug() {}, trace() {}, dispose() {} }),
    showErrorMessage: async () => undefined,
    // What the refresh command touches (bench/refresh-probe.cjs).
    showWarningMessage: async () => undefined,
    showInformationMessage: async () => undefined,
    setStatusBarMessage: () => disposable,
    withProgress: (_options, task) => task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: () => disposable }),
    // Managed login's redirects (oauthext), registered when dist/features.js starts.
    registerUriHandler: () => disposable,
    createTreeView: () => ({ visible: false, onDidChangeVisibility: () => disposable, dispose() {} }),
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
    createTextEditorDecorationType: () => disposable,
    onDidChangeVisibleTextEditors: () => disposable,
    onDidChangeTextEditorVisibleRanges: () => disposable,
    visibleTextEditors: [],
  },
};
