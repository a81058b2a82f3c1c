import * as vscode from 'vscode';
import { authProvider } from './activation/authProvider';
import { commandStubs } from './activation/commandStubs';
import { hoverStub } from './activation/hoverStub';
import { lazyApi } from './activation/lazyApi';
import { startWhenSignedIn, startWhenTokenInView } from './activation/startTriggers';
import { tokenView } from './activation/tokenView';
import type { CognitoTokensApi } from './api';
import { lazyFeatures, type LazyFeatures } from './activation/lazyFeatures';
import { createBundles } from './bundles';
import type { Registration } from './contract';
import { forNotification } from './core/shared/untrustedText';
import { t } from './translate';

export type { CognitoTokensApi } from './api';

/**
 * Activation registers what must exist at once, as thin stubs; the work lives in bundles loaded on first
 * use (src/bundles.ts), so starting VS Code costs only this file. The features are in src/features.ts.
 */
const features: readonly Registration<LazyFeatures>[] = [
  commandStubs, // every contributed command: the first run starts dist/features.js
  tokenView, // the Cognito view: its rows start dist/features.js when it first shows
  hoverStub, // every document: the first hover loads dist/hover.js
  authProvider, // `cognito`: answers "no sessions" unloaded while none is stored
  startWhenSignedIn, // a stored session: status bar, auto refresh, terminal variables
  startWhenTokenInView, // a JWT in a visible editor: inline expiry notes, code actions
];

export function activate(context: vscode.ExtensionContext): CognitoTokensApi {
  const log = vscode.window.createOutputChannel('Cognito Token Inspector', { log: true });
  context.subscriptions.push(log);
  try {
    const lazy = lazyFeatures(createBundles(context, log), context, log);
    for (const register of features) register(lazy, context);
    log.info('[activate] ready');
    return lazyApi(lazy);
  } catch (error) {
    // VS Code does not tell the user when activation fails; we do, then rethrow so it is recorded.
    log.error('[activate] failed', error);
    void vscode.window.showErrorMessage(t('Cognito Token Inspector failed to start: {0}', forNotification(String(error))));
    throw error;
  }
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
