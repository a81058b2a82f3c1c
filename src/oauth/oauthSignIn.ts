import * as vscode from 'vscode';
import { parseOAuthDomain, type OAuthFailure } from '../core/protocol/oauth';
import { OAuthError, requestTokens } from '../core/protocol/oauthFlows';
import { explainOAuthFailure } from '../core/protocol/oauthMessages';
import type { OAuthTokens } from '../core/protocol/oauthToken';
import type { Profile } from '../core/sessions/profiles';
import { describeFactor, explainWebAuthn, isFirstFactor, signInUserAuth, type FirstFactor, type UserAuthAsker, type UserAuthOutcome } from '../core/sessions/userAuthFlow';
import { forNotification } from '../core/shared/untrustedText';
import type { AuthFlow } from '../core/shared/vocabulary';
import type { SignInArgs, SignInResult } from '../commands/signInArgs';
import { askPassword, askUsername, challengeAsker } from '../commands/signInPrompts';
import { readClientSecret, signInFailed, unsupportedChallengeMessage, type SignInAttempt, type SignInOutcome } from '../commands/signInRunner';
import type { Services } from '../services';
import { t } from '../translate';
import { domainTransport } from './httpTransport';
import { managedLogin } from './managedLogin';
import { openInBrowser } from './openBrowser';

/** How long the browser has to come back from managed login. */
const MANAGED_LOGIN_TIMEOUT_MS = 5 * 60_000;

export function usesOwnSignIn(profile: Profile): boolean {
  return profile.authFlow === 'USER_AUTH' || profile.authFlow === 'MANAGED_LOGIN' || profile.authFlow === 'CLIENT_CREDENTIALS';
}

/**
 * `cognitoTokens.signIn` for USER_AUTH, MANAGED_LOGIN and CLIENT_CREDENTIALS: reads the client secret, asks
 * what the arguments leave out, and resolves to the attempt commands/signInRunner.ts runs (a result when it
 * cannot start, undefined when a prompt was cancelled). The caller has checked the profile may be used (a
 * workspace profile confirmed, naming its endpoint and domain).
 */
export async function prepareOAuthSignIn(services: Services, profile: Profile, args: SignInArgs): Promise<SignInAttempt | SignInResult | undefined> {
  const read = await readClientSecret(services, profile);
  if ('failed' in read) return read.failed;
  const clientSecret = read.secret;
  if (profile.authFlow === 'USER_AUTH') {
    const username = args.username ?? (await askUsername(profile, services.memento));
    if (username === undefined) return undefined;
    return { title: t('Signing in to {0}…', profile.name), usernameToRemember: username, run: (signal) => userAuth(services, profile, args, username, clientSecret, signal) };
  }
  if (profile.authFlow === 'CLIENT_CREDENTIALS') {
    if (!clientSecret) {
      return signInFailed(services, profile, 'invalidClient', t('Machine-to-machine sign-in needs the app client\'s secret. Set it with "Cognito: Set Client Secret" for profile {0}.', profile.name));
    }
    return { title: t('Getting a machine-to-machine token for {0}…', profile.name), run: (signal) => clientCredentials(services, profile, clientSecret, signal) };
  }
  return { title: t('Waiting for sign-in to {0} in your browser… (cancel to stop)', profile.name), run: (signal) => browserSignIn(services, profile, clientSecret, signal) };
}

/** The tokens an OAuth-side flow got, with the refresh-token lifetime where it can be read. */
async function signedIn(services: Services, profile: Profile, tokens: OAuthTokens, typedUsername: string, how: string): Promise<SignInOutcome> {
  const refreshValidityMs = tokens.refresh ? await readRefreshValidity(services, profile) : undefined;
  return { kind: 'tokens', tokens, authFlow: profile.authFlow as AuthFlow, typedUsername, how, refreshValidityMs };
}

/** The app client's refresh-token lifetime, read where the Cognito API allows it without credentials (local pools). */
async function readRefreshValidity(services: Services, profile: Profile): Promise<number | undefined> {
  const api = services.cognito.open(profile);
  try {
    return await api.refreshValidityMs();
  } catch {
    return undefined;
  } finally {
    api.dispose();
  }
}

