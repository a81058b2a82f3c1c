import * as vscode from 'vscode';
import type { SessionService } from '../sessions/sessionService';
import { readProfiles } from '../settings';
import { t } from '../translate';
import { pickProfile } from './pickProfile';

/** `cognitoTokens.setClientSecret {profile?, secret?}`: the secret goes to SecretStorage only; empty removes it. */
export async function setClientSecretCommand(sessions: SessionService, raw: unknown): Promise<{ profile: string; stored: boolean } | undefined> {
  const args = (typeof raw === 'object' && raw !== null ? raw : {}) as { profile?: string; secret?: string };
  const { profiles, invalid } = readProfiles();
  const profile = await pickProfile(profiles, invalid, args.profile, sessions);
  if (!profile) return undefined;
  const secret =
    args.secret ??
    (await vscode.window.showInputBox({
      title: t('Client secret for {0}', profile.name),
      prompt: t('The app client\'s secret (App clients → Show client secret). Stored in VS Code\'s secret storage only. Leave empty to remove it.'),
      password: true,
      ignoreFocusOut: true,
    }));
  if (secret === undefined) return undefined;
  try {
    await sessions.setClientSecret(profile.name, secret.trim() || undefined);
  } catch {
    return undefined;
  }
  void vscode.window.showInformationMessage(secret.trim() ? t('Client secret stored for {0}.', profile.name) : t('Client secret removed for {0}.', profile.name));
  return { profile: profile.name, stored: secret.trim() !== '' };
}
