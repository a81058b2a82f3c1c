import * as vscode from 'vscode';
import { systemClock, type Clock } from './core/shared/clock';
import { SessionStore } from './core/sessions/sessionStore';
import { summarizeSession, type SessionSummary } from './core/sessions/storedSession';
import { addProfileCommand } from './commands/addProfileCommand';
import { decodeCommand } from './commands/decodeCommand';
import { getUserCommand, refreshCommand, signOutCommand, updateUserAttributesCommand } from './commands/sessionCommands';
import { setClientSecretCommand } from './commands/setClientSecretCommand';
import { signInCommand } from './commands/signInCommand';
import { tokenAction } from './commands/tokenActions';
import type { TokenType } from './core/shared/vocabulary';
import { verifyCommand } from './commands/verifyCommand';
import { JwtHoverProvider } from './hover/jwtHoverProvider';
import type { InspectorDeps, StoredTokenSource } from './inspector/inspectorPanel';
import { createVerifier } from './inspector/verifier';
import type { Profile } from './core/sessions/profiles';
import type { RotationRecord } from './core/sessions/rotationHistory';
import { HistoryStore } from './sessions/historyStore';
import { RefreshService } from './sessions/refreshService';
import { TokenStatusBar } from './statusBar/tokenStatusBar';
import { SessionService } from './sessions/sessionService';
import { readProfiles } from './settings';
import { t } from './translate';
import { TOKENS_VIEW_ID, TokenTreeProvider } from './tree/tokenTreeProvider';

/** What activate() returns: for tests and other extensions. Holds no token. */
export interface CognitoTokensApi {
  readonly activatedAt: number;
  /** The tree's data, as the view reads it. */
  readonly tree: TokenTreeProvider;
  /** Reads a profile's session through a fresh store over the same SecretStorage, as a new activation would. */
  readonly reloadSession: (profile: string) => Promise<SessionSummary | undefined>;
  /** A profile's rotation records (fingerprints, never tokens). */
  readonly history: (profile: string) => readonly RotationRecord[];
}

/** Wires services together; behaviour lives in the modules it registers. */
export function activate(context: vscode.ExtensionContext): CognitoTokensApi {
  const log = vscode.window.createOutputChannel('Cognito Token Inspector', { log: true });
  context.subscriptions.push(log);
  try {
    const clock: Clock = systemClock;
    const inspectorDeps: InspectorDeps = {
      extensionUri: context.extensionUri,
      clock,
      log,
      // `sessions` is read only when something is verified, after activation has built it.
      verifier: createVerifier({ load: () => loadVerifyBundle(context), globalState: context.globalState, clock, profile: (name) => readProfiles().profiles.find((p) => p.name === name), signedInProfiles: () => signedInProfiles(sessions) }),
    };
    const sessions = new SessionService(context.secrets, log);
    const history = new HistoryStore(context.globalState);
    const refresher = new RefreshService(context.extensionPath, sessions, history, context.globalState, clock, log, (name) => readProfiles().profiles.find((p) => p.name === name));
    const changes = new vscode.EventEmitter<string>();
    const storedSource = (profile: string, tokenType: TokenType): StoredTokenSource => ({
      profile,
      records: () => history.get(profile),
      onDidChange: changes.event,
      latest: async () => (await refresher.current(profile))?.tokens[tokenType],
    });
    const tree = new TokenTreeProvider(sessions, clock);
    const view = vscode.window.createTreeView(TOKENS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
    tree.attach(view);
    const sessionDeps = {
      extensionPath: context.extensionPath,
      sessions,
      refresher,
      log,
      onUserAttributes: (profile: string, user: { username: string; attributes: Record<string, string> }) => tree.setUserAttributes(profile, { ...user, at: clock.now() }),
    };
    const signInDeps = { extensionPath: context.extensionPath, sessions, memento: context.globalState, clock, log };
    const register = (id: string, run: (args: unknown) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, run);
    context.subscriptions.push(
      sessions,
      history,
      refresher,
      changes,
      history.onDidChange((profile) => changes.fire(profile)),
      sessions.onDidChange((profile) => changes.fire(profile)),
      new TokenStatusBar(sessions, refresher, clock, log),
      tree,
      view,
      // Every document of every language and scheme: tokens turn up in logs, output and untitled buffers too.
      vscode.languages.registerHoverProvider('*', new JwtHoverProvider(clock)),
      register('cognitoTokens.decode', (args) => decodeCommand(inspectorDeps, clock, args)),
      register('cognitoTokens.verify', (args) => verifyCommand(inspectorDeps, args)),
      register('cognitoTokens.addProfile', (args) => addProfileCommand(args)),
      register('cognitoTokens.setClientSecret', (args) => setClientSecretCommand(sessions, args)),
      register('cognitoTokens.signIn', (args) => signInCommand(signInDeps, args)),
      register('cognitoTokens.copyToken', (args) => tokenAction('copy', sessions, inspectorDeps, args)),
      register('cognitoTokens.copyAuthorizationHeader', (args) => tokenAction('copyHeader', sessions, inspectorDeps, args)),
      register('cognitoTokens.inspectToken', (args) => tokenAction('inspect', sessions, inspectorDeps, args, storedSource)),
      register('cognitoTokens.refresh', (args) => refreshCommand(sessionDeps, args)),
      register('cognitoTokens.signOut', (args) => signOutCommand(sessionDeps, args, false)),
      register('cognitoTokens.globalSignOut', (args) => signOutCommand(sessionDeps, args, true)),
      register('cognitoTokens.getUser', (args) => getUserCommand(sessionDeps, args)),
      register('cognitoTokens.updateUserAttributes', (args) => updateUserAttributesCommand(sessionDeps, args)),
      register('cognitoTokens.refreshView', () => tree.refresh()),
    );
    log.info('[activate] ready');
    const reloadSession = async (profile: string): Promise<SessionSummary | undefined> => {
      const session = await new SessionStore(context.secrets, { onCorrupt: () => undefined }).get(profile);
      return session && summarizeSession(session);
    };
    return { activatedAt: Date.now(), tree, reloadSession, history: (profile) => history.get(profile) };
  } catch (error) {
    // VS Code does not tell the user when activation fails; we do, then rethrow so it is recorded.
    log.error('[activate] failed', error);
    void vscode.window.showErrorMessage(t('Cognito Token Inspector failed to start: {0}', String(error)));
    throw error;
  }
}

/** jose's verification code is a separate bundle, loaded the first time something is verified. */
function loadVerifyBundle(context: vscode.ExtensionContext): typeof import('./core/tokens/verify') {
  const modulePath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'verify.js').fsPath;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(modulePath) as typeof import('./core/tokens/verify');
}

/** Profiles with a stored session: their own endpoints may serve their own pools' keys. */
async function signedInProfiles(sessions: SessionService): Promise<Profile[]> {
  const { profiles } = readProfiles();
  const stored = await Promise.all(profiles.map((profile) => sessions.get(profile.name).catch(() => undefined)));
  return profiles.filter((_, index) => stored[index] !== undefined);
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
