import * as vscode from 'vscode';
import type { StoredSession } from '../core/sessions/storedSession';
import type { HistoryStore } from '../sessions/historyStore';
import type { RefreshService } from '../sessions/refreshService';
import type { SessionService } from '../sessions/sessionService';
import { readProfiles } from '../settings';
import type { SessionSource } from './sessionSource';
import type { UsageDeps } from './usageDeps';
import type { Clock } from '../core/shared/clock';
import { pickProfile } from '../commands/pickProfile';

/**
 * Today's services seen as a SessionSource, until the SessionRepository lands. A refresh whose save
 * failed changes only memory, so the rotation history's event (one per refresh) is listened to as well.
 */
export function legacySessionSource(sessions: SessionService, refresher: RefreshService, history: HistoryStore): SessionSource & vscode.Disposable {
  const changed = new vscode.EventEmitter<string>();
  const subscriptions = [sessions.onDidChange((p) => changed.fire(p)), history.onDidChange((p) => changed.fire(p))];
  return {
    current: async (profile) => (await refresher.current(profile)) ?? undefined,
    list: async () => {
      const found: StoredSession[] = [];
      for (const profile of readProfiles().profiles) {
        const session = await refresher.current(profile.name).catch(() => undefined);
        if (session) found.push(session);
      }
      return found;
    },
    onDidChange: changed.event,
    dispose: () => {
      for (const s of subscriptions) s.dispose();
      changed.dispose();
    },
  };
}

/** The usage features' dependencies from today's services; replaced by the composition root's repository on merge. */
export function legacyUsageDeps(context: vscode.ExtensionContext, sessions: SessionService, refresher: RefreshService, history: HistoryStore, clock: Clock, log: vscode.LogOutputChannel): UsageDeps {
  const source = legacySessionSource(sessions, refresher, history);
  context.subscriptions.push(source);
  return {
    sessions: source,
    profiles: () => readProfiles().profiles,
    pickProfile: (name) => {
      const { profiles, invalid } = readProfiles();
      return pickProfile(profiles, invalid, name, sessions);
    },
    clock,
    log,
  };
}
