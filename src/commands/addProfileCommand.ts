import * as vscode from 'vscode';
import { poolFromPaste, profileChecks, profileProblemMessage, type Profile } from '../core/sessions/profiles';
import { AUTH_FLOWS } from '../core/shared/vocabulary';
import type { Services } from '../services';
import { saveProfile } from '../settings';
import { askFlowFields, flowDescription } from '../oauth/addProfileFields';
import { parseOAuthFields } from '../core/sessions/oauthProfile';
import { t } from '../translate';
import { isInteractive, personCall } from '../core/shared/callOrigin';
import { saveDecision } from '../core/sessions/profileSave';
import { describeTarget } from '../core/sessions/binding';

/** `cognitoTokens.addProfile` arguments: a whole profile saves at once; anything missing is asked for. */
export type AddProfileArgs = Partial<Profile>;

const STEPS = 6;

function problem(key: string | undefined): string | undefined {
  return profileProblemMessage(key, t);
}

/** A scripted add that wrote nothing: the name is taken, or the person did not allow the new profile. */
export interface AddProfileRefused {
  readonly name: string;
  readonly error: 'profileExists' | 'profileNotConfirmed';
  readonly message: string;
}

export async function addProfileCommand(services: Services, raw: unknown): Promise<{ name: string } | AddProfileRefused | undefined> {
  const interactive = isInteractive(raw);
  const args: AddProfileArgs = typeof raw === 'object' && raw !== null ? raw : {};
  // Before any prompt: a script naming a profile that exists is refused outright.
  if (!interactive && typeof args.name === 'string') {
    const refused = refuseExisting(services, args.name.trim());
    if (refused) return refused;
  }
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
  // Reusing a name replaces that profile: a person may (asked again before saving); a script may not.
  const nameNote = existing.size === 0 ? '' : interactive ? ` ${t('Existing: {0}. Reusing a name replaces that profile.', [...existing].join(', '))}` : ` ${t('Names in use: {0}. Choose another name.', [...existing].join(', '))}`;
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
      AUTH_FLOWS.map((label) => ({ label, description: flowDescription(label) })),
      { title: t('Sign-in flow'), ignoreFocusOut: true },
    );
    if (!flow) return undefined;
    draft.authFlow = flow.label;
  }
  const given = { domain: draft.domain, scopes: draft.scopes, redirectUri: draft.redirectUri, identityProvider: draft.identityProvider, preferredChallenge: draft.preferredChallenge };
  const flowFields = await askFlowFields(draft.authFlow ?? 'USER_SRP_AUTH', given, draft.endpoint);
  if (!flowFields) return undefined;
  const profile: Profile = {
    name: draft.name.trim(),
    region: draft.region.trim(),
    userPoolId: draft.userPoolId.trim(),
    clientId: draft.clientId.trim(),
    endpoint: draft.endpoint,
    authFlow: draft.authFlow ?? 'USER_SRP_AUTH',
    username: draft.username,
    awsProfile: draft.awsProfile,
    ...flowFields,
  };
  const invalid = [profileChecks.name(profile.name), profileChecks.region(profile.region), profileChecks.userPoolId(profile.userPoolId), profileChecks.clientId(profile.clientId), profileChecks.endpoint(profile.endpoint ?? '')].find(Boolean);
  // The same rules as settings.json's: a profile saved here is one the extension will read back.
  if (!invalid && !parseOAuthFields({ ...flowFields }, profile.authFlow ?? 'USER_SRP_AUTH')) {
    services.notifier.show('error', t('The profile was not saved: {0}', t('check its domain, scopes and redirect URI')));
    return undefined;
  }
  if (invalid) {
    services.notifier.show('error', t('The profile was not saved: {0}', problem(invalid) ?? invalid));
    return undefined;
  }
  const decision = saveDecision(services.profiles.names(), profile.name, interactive);
  if (decision === 'refuseExists') return refuseExisting(services, profile.name);
  if (decision === 'askReplace' && !(await askReplace(profile))) return undefined;
  if (decision === 'askCreate' && !(await askCreate(profile))) {
    const message = t('Profile {0} was not saved: a task or another extension asked to add it, and it is saved only when you allow it (it points to {1}).', profile.name, describeTarget(profile));
    services.log.warn(`[profiles] ${profile.name}: a scripted add was not allowed; nothing saved.`);
    return { name: profile.name, error: 'profileNotConfirmed', message };
  }
  await saveProfile(profile);
  services.notifier.show('info', t('Profile {0} saved in your user settings (cognitoTokens.profiles).', profile.name), { title: t('Sign In'), run: () => vscode.commands.executeCommand('cognitoTokens.signIn', personCall({ profile: profile.name })) });
  return { name: profile.name };
}

function refuseExisting(services: Services, name: string): AddProfileRefused | undefined {
  if (!services.profiles.names().includes(name)) return undefined;
  const message = t('Profile {0} already exists. A task or another extension may add profiles but never replace one: nothing was changed. To replace it, run Cognito: Add Profile from the Command Palette.', name);
  services.log.warn(`[profiles] ${name}: a scripted add tried to replace an existing profile; refused.`);
  services.notifier.show('warning', message);
  return { name, error: 'profileExists', message };
}

/** A person reused a name: replacing it changes where that profile's sign-ins go. */
async function askReplace(profile: Profile): Promise<boolean> {
  const replace = t('Replace');
  const choice = await vscode.window.showWarningMessage(
    t('Replace profile {0}?', profile.name),
    { modal: true, detail: t('The profile {0} will point to {1}. Its next sign-in sends your password there.', profile.name, describeTarget(profile)) },
    replace,
  ).then(undefined, () => undefined); // A dialog that cannot be shown (test runs refuse them) is a no.
  return choice === replace;
}

/** A script asked to add a profile: the person sees where it points before anything is written. */
async function askCreate(profile: Profile): Promise<boolean> {
  const save = t('Save Profile');
  const choice = await vscode.window.showWarningMessage(
    t('A task or another extension wants to add the Cognito profile {0}.', profile.name),
    { modal: true, detail: t('It points to {0}. Signing in with it sends your password there. Save it only if you trust that endpoint.', describeTarget(profile)) },
    save,
  ).then(undefined, () => undefined); // A dialog that cannot be shown is a no: nothing is written.
  return choice === save;
}
