import * as vscode from 'vscode';
import { poolFromPaste, profileChecks, profileProblemMessage, type Profile } from '../core/sessions/profiles';
import { AUTH_FLOWS } from '../core/shared/vocabulary';
import type { Services } from '../services';
import { saveProfile } from '../settings';
import { t } from '../translate';

/** `cognitoTokens.addProfile` arguments: a whole profile saves at once; anything missing is asked for. */
export type AddProfileArgs = Partial<Profile>;

const STEPS = 6;

function problem(key: string | undefined): string | undefined {
  return profileProblemMessage(key, t);
}

export async function addProfileCommand(services: Services, raw: unknown): Promise<{ name: string } | undefined> {
  const args: AddProfileArgs = typeof raw === 'object' && raw !== null ? raw : {};
  const draft: { -readonly [K in keyof Profile]?: Profile[K] } = { ...args };
  const input = async (step: number, prompt: string, value: string | undefined, check: (text: string) => string | undefined, placeHolder?: string): Promise<string | undefined> =>
    vscode.window.showInputBox({
      title: t('Add Cognito profile ({0}/{1})', step, STEPS),
      prompt,
      value,
      placeHolder,
      ignoreFocusOut: true,
      validateInput: (text) => problem(check(text)),
    });

  if (!(draft.region && draft.userPoolId && draft.clientId)) {
    const pasted = await input(1, t('Paste an issuer URL or a token from the pool to fill in the pool, or leave empty to type each value.'), undefined, (text) => (text.trim() === '' || poolFromPaste(text) ? undefined : t('Not an issuer URL or token of a Cognito user pool.')), 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_AbC123xyz');
    if (pasted === undefined) return undefined;
    const found = pasted.trim() ? poolFromPaste(pasted) : undefined;
    Object.assign(draft, Object.fromEntries(Object.entries(found ?? {}).filter(([key, value]) => value !== undefined && draft[key as keyof Profile] === undefined)));
  }
  const existing = new Set(services.profiles.read().profiles.map((p) => p.name));
  // Reusing a name replaces that profile: allowed, but said in the prompt.
  const nameNote = existing.size > 0 ? ` ${t('Existing: {0}. Reusing a name replaces that profile.', [...existing].join(', '))}` : '';
  draft.name ??= await input(2, t('A name for this profile.') + nameNote, draft.userPoolId ?? 'dev', profileChecks.name);
  if (draft.name === undefined) return undefined;
  draft.region ??= await input(3, t('The AWS region of the user pool.'), draft.region, profileChecks.region, 'ap-northeast-1');
  if (draft.region === undefined) return undefined;
  draft.userPoolId ??= await input(4, t('The user pool id.'), `${draft.region}_`, profileChecks.userPoolId);
  if (draft.userPoolId === undefined) return undefined;
  draft.clientId ??= await input(5, t('The app client id.'), undefined, profileChecks.clientId);
  if (draft.clientId === undefined) return undefined;
  if (args.endpoint === undefined && args.authFlow === undefined) {
    const endpoint = await input(6, t('Endpoint: empty for AWS, or the URL of a local pool (cognito-local, LocalStack, npm run local-cognito).'), draft.endpoint ?? '', profileChecks.endpoint, 'http://127.0.0.1:9229');
    if (endpoint === undefined) return undefined;
    draft.endpoint = endpoint.trim() || undefined;
    const flow = await vscode.window.showQuickPick(
      AUTH_FLOWS.map((label) => ({
        label,
        description: label === 'USER_SRP_AUTH' ? t('default: the password never leaves VS Code') : label === 'USER_PASSWORD_AUTH' ? t('the password is sent to Cognito over TLS') : t('needs AWS credentials (default chain or awsProfile)'),
      })),
      { title: t('Sign-in flow'), ignoreFocusOut: true },
    );
    if (!flow) return undefined;
    draft.authFlow = flow.label;
  }
  const profile: Profile = {
    name: draft.name.trim(),
    region: draft.region.trim(),
    userPoolId: draft.userPoolId.trim(),
    clientId: draft.clientId.trim(),
    endpoint: draft.endpoint,
    authFlow: draft.authFlow ?? 'USER_SRP_AUTH',
    username: draft.username,
    awsProfile: draft.awsProfile,
  };
  const invalid = [profileChecks.name(profile.name), profileChecks.region(profile.region), profileChecks.userPoolId(profile.userPoolId), profileChecks.clientId(profile.clientId), profileChecks.endpoint(profile.endpoint ?? '')].find(Boolean);
  if (invalid) {
    services.notifier.show('error', t('The profile was not saved: {0}', problem(invalid) ?? invalid));
    return undefined;
  }
  await saveProfile(profile);
  services.notifier.show('info', t('Profile {0} saved in your user settings (cognitoTokens.profiles).', profile.name), { title: t('Sign In'), run: () => vscode.commands.executeCommand('cognitoTokens.signIn', { profile: profile.name }) });
  return { name: profile.name };
}
