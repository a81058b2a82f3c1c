import * as vscode from 'vscode';
import type { Profile } from '../core/sessions/profiles';
import { SignInError, signIn, type ChallengeAsker, type MfaKind } from '../core/sessions/signInFlow';
import type { Services } from '../services';
import { isInteractive } from '../sessions/profileService';
import { t } from '../translate';
import { pickProfile } from './pickProfile';
import { forNotification } from '../core/shared/untrustedText';
import { refusal } from './sessionCommands';
import { signInWithOAuthFlow, usesOwnSignIn } from '../oauth/oauthSignIn';
import { runSignIn } from './signInRun';
import type { SignInArgs, SignInResult } from './signInArgs';

export type { SignInArgs, SignInResult } from './signInArgs';

const usernameKey = (profile: string): string => `cognitoTokens.lastUsername.${profile}`;

export async function signInCommand(services: Services, raw: unknown): Promise<SignInResult | undefined> {
  const args: SignInArgs = typeof raw === 'object' && raw !== null ? raw : {};
  const profile = await pickProfile(services, args.profile);
  if (!profile) {
    return undefined;
  }
  // Before the password is asked for: a workspace's profile must be confirmed, naming where it sends.
  const refused = await services.profiles.mayUse(profile, undefined, isInteractive(raw));
  if (refused) return refusal(services, refused);
  if (usesOwnSignIn(profile)) {
    return signInWithOAuthFlow(services, profile, args, {
      askUsername: () => askUsername(profile, services.memento),
      askPassword: (username) => askPassword(profile, username),
      challenges: asker(args),
      rememberUsername: (username) => services.memento.update(usernameKey(profile.name), username),
    });
  }
  const username = args.username ?? (await askUsername(profile, services.memento));
  if (username === undefined) {
    return undefined;
  }
  const password = args.password ?? (await askPassword(profile, username));
  if (password === undefined) {
    return undefined;
  }
  let clientSecret: string | undefined;
  try {
    clientSecret = await services.clientSecrets.for(profile);
  } catch (error) {
    return { profile: profile.name, error: 'unknown', message: String((error as Error).message) }; // The notifier has told the user.
  }

  const signedIn = await runSignIn(services, profile, t('Signing in to {0}…', profile.name), async (signal) => {
    const api = services.cognito.open(profile, signal);
    try {
      const outcome = await signIn(api, { profile, username, password, clientSecret, clock: services.clock }, asker(args));
      if (outcome.kind === 'cancelled') return outcome;
      return { kind: 'tokens', tokens: outcome.tokens, typedUsername: username, authFlow: outcome.authFlow, refreshValidityMs: await api.refreshValidityMs() };
    } catch (error) {
      if (!(error instanceof SignInError)) throw error;
      const unsupported = error.kind === 'unsupportedChallenge';
      const message = unsupported
        ? t('Cognito asked for the {0} challenge, which this extension cannot answer yet. Sign in once with another client (for example the Hosted UI), then try again.', forNotification(error.detail))
        : t('Sign-in failed: {0}', forNotification(error.detail));
      return { kind: 'failed', error: unsupported ? 'unsupportedChallenge' : 'unknown', message, detail: error.message, notice: message };
    } finally {
      api.dispose();
    }
  });
  if (signedIn && !('error' in signedIn)) await services.memento.update(usernameKey(profile.name), username);
  return signedIn;
}

async function askUsername(profile: Profile, memento: vscode.Memento): Promise<string | undefined> {
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

async function askPassword(profile: Profile, username: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: t('Sign in to {0}', profile.name),
    prompt: t('Password for {0}. It is sent to Cognito only (with SRP not even that) and never stored.', username),
    password: true,
    ignoreFocusOut: true,
  });
}

/** Challenge answers from command arguments first, else from the user. */
function asker(args: SignInArgs): ChallengeAsker {
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
