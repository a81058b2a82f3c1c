import * as vscode from 'vscode';
import { summarizeAppClient, type AppClientSummary, type DescribedAppClient } from '../core/appClient/appClientSummary';
import { describeAccess } from '../core/appClient/describeAccess';
import { preflightFindings, type Finding } from '../core/appClient/preflight';
import type { TimelineInput } from '../core/appClient/sessionTimeline';
import type { Profile } from '../core/sessions/profiles';
import { refreshExpiresAt, claimsOf, type StoredSession } from '../core/sessions/storedSession';
import { numericDate } from '../core/tokens/expiry';
import { explainCognitoError } from '../core/protocol/cognitoErrors';
import type { Clock } from '../core/shared/clock';
import type { CognitoClients } from '../aws/clientProvider';
import type { ClientSecrets } from '../sessions/clientSecrets';
import type { ProfileService } from '../sessions/profileService';
import type { SessionRepository } from '../sessions/sessionRepository';
import { autoRefreshSettings } from '../settings';
import { t } from '../translate';
import { OAUTH_CALLBACK_PATH } from '../oauth/uriHandlerRedirect';

/** What a profile's "Pool and app client" shows, and what `describeAppClient` resolves to: no secret, no token. */
export interface AppClientView {
  readonly summary: AppClientSummary;
  readonly findings: readonly Finding[];
}

/** Described settings are kept this long in memory: a tree redraw should not call AWS every time. */
const KEEP_MS = 5 * 60_000;

/**
 * Reads the app client's settings where the profile may be described (see core/appClient/describeAccess.ts),
 * keeps them in memory only, and hands the core what it needs to summarise and judge them.
 */
export class AppClientService implements vscode.Disposable {
  private readonly kept = new Map<string, { at: number; key: string; described?: DescribedAppClient; notDescribed?: AppClientSummary['notDescribed'] }>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly services: {
      readonly repository: SessionRepository;
      readonly clientSecrets: ClientSecrets;
      readonly profiles: ProfileService;
      readonly cognito: CognitoClients;
      readonly clock: Clock;
      readonly log: vscode.LogOutputChannel;
      readonly extensionId: string;
    },
  ) {}

  /** The profile's app client explained, with findings. `fresh` reads the settings again. */
  async view(profile: Profile, fresh = false): Promise<AppClientView> {
    const read = await this.read(profile, fresh);
    const session = await this.services.repository.current(profile.name).catch(() => undefined);
    const profileHasSecret = (await this.services.clientSecrets.for(profile).catch(() => undefined)) !== undefined;
    const summary = summarizeAppClient({
      profile: { name: profile.name, userPoolId: profile.userPoolId, clientId: profile.clientId, authFlow: profile.authFlow, redirectUri: profile.redirectUri },
      described: read.described,
      notDescribed: read.notDescribed,
      session,
      records: this.services.repository.records(profile.name),
      profileHasSecret,
    });
    const findings = preflightFindings(
      summary,
      {
        profile: { authFlow: profile.authFlow, redirectUri: profile.redirectUri, refreshMethod: profile.refreshMethod },
        profileHasSecret,
        marginSeconds: autoRefreshSettings().marginSeconds,
        // The URI handler's callback as the desktop names it (asExternalUri may differ on remote hosts).
        defaultRedirectUri: `${vscode.env.uriScheme}://${this.services.extensionId}${OAUTH_CALLBACK_PATH}`,
      },
      t,
    );
    return { summary, findings };
  }

  /** The cached view, if the settings were read already; otherwise undefined (the tree asks, then redraws). */
  peek(profile: string): boolean {
    return this.kept.has(profile);
  }

  private async read(profile: Profile, fresh: boolean): Promise<{ described?: DescribedAppClient; notDescribed?: AppClientSummary['notDescribed'] }> {
    const key = JSON.stringify([profile.endpoint, profile.region, profile.userPoolId, profile.clientId, profile.awsProfile]);
    const kept = this.kept.get(profile.name);
    if (!fresh && kept && kept.key === key && this.services.clock.now() - kept.at < KEEP_MS) return kept;
    const confirmed = profile.origin !== 'workspace' || this.services.profiles.isConfirmed(profile);
    const access = describeAccess(profile, process.env, confirmed);
    let result: { described?: DescribedAppClient; notDescribed?: AppClientSummary['notDescribed'] };
    if (access !== 'allowed') {
      result = { notDescribed: access };
    } else {
      const api = this.services.cognito.open({ region: profile.region, userPoolId: profile.userPoolId, clientId: profile.clientId, endpoint: profile.endpoint, authFlow: profile.authFlow, awsProfile: profile.awsProfile });
      try {
        result = { described: await api.describeAppClient() };
      } catch (error) {
        // Said in the view (settingsNotRead) and logged once per read; never a notification on every redraw.
        this.services.log.warn(`[appClient] ${profile.name}: DescribeUserPoolClient failed: ${explainCognitoError(error, t).detail}`);
        result = { notDescribed: 'failed' };
      } finally {
        api.dispose();
      }
    }
    this.kept.set(profile.name, { at: this.services.clock.now(), key, ...result });
    this.changed.fire(profile.name);
    return result;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The timeline's input: times from the session and its history, the grace period and session end from the settings. */
export function timelineInput(session: StoredSession, records: TimelineInput['records'], summary: AppClientSummary | undefined, now: number): TimelineInput {
  const times = (token: string | undefined): { iat?: number; exp?: number } => {
    if (token === undefined) return {};
    const claims = claimsOf(token);
    return { iat: numericDate(claims.iat), exp: numericDate(claims.exp) };
  };
  const validity = summary?.refreshTokenValidity;
  const grace = summary?.graceSeconds;
  return {
    signedInAt: session.signedInAt,
    sessionEndsAt: refreshExpiresAt(session) ?? (validity && validity.source !== 'unknown' ? session.signedInAt + validity.value.ms : undefined),
    current: { id: times(session.tokens.id), access: times(session.tokens.access) },
    records,
    graceSeconds: grace && grace.source !== 'unknown' ? grace.value : undefined,
    now,
  };
}
