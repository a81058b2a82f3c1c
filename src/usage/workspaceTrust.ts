import * as vscode from 'vscode';
import { mayHandOutTokens, type TokenOutlet } from '../core/usage/workspaceTrust';
import { t } from '../translate';

/**
 * False, having said why, when `outlet` may not hand out a token because the workspace is in Restricted Mode.
 * Said through a notification the caller does not wait on; the terminal export says nothing (it runs on every
 * change) and the authentication provider answers "no session".
 */
export function refusedInRestrictedMode(outlet: TokenOutlet, log: vscode.LogOutputChannel, say = true): boolean {
  if (mayHandOutTokens(outlet, vscode.workspace.isTrusted)) return false;
  log.info(`[usage] ${outlet}: the workspace is in Restricted Mode; no token handed out.`);
  if (say) {
    const manage = t('Manage Workspace Trust');
    void vscode.window
      .showWarningMessage(t('This workspace is in Restricted Mode: Cognito tokens are not handed to tasks, terminals, curl commands or other extensions until you trust it. Nothing was shared.'), manage)
      .then((choice) => (choice === manage ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
  }
  return true;
}
