import * as vscode from 'vscode';
import type { Profile } from '../core/sessions/profiles';
import type { ChallengeAsker, MfaKind } from '../core/sessions/signInFlow';
import { t } from '../translate';
import type { SignInArgs } from './signInArgs';

// What every kind of sign-in asks a person, in one file: the password flows and USER_AUTH use the same
// username and password prompts and the same challenge answers, so they read the same in both.

const usernameKey = (profile: string): string => `cognitoTokens.lastUsername.${profile}`;

/** Remembers the username typed for the profile (never a token), to offer it next time. */
export function rememberUsername(memento: vscode.Memento, profile: Profile, username: string): Thenable<void> {
  return memento.update(usernameKey(profile.name), username);
}

export async function askUsername(profile: Profile, memento: vscode.Memento): Promise<string | undefined> {
  const remembered = profile.username ?? memento.get<string>(usernameKey(profile.name));
  const value = await vscode.window.showInputBox({
    title: t('Sign in to {0}', profile.name),
    prompt: t('Username (or an alias such as the email address, if the user pool allows it)'),
    value: remembered,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? t('Enter a username.') : undefined),
  });
  return value?.trim();
}

export async function askPassword(profile: Profile, username: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: t('Sign in to {0}', profile.name),
    prompt: t('Password for {0}. It is sent to Cognito only (with SRP not even that) and never stored.', username),
    password: true,
    ignoreFocusOut: true,
  });
}

/** Challenge answers from command arguments first, else from the user. */
export function challengeAsker(args: SignInArgs): ChallengeAsker {
  return {
    newPassword: async (required) => {
      const attributes: Record<string, string> = { ...args.attributes };
      for (const name of required) {
        if (attributes[name] === undefined) {
          const value = await vscode.window.showInputBox({ title: t('New password required'), prompt: t('The user pool requires the attribute "{0}".', name), ignoreFocusOut: true });
          if (value === undefined) return undefined;
          attributes[name] = value;
        }
      }
      if (args.newPassword !== undefined) {
        return { password: args.newPassword, attributes };
      }
      const first = await vscode.window.showInputBox({ title: t('New password required'), prompt: t('Cognito requires a new password for this user. Enter it.'), password: true, ignoreFocusOut: true });
      if (first === undefined) return undefined;
      const second = await vscode.window.showInputBox({
        title: t('New password required'),
        prompt: t('Enter the new password again.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (text) => (text === first ? undefined : t('The passwords do not match.')),
      });
      return second === undefined ? undefined : { password: first, attributes };
    },
    mfaCode: async (kind: MfaKind, destination) => {
      if (args.mfaCode !== undefined) return args.mfaCode;
      const prompts: Record<MfaKind, string> = {
        SOFTWARE_TOKEN_MFA: t('Enter the 6-digit code from your authenticator app.'),
        SMS_MFA: t('Enter the code sent by SMS to {0}.', destination ?? '?'),
        EMAIL_OTP: t('Enter the code sent by email to {0}.', destination ?? '?'),
      };
      return vscode.window.showInputBox({
        title: t('Multi-factor authentication'),
        prompt: prompts[kind],
        ignoreFocusOut: true,
        validateInput: (text) => (/^\d{6,8}$/.test(text.trim()) ? undefined : t('Enter the code: 6 to 8 digits.')),
      }).then((code) => code?.trim());
    },
    selectMfa: async (options) => {
      if (args.mfaType !== undefined) return args.mfaType;
      const picked = await vscode.window.showQuickPick(options.map((label) => ({ label })), { title: t('Choose how to verify your sign-in'), ignoreFocusOut: true });
      return picked?.label;
    },
  };
}
