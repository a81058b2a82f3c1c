import * as vscode from 'vscode';
import type { Profile } from '../core/sessions/profiles';
import type { Services } from '../services';
import { t } from '../translate';

/** The profile named in arguments, the only one, or the user's pick. Explains when there is none. */
export async function pickProfile(services: Services, name: string | undefined): Promise<Profile | undefined> {
  const { profiles, invalid } = services.profiles.read();
  if (invalid.length > 0) {
    services.notifier.problem('invalidProfiles', 'warning', t('Some entries in cognitoTokens.profiles are incomplete or invalid and were skipped: {0}. Open settings.json to fix them.', invalid.join(', ')));
  } else {
    services.notifier.resolved('invalidProfiles');
  }
  if (name !== undefined) {
    const found = profiles.find((p) => p.name === name);
    if (!found) {
      services.notifier.show('error', t('There is no profile named "{0}" in cognitoTokens.profiles.', name));
    }
    return found;
  }
  if (profiles.length === 0) {
    services.notifier.show('error', t('No Cognito profile is configured yet.'), { title: t('Add Profile'), run: () => vscode.commands.executeCommand('cognitoTokens.addProfile') });
    return undefined;
  }
  if (profiles.length === 1) {
    return profiles[0];
  }
  const items = await Promise.all(
    profiles.map(async (profile) => {
      const session = await services.repository.current(profile.name).catch(() => undefined);
      return {
        label: profile.name,
        description: session ? t('signed in as {0}', session.username) : t('signed out'),
        detail: `${profile.userPoolId} · ${profile.clientId}${profile.endpoint ? ` · ${profile.endpoint}` : ''}${profile.origin === 'workspace' ? ` · ${t('from this workspace')}` : ''}`,
        profile,
      };
    }),
  );
  const picked = await vscode.window.showQuickPick(items, { title: t('Choose a Cognito profile'), ignoreFocusOut: true });
  return picked?.profile;
}

/** The name a command was given: `{ profile }`, or a tree node (which carries the same field). */
export function profileArg(raw: unknown): string | undefined {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as { profile?: unknown };
  return typeof value.profile === 'string' ? value.profile : undefined;
}
