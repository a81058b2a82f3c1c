/**
 * Core code cannot import `vscode`, yet every user-facing string must go through `vscode.l10n.t`.
 * The editor layer injects its translator; tests and the bench use `formatMessage`, which behaves like
 * `l10n.t` with no translation bundle loaded (`{0}` placeholders replaced by arguments).
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

export const formatMessage: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
