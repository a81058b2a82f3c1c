import * as vscode from 'vscode';
import type { Clock } from '../core/shared/clock';
import type { Profile } from '../core/sessions/profiles';
import { RefreshCoordinator, type RefreshOutcome } from '../core/sessions/refreshCoordinator';
import type { CognitoApi } from '../aws/cognitoClient';
import { loadAws } from '../awsLoader';
import { t } from '../translate';
import type { HistoryStore } from './historyStore';
import type { SessionService } from './sessionService';

/**
 * Refreshes for the editor: the core coordinator (one request per profile, save before telling, nothing
 * lost) with SecretStorage, the AWS SDK bundle, the rotation history and the user's messages.
 */
export class RefreshService implements vscode.Disposable {
  private readonly coordinator: RefreshCoordinator;
  /** One SDK client per profile, reused across refreshes (and its app-client settings read once). */
  private readonly apis = new Map<string, { key: string; api: CognitoApi }>();
  private readonly subscription: vscode.Disposable;

  constructor(
    extensionPath: string,
    private readonly sessions: SessionService,
    private readonly history: HistoryStore,
    private readonly memento: vscode.Memento,
    clock: Clock,
    private readonly log: vscode.LogOutputChannel,
    private readonly profileOf: (name: string) => Profile | undefined,
  ) {
    this.coordinator = new RefreshCoordinator({
      clock,
      load: (profile) => sessions.get(profile),
      save: (session) => sessions.put(session),
      clientSecret: (profile) => sessions.clientSecret(profile),
      api: (profile) => this.apiFor(profile, extensionPath),
      onRefreshed: (profile, record, saved) => {
        void this.history.append(profile, record);
        log.info(`[refresh] ${profile}: ${record.method}, ${record.rotated ? `rotated ${record.refresh.old} → ${record.refresh.new}` : 'refresh token kept'}, access ${record.access.after.fingerprint}`);
        if (!saved) {
          void vscode.window.showWarningMessage(
            t('Refreshed {0}, but the new tokens could not be saved to secret storage. They are kept in memory for this window; fix secret storage before closing VS Code or you will have to sign in again.', profile),
          );
        }
      },
    });
    // A new stored session (a sign-in here, or another window's write) supersedes tokens kept only in memory.
    this.subscription = sessions.onDidChange((profile) => this.coordinator.forget(profile));
  }

  private apiFor(profile: string, extensionPath: string): CognitoApi {
    const config = this.profileOf(profile);
    if (!config) throw new Error(`unknown profile ${profile}`);
    const key = JSON.stringify(config);
    const cached = this.apis.get(profile);
    if (cached?.key === key) return cached.api;
    // The profile changed (endpoint, client…): a new client for the new settings.
    cached?.api.dispose();
    const api = loadAws(extensionPath).createCognitoApi(config);
    this.apis.set(profile, { key, api });
    return api;
  }

  dispose(): void {
    this.subscription.dispose();
    for (const { api } of this.apis.values()) api.dispose();
    this.apis.clear();
  }

  /** Shares the request with any refresh of the same profile already running. */
  async refresh(profile: Profile): Promise<RefreshOutcome> {
    const fallbackKey = `cognitoTokens.refreshFallback.${profile.name}`;
    const method = profile.refreshMethod === 'auto' && this.memento.get<boolean>(fallbackKey) ? 'classic' : (profile.refreshMethod ?? 'auto');
    const outcome = await this.coordinator.refresh(profile.name, profile.clientId, method);
    if (outcome.fellBack) {
      // The endpoint lacks GetTokensFromRefreshToken: remember, so later refreshes go straight to REFRESH_TOKEN_AUTH.
      await this.memento.update(fallbackKey, true);
      this.log.info(`[refresh] ${profile.name}: the endpoint does not support GetTokensFromRefreshToken; using REFRESH_TOKEN_AUTH from now on`);
    }
    return outcome;
  }

  /** The session in use: an unsaved rotation if there is one, else what is stored. */
  current(profile: string) {
    return this.coordinator.current(profile);
  }

  async forget(profile: string): Promise<void> {
    this.coordinator.forget(profile);
    await this.history.clear(profile);
    await this.sessions.delete(profile);
  }
}