async function userAuth(services: Services, profile: Profile, args: SignInArgs, username: string, clientSecret: string | undefined, signal: AbortSignal): Promise<SignInOutcome> {
  const scripted = isFirstFactor(args.challenge) ? args.challenge : undefined;
  const api = services.cognito.open(profile, signal);
  let outcome: UserAuthOutcome;
  try {
    outcome = await signInUserAuth(
      api,
      { userPoolId: profile.userPoolId, clientId: profile.clientId, username, clientSecret, preferred: scripted ?? profile.preferredChallenge, scriptedFactor: scripted, password: args.password, code: args.code, clock: services.clock, acrValues: profile.acrValues, maxAge: profile.maxAge },
      userAuthAsker(profile, username, args),
    );
  } finally {
    api.dispose();
  }
  switch (outcome.kind) {
    case 'tokens':
      return signedIn(services, profile, outcome.tokens, username, `USER_AUTH ${outcome.factor ?? 'chosen by the pool'}`);
    case 'cancelled':
      return outcome;
    case 'webAuthn':
      return { kind: 'failed', error: 'webAuthn', message: explainWebAuthn(t), detail: 'WEB_AUTHN cannot be answered from the editor' };
    case 'factorUnavailable':
      return { kind: 'failed', error: 'factorUnavailable', message: t('The user pool does not offer {0} for this user. It offers: {1}.', forNotification(outcome.factor), forNotification(outcome.available.join(', '))), detail: `factor ${outcome.factor} not in ${outcome.available.join(',')}` };
    case 'unsupportedChallenge':
      return { kind: 'failed', error: 'other', message: unsupportedChallengeMessage(outcome.challenge), detail: `challenge ${outcome.challenge}` };
    default:
      return { kind: 'failed', error: 'noTokens', message: t('Cognito answered without tokens. Sign in again.'), detail: 'no tokens' };
  }
}

function userAuthAsker(profile: Profile, username: string, args: SignInArgs): UserAuthAsker {
  return {
    chooseFactor: async (available) => {
      const items = available.map((factor) => ({ ...describeFactor(factor, t), factor }));
      const picked = await vscode.window.showQuickPick(items, { title: t('Sign in to {0}', profile.name), placeHolder: t('How do you want to sign in as {0}?', username), ignoreFocusOut: true });
      return picked?.factor satisfies FirstFactor | undefined;
    },
    password: () => (args.password !== undefined ? Promise.resolve(args.password) : askPassword(profile, username)),
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
    newPassword: (required) => challengeAsker(args).newPassword(required),
  };
}

async function clientCredentials(services: Services, profile: Profile, clientSecret: string, signal: AbortSignal): Promise<SignInOutcome> {
  const domain = parseOAuthDomain(profile.domain ?? '');
  if (typeof domain === 'string') return oauthFailure('domainRefused', domain);
  try {
    const tokens = await requestTokens(domainTransport(domain, signal), { domain, clientId: profile.clientId, clientSecret }, { grant: 'client_credentials', scopes: profile.scopes ?? [] });
    return await signedIn(services, profile, tokens, profile.clientId, `client_credentials ${tokens.scope ?? ''}`.trim());
  } catch (error) {
    if (error instanceof OAuthError) return oauthFailure(error.failure, error.detail, { scopes: profile.scopes, grant: 'client_credentials' });
    throw error;
  }
}

async function browserSignIn(services: Services, profile: Profile, clientSecret: string | undefined, signal: AbortSignal): Promise<SignInOutcome> {
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
  return signedIn(services, profile, outcome.tokens, '', `authorization code + PKCE via ${outcome.redirectUri}`);
}

function oauthFailure(failure: OAuthFailure, detail: string, context: { redirectUri?: string; scopes?: readonly string[]; grant?: string } = {}): SignInOutcome {
  return { kind: 'failed', error: failure, message: explainOAuthFailure(failure, t, context), detail: `${failure}: ${detail}` };
}
