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
 * Every feature has one shape (`Registration` in src/contract.ts): it gets the services, registers into the
 * context, and returns the handle the activation stubs need from it, if any (the view's rows, the
 * authentication provider). A feature is one line.
 */
type Feature = Registration<Services, Partial<Handles> | void>;

/** What features hand back for the activation stubs. */
interface Handles {
  /** The Cognito view's rows (the view itself was created at activation). */
  readonly tree: TokenTreeProvider;
  /** The `cognito` authentication provider (registered at activation). */
  readonly auth: CognitoAuthProvider;
}

const features: readonly Feature[] = [
  (services, context) => ({ tree: registerTokenTree(services, context) }),
  registerTokenCommands,
  registerSessionCommands,
  registerStatusBar,
  // Managed login's redirect through the editor (remote and browser VS Code): a sign-in started here waits for it.
  (services, context) => void context.subscriptions.push(vscode.window.registerUriHandler(services.oauthCallbacks)),
  (services, context) => ({ auth: tokenUsageFeature(services, context).auth }),
];

/** What the activation stubs (src/activation/) hand their calls to once the bundle has started. */
export interface StartedFeatures extends Handles {
  readonly api: FeaturesApi;
}

/** Builds the services and starts every feature. */
export function start(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, bundles: Loaders): StartedFeatures {
  const services = createServices(context, log, bundles);
  const handles: Partial<Handles> = {};
  for (const register of features) Object.assign(handles, register(services, context));
  const { tree, auth } = handles;
  if (!tree || !auth) throw new Error('a feature the activation stubs need did not start (the view or the authentication provider)');
  log.info('[features] started');
  return { tree, auth, api: createApi(services, context.secrets, tree) };
}
