import * as vscode from 'vscode';
import type { Clock } from '../core/shared/clock';
import { explainCognitoError } from '../core/protocol/cognitoErrors';
import { expiryState, formatAbsolute, humanDuration } from '../core/tokens/expiry';
import { expiresAtOf } from '../core/sessions/storedSession';
import type { RefreshService } from '../sessions/refreshService';
import type { SessionService } from '../sessions/sessionService';
import { clockSkewSeconds, readProfiles } from '../settings';
import { t } from '../translate';

const TICK_MS = 15_000;

/**
 * The active profile's access-token countdown in the status bar (click: refresh), and, when
 * `cognitoTokens.autoRefresh` is on, refreshes a margin before access tokens expire, only while VS Code runs.
 */
export class TokenStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cognitoTokens.status', vscode.StatusBarAlignment.Right, 100);
  private readonly timer: ReturnType<typeof setInterval>;
  private active: string | undefined;
  /** Profiles whose auto-refresh failed: not retried until they sign in or refresh again. */
  private readonly autoFailed = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly sessions: SessionService,
    private readonly refresher: RefreshService,
    private readonly clock: Clock,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.item.name = t('Cognito access token');
    this.subscription = sessions.onDidChange((profile) => {
      this.active = profile;
      this.autoFailed.delete(profile);
      void this.tick();
    });
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    void this.tick();
  }

  private async tick(): Promise<void> {
    const { profiles } = readProfiles();
    const signedIn: Array<{ name: string; expiresAt?: number }> = [];
    for (const profile of profiles) {
      const session = await this.refresher.current(profile.name).catch(() => undefined);
      if (session) signedIn.push({ name: profile.name, expiresAt: expiresAtOf(session.tokens.access) });
    }
    await this.autoRefresh(signedIn);
    const shown = signedIn.find((s) => s.name === this.active) ?? signedIn[0];
    if (!shown) {
      this.item.hide();
      return;
    }
    const state = shown.expiresAt === undefined ? 'noExpiry' : expiryState({ exp: shown.expiresAt / 1000 }, this.clock, clockSkewSeconds());
    const left = shown.expiresAt === undefined ? '?' : state === 'expired' ? t('expired') : humanDuration(shown.expiresAt - this.clock.now(), t);
    const icon = state === 'expired' ? '$(error)' : state === 'expiring' ? '$(warning)' : '$(key)';
    this.item.text = `${icon} ${shown.name} · ${left}`;
    this.item.tooltip = shown.expiresAt === undefined ? t('Click to refresh {0}.', shown.name) : t('Access token of {0} expires {1}. Click to refresh.', shown.name, formatAbsolute(shown.expiresAt, vscode.env.language).utc);
    this.item.backgroundColor = state === 'expired' ? new vscode.ThemeColor('statusBarItem.errorBackground') : state === 'expiring' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = { title: t('Refresh'), command: 'cognitoTokens.refresh', arguments: [{ profile: shown.name }] };
    this.item.show();
  }

  private async autoRefresh(signedIn: ReadonlyArray<{ name: string; expiresAt?: number }>): Promise<void> {
    const config = vscode.workspace.getConfiguration('cognitoTokens');
    if (!config.get<boolean>('autoRefresh', false)) return;
    const marginMs = Math.max(10, config.get<number>('autoRefreshMarginSeconds', 60)) * 1000;
    const { profiles } = readProfiles();
    for (const entry of signedIn) {
      const profile = profiles.find((p) => p.name === entry.name);
      if (!profile || entry.expiresAt === undefined || this.autoFailed.has(entry.name) || entry.expiresAt - this.clock.now() > marginMs) continue;
      try {
        await this.refresher.refresh(profile);
        this.log.info(`[autoRefresh] ${entry.name} refreshed`);
      } catch (error) {
        this.autoFailed.add(entry.name);
        const explained = explainCognitoError(error, t, { profile: entry.name });
        this.log.warn(`[autoRefresh] ${entry.name}: ${explained.detail}`);
        void vscode.window.showWarningMessage(t('Automatic refresh of {0} failed: {1}', entry.name, explained.message));
      }
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }
}
