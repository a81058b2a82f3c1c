import * as vscode from 'vscode';
import { parseOAuthDomain, type OAuthFailure } from '../core/protocol/oauth';
import { OAuthError, requestTokens } from '../core/protocol/oauthFlows';
import { explainOAuthFailure } from '../core/protocol/oauthMessages';
import type { Profile } from '../core/sessions/profiles';
import { describeFactor, explainWebAuthn, isFirstFactor, signInUserAuth, type FirstFactor, type UserAuthAsker, type UserAuthOutcome } from '../core/sessions/userAuthFlow';
import type { Services } from '../services';
import { t } from '../translate';
import type { ChallengeAsker } from '../core/sessions/signInFlow';
import type { SignInArgs, SignInResult } from '../commands/signInArgs';
import { runSignIn, signInFailed, type SignInFlowOutcome } from '../commands/signInRun';
import { domainTransport } from './httpTransport';
import { managedLogin } from './managedLogin';
import { forNotification } from '../core/shared/untrustedText';
import { openInBrowser } from './openBrowser';

export type { OAuthSignInError } from '../commands/signInArgs';

/** How long the browser has to come back from managed login. */
const MANAGED_LOGIN_TIMEOUT_MS = 5 * 60_000;

/** What the password sign-in already asks with; passed in so the two commands share their prompts. */
export interface SignInPrompts {
  askUsername(): Promise<string | undefined>;
  askPassword(username: string): Promise<string | undefined>;
  readonly challenges: ChallengeAsker;
  /** Remembers the username typed for the profile (never a token). */
  rememberUsername(username: string): Thenable<void>;
}

export function usesOwnSignIn(profile: Profile): boolean {
  return profile.authFlow === 'USER_AUTH' || profile.authFlow === 'MANAGED_LOGIN' || profile.authFlow === 'CLIENT_CREDENTIALS';
}

/**
 * `cognitoTokens.signIn` for USER_AUTH, MANAGED_LOGIN and CLIENT_CREDENTIALS. The caller has checked the
 * profile may be used (a workspace profile confirmed, naming its endpoint and domain). What the arguments
 * give is never asked; a failure resolves to `{profile, error, message}` and keeps the stored session.
 */
export async function signInWithOAuthFlow(services: Services, profile: Profile, args: SignInArgs, prompts: SignInPrompts): Promise<SignInResult | undefined> {
  let clientSecret: string | undefined;
  try {
    clientSecret = await services.clientSecrets.for(profile);
  } catch (error) {
    return { profile: profile.name, error: 'unknown', message: String((error as Error).message) }; // The notifier has told the user.
  }
  if (profile.authFlow === 'USER_AUTH') {
    const username = args.username ?? (await prompts.askUsername());
    if (username === undefined) return undefined;
    const signedIn = await runSignIn(services, profile, t('Signing in to {0}…', profile.name), (signal) => userAuth(services, profile, args, username, clientSecret, prompts, signal));
    if (signedIn && !('error' in signedIn)) await prompts.rememberUsername(username);
    return signedIn;
  }
  if (profile.authFlow === 'CLIENT_CREDENTIALS') {
    if (!clientSecret) {
      return signInFailed(services, profile, 'invalidClient', t('Machine-to-machine sign-in needs the app client\'s secret. Set it with "Cognito: Set Client Secret" for profile {0}.', profile.name));
    }
    return runSignIn(services, profile, t('Getting a machine-to-machine token for {0}…', profile.name), (signal) => clientCredentials(profile, clientSecret, signal));
  }
  return runSignIn(services, profile, t('Waiting for sign-in to {0} in your browser… (cancel to stop)', profile.name), (signal) => browserSignIn(services, profile, clientSecret, signal));
}

type FlowOutcome = SignInFlowOutcome;

