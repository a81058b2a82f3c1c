import * as vscode from 'vscode';
import { systemClock } from './core/clock';
import type { VerifyResult } from './core/verify';
import { decodeCommand } from './commands/decodeCommand';
import { verifyCommand } from './commands/verifyCommand';
import { JwtHoverProvider } from './hover/jwtHoverProvider';
import type { InspectorDeps } from './inspector/inspectorPanel';
import { clockSkewSeconds } from './settings';
import { t } from './translate';

/** Wires services together; behaviour lives in the modules it registers. */
export function activate(context: vscode.ExtensionContext): { readonly activatedAt: number } {
  const log = vscode.window.createOutputChannel('Cognito Token Inspector', { log: true });
  context.subscriptions.push(log);
  try {
    const clock = systemClock;
    const inspectorDeps: InspectorDeps = {
      extensionUri: context.extensionUri,
      clock,
      log,
      verify: (token) => verifyLazily(context, token, clock),
    };
    context.subscriptions.push(
      // Every document of every language and scheme: tokens turn up in logs, output and untitled buffers too.
      vscode.languages.registerHoverProvider('*', new JwtHoverProvider(clock)),
      vscode.commands.registerCommand('cognitoTokens.decode', (args: unknown) => decodeCommand(inspectorDeps, clock, args)),
      vscode.commands.registerCommand('cognitoTokens.verify', (args: unknown) => verifyCommand(inspectorDeps, args)),
    );
    log.info('[activate] ready');
    return { activatedAt: Date.now() };
  } catch (error) {
    // VS Code does not tell the user when activation fails; we do, then rethrow so it is recorded.
    log.error('[activate] failed', error);
    void vscode.window.showErrorMessage(t('Cognito Token Inspector failed to start: {0}', String(error)));
    throw error;
  }
}

/** jose's verification code is a separate bundle, loaded the first time the user asks to verify. */
async function verifyLazily(context: vscode.ExtensionContext, token: string, clock: typeof systemClock): Promise<VerifyResult> {
  const modulePath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'verify.js').fsPath;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { verifyToken } = require(modulePath) as typeof import('./core/verify');
  return verifyToken(token, { clock, skewSeconds: clockSkewSeconds(), t });
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
