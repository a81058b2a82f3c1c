import * as vscode from 'vscode';
import type { Translate } from './core/shared/l10n';

/** The translator handed to core code: `vscode.l10n.t`, so core strings use the user's language bundle. */
export const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
