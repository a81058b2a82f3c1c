import * as vscode from 'vscode';
import type { Profile } from '../core/sessions/profiles';
import { checkUse, confirmationKey } from '../core/sessions/profileTrust';
import { describeTarget } from '../core/sessions/binding';
import type { StoredSession } from '../core/sessions/storedSession';
import { readProfiles } from '../settings';
import { t } from '../translate';

/** A refusal commands resolve to: no request was made. */
export interface UseRefused {
  readonly profile: string;
  readonly error: 'profileMoved' | 'workspaceProfileUnconfirmed';
  readonly message: string;
}

const CONFIRMED_KEY = 'cognitoTokens.confirmedWorkspaceProfiles';

/**
 * The configured profiles (user settings, and the workspace's untrusted ones) and the rule of where their
 * requests may go. Interactive callers may be asked (a modal naming the endpoint); scripted callers are
 * refused with a clear error and never wait on a prompt.
 */
export class ProfileService {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  read(): { profiles: Profile[]; invalid: string[] } {
    return readProfiles();
  }

  get(name: string): Profile | undefined {
    return readProfiles().profiles.find((p) => p.name === name);
  }

  names(): string[] {
    return readProfiles().profiles.map((p) => p.name);
  }

  isConfirmed(profile: Profile): boolean {
    return this.memento.get<string[]>(CONFIRMED_KEY, []).includes(confirmationKey(profile));
  }

  /**
   * Whether a request for `profile` may carry `session`'s tokens (or, without a session, a password or the
   * client secret). Undefined: go ahead. Otherwise the refusal, with a message in plain words.
   */
  async mayUse(profile: Profile, session: StoredSession | undefined, interactive: boolean): Promise<UseRefused | undefined> {
    const check = checkUse(profile, session, (key) => this.memento.get<string[]>(CONFIRMED_KEY, []).includes(key));
    if (check.ok) return undefined;
    if (check.error === 'profileMoved') {
      this.log.warn(`[profiles] ${profile.name}: the stored session was issued by ${check.was}; the profile now points to ${check.now}. Nothing sent.`);
      return {
        profile: profile.name,
        error: 'profileMoved',
        message: t('Profile {0} now points to {1}, but its stored session came from {2}. Its tokens are never sent anywhere else: sign in again to use the profile as it is now.', profile.name, check.now, check.was),
      };
    }
    if (interactive && (await this.confirm(profile))) return undefined;
    this.log.warn(`[profiles] ${profile.name}: defined by the workspace and not confirmed for ${check.endpoint}. Nothing sent.`);
    return {
      profile: profile.name,
      error: 'workspaceProfileUnconfirmed',
      message: t('Profile {0} is defined by this workspace\'s settings and points to {1}. Nothing was sent: confirm it once (run the command from the Command Palette or the Cognito view) before tokens, secrets or passwords go there.', profile.name, describeTarget(profile)),
    };
  }

  /** Asks once; the answer is remembered for this name, endpoint, pool and client. */
  async confirm(profile: Profile): Promise<boolean> {
    const allow = t('Allow');
    const choice = await vscode.window.showWarningMessage(
      t('Send sign-in data to {0}?', describeTarget(profile)),
      {
        modal: true,
        detail: t('Profile {0} comes from this workspace\'s settings (.vscode/settings.json), not from yours. Allowing it lets the extension send your password, client secret and tokens for this profile to {1}. Only allow endpoints you trust.', profile.name, describeTarget(profile)),
      },
      allow,
    );
    if (choice !== allow) return false;
    const confirmed = this.memento.get<string[]>(CONFIRMED_KEY, []);
    await this.memento.update(CONFIRMED_KEY, [...confirmed.filter((k) => k !== confirmationKey(profile)), confirmationKey(profile)]);
    this.log.info(`[profiles] ${profile.name}: the user allowed ${describeTarget(profile)}`);
    return true;
  }
}

export { isInteractive } from '../core/shared/callOrigin';
