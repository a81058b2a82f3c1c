import * as vscode from 'vscode';
import { personCall } from '../core/shared/callOrigin';
import { explainCognitoError } from '../core/protocol/cognitoErrors';
import { dueForAutoRefresh, type AutoRefreshCandidate } from '../core/sessions/autoRefresh';
import { claimsOf, expiresAtOf } from '../core/sessions/storedSession';
import { expiryInputOf, expiryState, formatAbsolute, humanDuration } from '../core/tokens/expiry';
import type { Services } from '../services';
import { autoRefreshSettings, clockSkewSeconds } from '../settings';
import { t } from '../translate';
import { failureActions } from '../commands/failureActions';

const TICK_MS = 15_000;

/**
 * The active profile's access-token countdown in the status bar (click: refresh), and auto refresh:
 * when it is due is core's decision (dueForAutoRefresh); this widget only ticks and shows.
 */
export class TokenStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cognitoTokens.status', vscode.StatusBarAlignment.Right, 100);
  private readonly timer: ReturnType<typeof setInterval>;
  private active: string | undefined;
  /** Profiles whose auto refresh failed or was refused: not retried until their session changes. */
  private readonly autoFailed = new Set<string>();
  private readonly subscription: vscode.Disposable;
  private ticking: Promise<void> | undefined;

  constructor(private readonly services: Services) {
    this.item.name = t('Cognito access token');
    this.subscription = services.repository.onDidChange((profile) => {
      this.active = profile;
      this.autoFailed.delete(profile);
      void this.tick();
    });
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
    const candidates: AutoRefreshCandidate[] = sessions.map((s) => ({ profile: s.profile, accessExpiresAt: expiresAtOf(s.tokens.access), hasRefreshToken: s.tokens.refresh !== undefined }));
    await this.autoRefresh(candidates);
    const shown = candidates.find((s) => s.profile === this.active) ?? candidates[0];
    if (!shown) {
      this.item.hide();
      return;
    }
    const expiresAt = shown.accessExpiresAt;
    // The token's own lifetime decides when it is "expiring" (a fresh 5-minute token is not a warning).
    const access = sessions.find((s) => s.profile === shown.profile)?.tokens.access;
    const state = expiresAt === undefined || access === undefined ? 'noExpiry' : expiryState(expiryInputOf(claimsOf(access)), this.services.clock, clockSkewSeconds());
    const left = expiresAt === undefined ? '?' : state === 'expired' ? t('expired') : humanDuration(expiresAt - this.services.clock.now(), t);
    const icon = state === 'expired' ? '$(error)' : state === 'expiring' ? '$(warning)' : '$(key)';
    this.item.text = `${icon} ${shown.profile} · ${left}`;
    this.item.tooltip = expiresAt === undefined ? t('Click to refresh {0}.', shown.profile) : t('Access token of {0} expires {1}. Click to refresh.', shown.profile, formatAbsolute(expiresAt, vscode.env.language).utc);
    this.item.backgroundColor = state === 'expired' ? new vscode.ThemeColor('statusBarItem.errorBackground') : state === 'expiring' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = { title: t('Refresh'), command: 'cognitoTokens.refresh', arguments: [personCall({ profile: shown.profile })] };
    this.item.show();
  }

  private async autoRefresh(candidates: readonly AutoRefreshCandidate[]): Promise<void> {
    const due = dueForAutoRefresh(candidates, autoRefreshSettings(), this.services.clock.now(), this.autoFailed);
    for (const name of due) {
      const profile = this.services.profiles.get(name);
      if (!profile) continue;
      try {
        // Never interactive: auto refresh asks nothing; a profile it may not use is refused, not prompted for.
        const outcome = await this.services.refresher.refresh(profile, false);
        if (outcome.kind === 'refused') {
          this.autoFailed.add(name);
          this.services.notifier.problem(`autoRefresh:${name}`, 'warning', outcome.refused.message);
        } else {
          this.services.notifier.resolved(`autoRefresh:${name}`);
          this.services.log.info(`[autoRefresh] ${name}: ${outcome.kind}`);
        }
      } catch (error) {
        this.autoFailed.add(name);
        const explained = explainCognitoError(error, t, { profile: name });
        this.services.log.warn(`[autoRefresh] ${name}: ${explained.detail}`);
        this.services.notifier.problem(`autoRefresh:${name}`, 'warning', t('Automatic refresh of {0} failed: {1}', name, explained.message), ...failureActions(explained.kind, name));
      }
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }
}

export function registerStatusBar(services: Services, context: vscode.ExtensionContext): void {
  context.subscriptions.push(new TokenStatusBar(services));
}
