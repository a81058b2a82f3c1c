import * as vscode from 'vscode';
import { fingerprint } from '../core/shared/fingerprint';
import { activeProfile } from '../core/usage/activeProfile';
import { exportingProfiles, terminalVariables, type ExportedSession } from '../core/usage/terminalEnv';
import { t } from '../translate';
import type { Services } from '../services';
import { refusedInRestrictedMode } from './workspaceTrust';

/**
 * Puts the tokens of profiles that opt in (`"exportToTerminal": true` in the user's own settings) into new
 * terminals, through the extension's environment variable collection: not persistent (gone when VS Code
 * restarts), replaced on every refresh, removed on sign-out.
 */
export class TerminalEnvironment implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private lastChanged: string | undefined;
  /** Updates run one after another, so a slow read cannot overwrite a newer state. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly collection: vscode.GlobalEnvironmentVariableCollection,
    private readonly deps: Services,
  ) {
    collection.persistent = false;
    collection.description = t('Cognito tokens of the profiles that set "exportToTerminal" in your user settings.');
    this.subscriptions.push(
      deps.repository.onDidChange((profile) => {
        this.lastChanged = profile;
        void this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cognitoTokens.profiles')) void this.update();
      }),
      // Restricted Mode exports nothing; trusting the folder exports at once.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.update()),
    );
    void this.update();
  }

  /** Resolves when every update asked for so far has been applied (tests wait on it). */
  update(): Promise<void> {
    this.queue = this.queue.then(() => this.apply()).catch((error: unknown) => this.deps.log.error('[terminal] could not update the environment', error));
    return this.queue;
  }

  private async apply(): Promise<void> {
    const exporting = exportingProfiles(vscode.workspace.getConfiguration('cognitoTokens').inspect('profiles')?.globalValue);
    const signedIn: string[] = [];
    const exported: ExportedSession[] = [];
    const restricted = refusedInRestrictedMode('terminalExport', this.deps.log, false);
    for (const profile of restricted ? [] : this.deps.profiles.read().profiles) {
      const session = await this.deps.repository.current(profile.name).catch(() => undefined);
      if (!session) continue;
      signedIn.push(profile.name);
      if (exporting.has(profile.name)) exported.push({ profile: profile.name, id: session.tokens.id, access: session.tokens.access });
    }
    const variables = terminalVariables(exported, activeProfile(this.lastChanged, signedIn));
    this.collection.forEach((name) => {
      if (!variables.has(name)) this.collection.delete(name);
    });
    for (const [name, value] of variables) {
      if (this.collection.get(name)?.value !== value) this.collection.replace(name, value);
    }
    this.deps.log.info(`[terminal] exported ${[...variables].map(([name, value]) => `${name}=${fingerprint(value)}`).join(', ') || 'nothing'}`);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.clear();
  }
}
