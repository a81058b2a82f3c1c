import * as vscode from 'vscode';
import { CognitoAuthProvider } from './cognitoAuthProvider';
import { copyAsCurl } from './copyAsCurl';
import { ExpiryDecorations } from './expiryDecorations';
import { TerminalEnvironment } from './terminalEnvironment';
import { replaceTokenInFile, TokenCodeActions } from './tokenCodeActions';
import { tokenCommand } from './tokenCommands';
import { exchangeTokenCommand } from './tokenExchange';
import type { Services } from '../services';
import { registerTokenOutlet } from './workspaceTrust';

/**
 * Everything that puts tokens to use where the work happens (issue 11): commands for tasks and launch
 * configurations, terminal variables, the `cognito` authentication provider, code actions and inline notes
 * on tokens in files, copy as curl. The provider is registered with VS Code at activation
 * (src/activation/authProvider.ts), which hands its calls to the one returned here.
 */
export function registerTokenUsage(context: vscode.ExtensionContext, deps: Services): { auth: CognitoAuthProvider } {
  const terminal = new TerminalEnvironment(context.environmentVariableCollection, deps);
  const decorations = new ExpiryDecorations(deps);
  const auth = new CognitoAuthProvider(deps);
  context.subscriptions.push(
    terminal,
    decorations,
    auth,
    vscode.languages.registerCodeActionsProvider('*', new TokenCodeActions(deps), { providedCodeActionKinds: [vscode.CodeActionKind.RefactorRewrite] }),
    // Each hands out or writes a raw token: registered behind the one gate (Restricted Mode, caller).
    registerTokenOutlet('cognitoTokens.idToken', deps.log, (args) => tokenCommand(deps, 'id', args)),
    registerTokenOutlet('cognitoTokens.accessToken', deps.log, (args) => tokenCommand(deps, 'access', args)),
    // Resolves to a summary (audience, scopes, fingerprint): the derived token itself leaves only through accessToken.
    vscode.commands.registerCommand('cognitoTokens.exchangeToken', (args) => exchangeTokenCommand(deps, args)),
    registerTokenOutlet('cognitoTokens.copyAsCurl', deps.log, (args) => copyAsCurl(deps, args)),
    registerTokenOutlet('cognitoTokens.replaceTokenInFile', deps.log, (args) => replaceTokenInFile(deps, args)),
  );
  return { auth };
}

/** The feature as dist/features.js starts it (src/features.ts): the repository is every reader's one source of sessions. */
export function tokenUsageFeature(services: Services, context: vscode.ExtensionContext): { auth: CognitoAuthProvider } {
  return registerTokenUsage(context, services);
}
