import * as vscode from 'vscode';
import { createApi, type FeaturesApi } from './api';
import type { Loaders, Registration } from './contract';
import { registerSessionCommands, registerTokenCommands } from './commands/registerCommands';
import { createServices, type Services } from './services';
import { registerStatusBar } from './statusBar/tokenStatusBar';
import { registerTokenTree, type TokenTreeProvider } from './tree/tokenTreeProvider';
import type { CognitoAuthProvider } from './usage/cognitoAuthProvider';
import { tokenUsageFeature } from './usage/registerTokenUsage';

/**
 * dist/features.js: everything activation leaves for first use (src/activation/ says when that is).
 * A feature plugs in here with one line: it gets the services and registers into the context.
 */
const features: readonly Registration<Services>[] = [
  registerTokenCommands,
  registerSessionCommands,
  registerStatusBar,
  // Managed login's redirect through the editor (remote and browser VS Code): a sign-in started here waits for it.
  (services, context) => context.subscriptions.push(vscode.window.registerUriHandler(services.oauthCallbacks)),
];

/** What the activation stubs (src/activation/) hand their calls to once the bundle has started. */
export interface StartedFeatures {
  /** The Cognito view's rows (the view itself was created at activation). */
  readonly tree: TokenTreeProvider;
  /** The `cognito` authentication provider (registered at activation). */
  readonly auth: CognitoAuthProvider;
  readonly api: FeaturesApi;
}

/** Builds the services and starts every feature. */
export function start(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, bundles: Loaders): StartedFeatures {
  const services = createServices(context, log, bundles);
  const tree = registerTokenTree(services, context);
  for (const register of features) register(services, context);
  const usage = tokenUsageFeature(services, context);
  log.info('[features] started');
  return { tree, auth: usage.auth, api: createApi(services, context.secrets, tree) };
}
