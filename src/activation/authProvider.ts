import * as vscode from 'vscode';
import type { LazyFeatures } from './lazyFeatures';
import { t } from '../translate';
import { AUTH_PROVIDER_ID } from '../contract';
import { hasStoredSession } from './storedSessions';

/**
 * The `cognito` authentication provider (src/usage/cognitoAuthProvider.ts) registered at activation, as
 * `onAuthenticationRequest:cognito` requires. VS Code lists every provider's sessions at startup (the
 * Accounts menu): while no session is stored that answer is "none" without loading anything; any other
 * call starts dist/features.js and goes to the real provider, whose change events are passed on.
 */
export function authProvider(lazy: LazyFeatures, context: vscode.ExtensionContext): void {
  const changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  const provider: vscode.AuthenticationProvider = {
    onDidChangeSessions: changed.event,
    // Newer VS Code passes the account asked for as a second argument.
    getSessions: async (scopes?: readonly string[], options?: { account?: vscode.AuthenticationSessionAccountInformation }) => {
      if (!lazy.featuresStarted() && !(await hasStoredSession(context.secrets))) return [];
      return lazy.features().auth.getSessions(scopes, options);
    },
    createSession: (scopes) => lazy.features().auth.createSession(scopes),
    removeSession: (id) => lazy.features().auth.removeSession(id),
  };
  lazy.whenFeatures({ after: ({ auth }) => context.subscriptions.push(auth.onDidChangeSessions((event) => changed.fire(event))) });
  context.subscriptions.push(changed, vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, t('Amazon Cognito'), provider, { supportsMultipleAccounts: true }));
}