async function userAuth(services: Services, profile: Profile, args: SignInArgs, username: string, clientSecret: string | undefined, prompts: SignInPrompts, signal: AbortSignal): Promise<FlowOutcome> {
  const scripted = isFirstFactor(args.challenge) ? args.challenge : undefined;
  const api = services.cognito.open(profile, signal);
  let outcome: UserAuthOutcome;
  try {
    outcome = await signInUserAuth(
      api,
      { userPoolId: profile.userPoolId, clientId: profile.clientId, username, clientSecret, preferred: scripted ?? profile.preferredChallenge, scriptedFactor: scripted, password: args.password, code: args.code, clock: services.clock, acrValues: profile.acrValues, maxAge: profile.maxAge },
      userAuthAsker(profile, username, args, prompts),
    );
  } finally {
    api.dispose();
  }
  switch (outcome.kind) {
    case 'tokens':
      return { kind: 'tokens', tokens: outcome.tokens, typedUsername: username, authFlow: 'USER_AUTH', detail: `USER_AUTH ${outcome.factor ?? 'chosen by the pool'}` };
    case 'cancelled':
      return outcome;
    case 'webAuthn':
      return { kind: 'failed', error: 'webAuthn', message: explainWebAuthn(t), detail: 'WEB_AUTHN cannot be answered from the editor' };
    case 'factorUnavailable':
      return { kind: 'failed', error: 'factorUnavailable', message: t('The user pool does not offer {0} for this user. It offers: {1}.', forNotification(outcome.factor), forNotification(outcome.available.join(', '))), detail: `factor ${outcome.factor} not in ${outcome.available.join(',')}` };
    case 'unsupportedChallenge':
      return { kind: 'failed', error: 'other', message: t('Cognito asked for the {0} challenge, which this extension cannot answer yet. Sign in once with another client (for example the Hosted UI), then try again.', forNotification(outcome.challenge)), detail: `challenge ${outcome.challenge}` };
    default:
      return { kind: 'failed', error: 'noTokens', message: t('Cognito answered without tokens. Sign in again.'), detail: 'no tokens' };
  }
}

function userAuthAsker(profile: Profile, username: string, args: SignInArgs, prompts: SignInPrompts): UserAuthAsker {
  return {
    chooseFactor: async (available) => {
      const items = available.map((factor) => ({ ...describeFactor(factor, t), factor }));
      const picked = await vscode.window.showQuickPick(items, { title: t('Sign in to {0}', profile.name), placeHolder: t('How do you want to sign in as {0}?', username), ignoreFocusOut: true });
      return picked?.factor satisfies FirstFactor | undefined;
    },
    password: () => (args.password !== undefined ? Promise.resolve(args.password) : prompts.askPassword(username)),
    code: async (kind, destination) => {
      const prompt = kind === 'EMAIL_OTP' ? t('Enter the code sent by email to {0}.', destination ?? '?') : t('Enter the code sent by SMS to {0}.', destination ?? '?');
      const code = await vscode.window.showInputBox({
        title: t('Sign in to {0}', profile.name),
        prompt,
        ignoreFocusOut: true,
        validateInput: (text) => (/^\d{6,8}$/.test(text.trim()) ? undefined : t('Enter the code: 6 to 8 digits.')),
      });
      return code?.trim();
    },
    newPassword: (required) => prompts.challenges.newPassword(required),
  };
}

async function clientCredentials(profile: Profile, clientSecret: string, signal: AbortSignal): Promise<FlowOutcome> {
  const domain = parseOAuthDomain(profile.domain ?? '');
  if (typeof domain === 'string') return oauthFailure('domainRefused', domain);
  try {
    const tokens = await requestTokens(domainTransport(domain, signal), { domain, clientId: profile.clientId, clientSecret }, { grant: 'client_credentials', scopes: profile.scopes ?? [] });
    return { kind: 'tokens', tokens, typedUsername: profile.clientId, authFlow: 'CLIENT_CREDENTIALS', detail: `client_credentials ${tokens.scope ?? ''}`.trim() };
  } catch (error) {
    if (error instanceof OAuthError) return oauthFailure(error.failure, error.detail, { scopes: profile.scopes, grant: 'client_credentials' });
    throw error;
  }
}

async function browserSignIn(services: Services, profile: Profile, clientSecret: string | undefined, signal: AbortSignal): Promise<FlowOutcome> {
  const outcome = await managedLogin(
    {
      openExternal: (url) => openInBrowser(url, services.log),
      uriHandler: services.oauthCallbacks,
      transport: (domain, s) => domainTransport(domain, s),
      t,
      timeoutMs: MANAGED_LOGIN_TIMEOUT_MS,
      log: (line) => services.log.info(line),
    },
    { domain: profile.domain ?? '', clientId: profile.clientId, clientSecret, scopes: profile.scopes ?? ['openid'], redirectUri: profile.redirectUri, identityProvider: profile.identityProvider, acrValues: profile.acrValues, maxAge: profile.maxAge },
    signal,
  );
  if (outcome.kind === 'cancelled') return outcome;
  if (outcome.kind === 'failed') return oauthFailure(outcome.failure, outcome.detail, { redirectUri: outcome.redirectUri, scopes: profile.scopes, grant: 'code' });
  return { kind: 'tokens', tokens: outcome.tokens, typedUsername: '', authFlow: 'MANAGED_LOGIN', detail: `authorization code + PKCE via ${outcome.redirectUri}` };
}

function oauthFailure(failure: OAuthFailure, detail: string, context: { redirectUri?: string; scopes?: readonly string[]; grant?: string } = {}): FlowOutcome {
  return { kind: 'failed', error: failure, message: explainOAuthFailure(failure, t, context), detail: `${failure}: ${detail}` };
}
