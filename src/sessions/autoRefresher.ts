import type * as vscode from 'vscode';
import { explainCognitoError } from '../core/protocol/cognitoErrors';
import { AutoRefreshScheduler, type AutoRefreshAttempt } from '../core/sessions/autoRefresh';
import type { Services } from '../services';
import { autoRefreshSettings } from '../settings';
import { t } from '../translate';
import { failureActions } from '../commands/failureActions';

/**
 * The shell side of auto refresh: core's scheduler (what is due, the failure memory, the active profile)
 * fed with the user's settings, the clock and a refresh that reports what happened once (a repeated failure
 * is not shown again: the notifier keys it per profile).
 */
export function createAutoRefresher(services: Services): AutoRefreshScheduler & vscode.Disposable {
  const refresh = async (name: string): Promise<AutoRefreshAttempt> => {
    const profile = services.profiles.get(name);
    if (!profile) return 'skipped';
    try {
      // Never interactive: auto refresh asks nothing; a profile it may not use is refused, not prompted for.
      const outcome = await services.refresher.refresh(profile, false);
      if (outcome.kind === 'refused') {
        services.notifier.problem(`autoRefresh:${name}`, 'warning', outcome.refused.message);
        return 'refused';
      }
      services.notifier.resolved(`autoRefresh:${name}`);
      services.log.info(`[autoRefresh] ${name}: ${outcome.kind}`);
      return 'refreshed';
    } catch (error) {
      const explained = explainCognitoError(error, t, { profile: name });
      services.log.warn(`[autoRefresh] ${name}: ${explained.detail}`);
      services.notifier.problem(`autoRefresh:${name}`, 'warning', t('Automatic refresh of {0} failed: {1}', name, explained.message), ...failureActions(explained.kind, name));
      return 'failed';
    }
  };
  const scheduler = new AutoRefreshScheduler({ settings: autoRefreshSettings, now: () => services.clock.now(), refresh });
  const subscription = services.repository.onDidChange((profile) => scheduler.sessionChanged(profile));
  return Object.assign(scheduler, {
    dispose: (): void => {
      subscription.dispose();
    },
  });
}
