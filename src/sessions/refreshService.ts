import type * as vscode from 'vscode';
import type { Clock } from '../core/shared/clock';
import type { Profile } from '../core/sessions/profiles';
import { RefreshCoordinator, type RefreshOutcome } from '../core/sessions/refreshCoordinator';
import { RefreshMethodMemory } from '../core/sessions/refreshMethodMemory';
import { endpointOf } from '../core/sessions/binding';
import type { StoredSession } from '../core/sessions/storedSession';
import type { CognitoClients } from '../aws/clientProvider';
import type { ClientTarget } from '../aws/cognitoClient';
import type { ClientSecrets } from './clientSecrets';
import type { ProfileService, UseRefused } from './profileService';
import type { SessionRepository } from './sessionRepository';
import { tokenEndpointFor } from '../oauth/tokenEndpointClients';

export type RefreshResult = RefreshOutcome | { readonly kind: 'refused'; readonly refused: UseRefused };

/** Where a session's requests go: its binding, never what the settings say now. */
export function clientTargetOf(session: StoredSession, profile: Profile | undefined): ClientTarget | undefined {
  return session.binding && { ...session.binding, authFlow: session.authFlow, awsProfile: profile?.awsProfile };
}

/**
 * Refreshes for the editor: the core coordinator (one request per profile, compare-and-set save before
 * telling, nothing lost, nothing resurrected) over the session repository, with requests sent only where
 * the session was issued and only for a profile the user may send to.
 */
export class RefreshService {
  private readonly coordinator: RefreshCoordinator;
  private readonly methods: RefreshMethodMemory;

  constructor(
    private readonly repository: SessionRepository,
    private readonly profiles: ProfileService,
    private readonly secrets: ClientSecrets,
    private readonly cognito: CognitoClients,
    memento: vscode.Memento,
    clock: Clock,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.methods = new RefreshMethodMemory(memento);
    this.coordinator = new RefreshCoordinator({
      clock,
      repository: repository,
      api: (session) => {
        const target = clientTargetOf(session, profiles.get(session.profile));
        if (!target) throw new Error(`profile ${session.profile} has no binding`);
        const profile = profiles.get(session.profile);
        return tokenEndpointFor(session, profile?.scopes, async () => (profile ? secrets.for(profile) : undefined)) ?? cognito.shared(target);
      },
      clientSecret: async (session) => {
        const profile = profiles.get(session.profile);
        return profile ? secrets.for(profile) : undefined;
      },
      log: (line) => log.info(line),
    });
  }

  /**
   * Refreshes `profile` if its session may go to where the profile points (interactive callers may be
   * asked to confirm a workspace profile). Shares a request already running for the profile.
   */
  async refresh(profile: Profile, interactive: boolean): Promise<RefreshResult> {
    const session = await this.repository.current(profile.name);
    if (session) {
      const refused = await this.profiles.mayUse(profile, session, interactive);
      if (refused) return { kind: 'refused', refused };
    }
    const method = this.methods.methodFor(profile);
    const outcome = await this.coordinator.refresh(profile.name, profile.clientId, method);
    if (outcome.kind === 'refreshed') {
      const record = outcome.record;
      this.log.info(`[refresh] ${profile.name}: ${record.method}, ${record.rotated ? `rotated ${record.refresh.old} → ${record.refresh.new}` : 'refresh token kept'}, access ${record.access.after.fingerprint}${outcome.saved ? '' : ' (kept in memory: secret storage refused it)'}`);
    }
    if (outcome.fellBack) {
      // This endpoint lacks GetTokensFromRefreshToken: remember it for this endpoint and client only.
      await this.methods.rotationMissing(profile);
      this.log.info(`[refresh] ${profile.name}: ${endpointOf(profile)} does not implement GetTokensFromRefreshToken; using REFRESH_TOKEN_AUTH there from now on`);
    }
    return outcome;
  }
}
