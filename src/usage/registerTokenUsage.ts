import * as vscode from 'vscode';
import { CognitoAuthProvider } from './cognitoAuthProvider';
import { copyAsCurl } from './copyAsCurl';
import { ExpiryDecorations } from './expiryDecorations';
import { TerminalEnvironment } from './terminalEnvironment';
import { replaceTokenInFile, TokenCodeActions } from './tokenCodeActions';
import { tokenCommand } from './tokenCommands';
import type { UsageDeps } from './usageDeps';
import { pickProfile } from '../commands/pickProfile';
import type { Services } from '../services';

/**
 * Everything that puts tokens to use where the work happens (issue 11): commands for tasks and launch
 * configurations, terminal variables, the `cognito` authentication provider, code actions and inline notes
 * on tokens in files, copy as curl. The provider is registered with VS Code at activation
 * (src/activation/authProvider.ts), which hands its calls to the one returned here.
 */
export function registerTokenUsage(context: vscode.ExtensionContext, deps: UsageDeps): { auth: CognitoAuthProvider } {
  const terminal = new TerminalEnvironment(context.environmentVariableCollection, deps);
  const decorations = new ExpiryDecorations(deps);
  const auth = new CognitoAuthProvider(deps);
  const register = (id: string, run: (args: unknown) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, run);
  context.subscriptions.push(
    terminal,
    decorations,
    auth,
    vscode.languages.registerCodeActionsProvider('*', new TokenCodeActions(deps), { providedCodeActionKinds: [vscode.CodeActionKind.RefactorRewrite] }),
    register('cognitoTokens.idToken', (args) => tokenCommand(deps, 'id', args)),
    register('cognitoTokens.accessToken', (args) => tokenCommand(deps, 'access', args)),
    register('cognitoTokens.copyAsCurl', (args) => copyAsCurl(deps, args)),
    register('cognitoTokens.replaceTokenInFile', (args) => replaceTokenInFile(deps, args)),
  );
  return { auth };
}

/** The feature as dist/features.js starts it (src/features.ts): the repository is every reader's one source of sessions. */
export function tokenUsageFeature(services: Services, context: vscode.ExtensionContext): { auth: CognitoAuthProvider } {
  return registerTokenUsage(context, {
    sessions: services.repository,
    profiles: () => services.profiles.read().profiles,
    pickProfile: (name) => pickProfile(services, name),
    clock: services.clock,
    log: services.log,
  });
}
