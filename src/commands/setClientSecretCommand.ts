import * as vscode from 'vscode';
import type { Services } from '../services';
import { t } from '../translate';
import { pickProfile } from './pickProfile';

/**
 * `cognitoTokens.setClientSecret {profile?, secret?}`: the secret goes to SecretStorage only, bound to the
 * profile's endpoint, pool and client (it is never sent anywhere else); empty removes it.
 */
export async function setClientSecretCommand(services: Services, raw: unknown): Promise<{ profile: string; stored: boolean } | undefined> {
  const args = (typeof raw === 'object' && raw !== null ? raw : {}) as { profile?: string; secret?: string };
  const profile = await pickProfile(services, args.profile);
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
    await services.clientSecrets.set(profile, secret.trim() || undefined);
  } catch {
    return undefined; // The notifier has said that secret storage failed.
  }
  services.notifier.show('info', secret.trim() ? t('Client secret stored for {0}.', profile.name) : t('Client secret removed for {0}.', profile.name));
  return { profile: profile.name, stored: secret.trim() !== '' };
}
