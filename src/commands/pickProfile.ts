import * as vscode from 'vscode';
import type { Profile } from '../core/sessions/profiles';
import type { SessionService } from '../sessions/sessionService';
import { t } from '../translate';

/** The profile named in arguments, the only one, or the user's pick. Explains when there is none. */
export async function pickProfile(profiles: readonly Profile[], invalid: readonly string[], name: string | undefined, sessions: SessionService): Promise<Profile | undefined> {
  if (invalid.length > 0) {
    void vscode.window.showWarningMessage(t('Some entries in cognitoTokens.profiles are incomplete or invalid and were skipped: {0}. Open settings.json to fix them.', invalid.join(', ')));
  }
  if (name !== undefined) {
    const found = profiles.find((p) => p.name === name);
    if (!found) {
      void vscode.window.showErrorMessage(t('There is no profile named "{0}" in cognitoTokens.profiles.', name));
    }
    return found;
  }
  if (profiles.length === 0) {
    void vscode.window.showErrorMessage(t('No Cognito profile is configured yet.'), t('Add Profile')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('cognitoTokens.addProfile');
    });
    return undefined;
  }
  if (profiles.length === 1) {
    return profiles[0];
  }
  const items = await Promise.all(
    profiles.map(async (profile) => {
      const session = await sessions.get(profile.name).catch(() => undefined);
      return {
        label: profile.name,
        description: session ? t('signed in as {0}', session.username) : t('signed out'),
        detail: `${profile.userPoolId} · ${profile.clientId}${profile.endpoint ? ` · ${profile.endpoint}` : ''}`,
        profile,
      };
    }),
  );
  const picked = await vscode.window.showQuickPick(items, { title: t('Choose a Cognito profile'), ignoreFocusOut: true });
  return picked?.profile;
}
