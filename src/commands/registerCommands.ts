import * as vscode from 'vscode';
import type { Services } from '../services';
import { addProfileCommand } from './addProfileCommand';
import { describeAppClientCommand } from './appClientCommand';
import { decodeCommand } from './decodeCommand';
import { forgetIssuersCommand } from './forgetIssuersCommand';
import { getUserCommand, refreshCommand, signOutCommand, updateUserAttributesCommand } from './sessionCommands';
import { setClientSecretCommand } from './setClientSecretCommand';
import { signInCommand } from './signInCommand';
import { refreshTokenRefused, tokenAction } from './tokenActions';
import { registerTokenOutlet } from '../usage/workspaceTrust';
import { verifyCommand } from './verifyCommand';

const register = (id: string, run: (args: unknown) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, run);

/** Decode, verify (and forgetting trusted issuers), and the stored-token actions (copy, Authorization header, inspect). */
export function registerTokenCommands(services: Services, context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    register('cognitoTokens.decode', (args) => decodeCommand(services, services.clock, args)),
    register('cognitoTokens.verify', (args) => verifyCommand(services, args)),
    register('cognitoTokens.forgetTrustedIssuers', () => forgetIssuersCommand(services)),
    // Copies hand a raw token out: behind the one gate of every token outlet (src/core/usage/tokenOutlets.ts).
    registerTokenOutlet('cognitoTokens.copyToken', services.log, (args) => tokenAction('copy', services, args), (reason, args) => refreshTokenRefused(services, reason, args)),
    registerTokenOutlet('cognitoTokens.copyAuthorizationHeader', services.log, (args) => tokenAction('copyHeader', services, args), (reason, args) => refreshTokenRefused(services, reason, args)),
    register('cognitoTokens.inspectToken', (args) => tokenAction('inspect', services, args)),
  );
}

/** Profiles, sign-in and everything a signed-in session does. */
export function registerSessionCommands(services: Services, context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    register('cognitoTokens.addProfile', (args) => addProfileCommand(services, args)),
    register('cognitoTokens.setClientSecret', (args) => setClientSecretCommand(services, args)),
    register('cognitoTokens.signIn', (args) => signInCommand(services, args)),
    register('cognitoTokens.refresh', (args) => refreshCommand(services, args)),
    register('cognitoTokens.signOut', (args) => signOutCommand(services, args, false)),
    register('cognitoTokens.globalSignOut', (args) => signOutCommand(services, args, true)),
    register('cognitoTokens.getUser', (args) => getUserCommand(services, args)),
    register('cognitoTokens.updateUserAttributes', (args) => updateUserAttributesCommand(services, args)),
    register('cognitoTokens.describeAppClient', (args) => describeAppClientCommand(services, args)),
  );
}
