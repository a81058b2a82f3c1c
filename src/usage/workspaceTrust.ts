import * as vscode from 'vscode';
import { isInteractive } from '../core/shared/callOrigin';
import { TOKEN_OUTLET_COMMANDS, tokenOutletRefusal, type OutletRefusal, type TokenOutletCommand } from '../core/usage/tokenOutlets';
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

/**
 * Registers a command that hands out or writes a raw token, behind the one gate every such command passes
 * (src/core/usage/tokenOutlets.ts): Restricted Mode and who is calling are judged before `run` sees the
 * call. A refusal is said (Restricted Mode here, the rest by `refused`) and resolves to what `refused`
 * returns (undefined by default, which also cancels a task's `${command:…}`).
 */
export function registerTokenOutlet(
  id: TokenOutletCommand,
  log: vscode.LogOutputChannel,
  run: (args: unknown) => unknown,
  refused: (reason: OutletRefusal, args: unknown) => unknown = () => undefined,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, (args: unknown) => {
    const tokenType = typeof args === 'object' && args !== null ? (args as { tokenType?: unknown }).tokenType : undefined;
    const reason = tokenOutletRefusal(id, { interactive: isInteractive(args), workspaceTrusted: vscode.workspace.isTrusted, tokenType });
    if (reason === undefined) return run(args);
    if (reason === 'restrictedMode') refusedInRestrictedMode(TOKEN_OUTLET_COMMANDS[id].outlet, log);
    else log.info(`[usage] ${id}: a script asked for the refresh token; not handed out.`);
    return refused(reason, args);
  });
}
