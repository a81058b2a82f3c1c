// The slice of the `vscode` API that the hover provider and activate() touch, for benchmarks in plain
// Node. It records nothing and formats strings the way l10n.t does without a bundle.
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
const Uri = {
  file: (fsPath) => ({ fsPath, toString: () => `file://${fsPath}` }),
  joinPath: (base, ...parts) => Uri.file([base.fsPath, ...parts].join('/')),
  parse: (value) => ({ fsPath: value, toString: () => value }),
};
module.exports = {
  Position, Range, MarkdownString, Hover, Uri,
  ViewColumn: { Beside: -2 },
  ThemeIcon: class { constructor(id) { this.id = id; } },
  l10n: { t: format },
  env: { language: 'en', clipboard: { readText: async () => '', writeText: async () => {} } },
  workspace: { getConfiguration: () => ({ get: (_key, fallback) => fallback }), textDocuments: [] },
  languages: { registerHoverProvider: () => disposable },
  commands: { registerCommand: () => disposable },
  window: {
    createOutputChannel: () => ({ info() {}, warn() {}, error() {}, debug() {}, trace() {}, dispose() {} }),
    showErrorMessage: async () => undefined,
  },
};
