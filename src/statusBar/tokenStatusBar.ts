import * as vscode from 'vscode';
import { personCall } from '../core/shared/callOrigin';
import { expiresAtOf, sessionTokenState } from '../core/sessions/storedSession';
import { formatAbsolute, humanDuration } from '../core/tokens/expiry';
import type { Services } from '../services';
import { createAutoRefresher } from '../sessions/autoRefresher';
import { clockSkewSeconds } from '../settings';
import { t } from '../translate';

const TICK_MS = 15_000;

/**
 * The active profile's access-token countdown in the status bar (click: refresh). It ticks auto refresh
 * before it draws (so it shows the refreshed token), but what is due, what failed and which profile is
 * active are core's (AutoRefreshScheduler); the refresh and its messages are src/sessions/autoRefresher.ts.
 */
export class TokenStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cognitoTokens.status', vscode.StatusBarAlignment.Right, 100);
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly autoRefresher: ReturnType<typeof createAutoRefresher>;
  private readonly subscription: vscode.Disposable;
  private ticking: Promise<void> | undefined;

  constructor(private readonly services: Services) {
    this.item.name = t('Cognito access token');
    // Created first, so it hears a change before this widget redraws for it.
    this.autoRefresher = createAutoRefresher(services);
    this.subscription = services.repository.onDidChange(() => void this.tick());
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    void this.tick();
  }

  /** One tick at a time: a slow refresh must not start a second one for the same profile. */
  private tick(): Promise<void> {
    this.ticking ??= this.update().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async update(): Promise<void> {
    const sessions = await this.services.repository.list().catch(() => []);
    await this.autoRefresher.tick(sessions);
    const name = this.autoRefresher.active(sessions.map((s) => s.profile));
    const shown = sessions.find((s) => s.profile === name);
    if (!shown) {
      this.item.hide();
      return;
    }
    const expiresAt = expiresAtOf(shown.tokens.access);
    // The token's own lifetime decides when it is "expiring" (a fresh 5-minute token is not a warning).
    const state = expiresAt === undefined ? 'noExpiry' : sessionTokenState(shown, 'access', this.services.clock, clockSkewSeconds());
    const left = expiresAt === undefined ? '?' : state === 'expired' ? t('expired') : humanDuration(expiresAt - this.services.clock.now(), t);
    const icon = state === 'expired' ? '$(error)' : state === 'expiring' ? '$(warning)' : '$(key)';
    this.item.text = `${icon} ${shown.profile} · ${left}`;
    this.item.tooltip = expiresAt === undefined ? t('Click to refresh {0}.', shown.profile) : t('Access token of {0} expires {1}. Click to refresh.', shown.profile, formatAbsolute(expiresAt, vscode.env.language).utc);
    this.item.backgroundColor = state === 'expired' ? new vscode.ThemeColor('statusBarItem.errorBackground') : state === 'expiring' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = { title: t('Refresh'), command: 'cognitoTokens.refresh', arguments: [personCall({ profile: shown.profile })] };
    this.item.show();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.autoRefresher.dispose();
    this.subscription.dispose();
    this.item.dispose();
  }
}

export function registerStatusBar(services: Services, context: vscode.ExtensionContext): void {
  context.subscriptions.push(new TokenStatusBar(services));
}
