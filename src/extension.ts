import * as vscode from 'vscode';
import { createApi, type CognitoTokensApi } from './api';
import { registerSessionCommands, registerTokenCommands } from './commands/registerCommands';
import { JwtHoverProvider } from './hover/jwtHoverProvider';
import { createServices, type Services } from './services';
import { registerStatusBar } from './statusBar/tokenStatusBar';
import { t } from './translate';
import { registerTokenTree } from './tree/tokenTreeProvider';
import { tokenUsageFeature } from './usage/registerTokenUsage';

export type { CognitoTokensApi } from './api';

/** A feature plugs in here with one line: it gets the services and registers into the context. */
type Feature = (services: Services, context: vscode.ExtensionContext) => void;

const features: readonly Feature[] = [
  registerTokenCommands,
  registerSessionCommands,
  registerStatusBar,
  // Every document of every language and scheme: tokens turn up in logs, output and untitled buffers too.
  (services, context) => context.subscriptions.push(vscode.languages.registerHoverProvider('*', new JwtHoverProvider(services.clock))),
  (services, context) => context.subscriptions.push(vscode.window.registerUriHandler(services.oauthCallbacks)),
  tokenUsageFeature,
];

/** Builds the services, registers the features, returns a narrow API of summaries. */
export function activate(context: vscode.ExtensionContext): CognitoTokensApi {
  const log = vscode.window.createOutputChannel('Cognito Token Inspector', { log: true });
  context.subscriptions.push(log);
  try {
    const services = createServices(context, log);
    const tree = registerTokenTree(services, context);
    for (const register of features) register(services, context);
    log.info('[activate] ready');
    return createApi(services, context.secrets, tree);
  } catch (error) {
    // VS Code does not tell the user when activation fails; we do, then rethrow so it is recorded.
    log.error('[activate] failed', error);
    void vscode.window.showErrorMessage(t('Cognito Token Inspector failed to start: {0}', String(error)));
    throw error;
  }
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
