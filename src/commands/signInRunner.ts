import * as vscode from 'vscode';
import { explainCognitoError } from '../core/protocol/cognitoErrors';
import { bindingFor, describeTarget } from '../core/sessions/binding';
import type { Profile } from '../core/sessions/profiles';
import { SecretStorageUnavailable } from '../core/sessions/sessionStore';
import { newSession, summarizeSession } from '../core/sessions/storedSession';
import { forLog, forNotification } from '../core/shared/untrustedText';
import type { AuthFlow } from '../core/shared/vocabulary';
import type { Services } from '../services';
import { t } from '../translate';
import { failureActions } from './failureActions';
import type { SignInResult } from './signInArgs';
import { rememberUsername } from './signInPrompts';

// The one sign-in flow every kind runs (password/SRP, USER_AUTH, managed login, client credentials):
// progress with cancel, the compare-free save of a new session (a sign-in replaces what was stored), the
// username remembered, the same log line and messages. A kind (passwordSignIn.ts, oauth/oauthSignIn.ts)
// supplies only what differs: what it asks for first, and the exchange that gets the tokens.

/** A failed sign-in's `error` field, as `cognitoTokens.signIn` resolves it. */
export type SignInFailure = Extract<SignInResult, { readonly error: unknown }>['error'];

/** What a kind's exchange ends with. */
export type SignInOutcome =
  | {
      readonly kind: 'tokens';
      readonly tokens: { readonly id?: string; readonly access: string; readonly refresh?: string };
      readonly authFlow: AuthFlow;
      /** What was typed (or the client id): the session's name when the tokens carry none. */
      readonly typedUsername: string;
      /** For the log line only: how the tokens were got, when the flow alone does not say. */
      readonly how?: string;
      /** The app client's refresh-token lifetime, when the kind could read it. */
      readonly refreshValidityMs: number | undefined;
    }
  | { readonly kind: 'cancelled' }
  | {
      readonly kind: 'failed';
      readonly error: SignInFailure;
      /** What the result says (and, wrapped as "Sign-in to … failed: …", the notification). */
      readonly message: string;
      /** For the log only (cleaned there). */
      readonly detail: string;
      /** The notification's whole text, when it is not the wrapped `message`. */
      readonly shown?: string;
    };

/** One sign-in, ready to run: everything it needed to ask has been asked. */
export interface SignInAttempt {
  /** The progress notification's title. */
  readonly title: string;
  /** Gets the tokens; `signal` is aborted when the person cancels. */
  run(signal: AbortSignal): Promise<SignInOutcome>;
  /** The username the person typed, remembered for the profile once signed in. */
  readonly usernameToRemember?: string;
}

/** The stored client secret for `profile`, or the result to return when secret storage fails (the notifier has told the user). */
export async function readClientSecret(services: Services, profile: Profile): Promise<{ readonly secret: string | undefined } | { readonly failed: SignInResult }> {
  try {
    return { secret: await services.clientSecrets.for(profile) };
  } catch (error) {
    return { failed: { profile: profile.name, error: 'unknown', message: String((error as Error).message) } };
  }
}

/** Says a sign-in failure and returns it for scripts. */
export function signInFailed(services: Services, profile: Profile, error: SignInFailure, message: string, shown = t('Sign-in to {0} failed: {1}', profile.name, message)): SignInResult {
  services.notifier.show('error', shown);
  return { profile: profile.name, error, message };
}

/** The same words whichever kind met a challenge it cannot answer. */
export function unsupportedChallengeMessage(challenge: string): string {
  return t('Cognito asked for the {0} challenge, which this extension cannot answer yet. Sign in once with another client (for example the Hosted UI), then try again.', forNotification(challenge));
}

export async function runSignIn(services: Services, profile: Profile, attempt: SignInAttempt): Promise<SignInResult | undefined> {
  const cancel = new AbortController();
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: attempt.title, cancellable: true }, async (_progress, token) => {
      token.onCancellationRequested(() => cancel.abort());
      const outcome = await attempt.run(cancel.signal);
      if (outcome.kind === 'cancelled' || cancel.signal.aborted) return undefined;
      if (outcome.kind === 'failed') {
        services.log.warn(`[signIn] ${profile.name}: ${forLog(outcome.detail)}`);
        return signInFailed(services, profile, outcome.error, outcome.message, outcome.shown);
      }
      const session = newSession({
        profile: profile.name,
        binding: bindingFor(profile, outcome.tokens.id),
        typedUsername: outcome.typedUsername,
        authFlow: outcome.authFlow,
        tokens: { id: outcome.tokens.id, access: outcome.tokens.access, refresh: outcome.tokens.refresh },
        refreshValidityMs: outcome.refreshValidityMs,
        clock: services.clock,
      });
      await services.repository.put(session);
      if (attempt.usernameToRemember !== undefined) await rememberUsername(services.memento, profile, attempt.usernameToRemember);
      const how = outcome.how === undefined ? '' : ` (${outcome.how})`;
      services.log.info(`[signIn] ${profile.name}: signed in as ${session.username} with ${outcome.authFlow}${how} at ${describeTarget(profile)}`);
      services.notifier.show('info', outcome.authFlow === 'CLIENT_CREDENTIALS' ? t('Got a machine-to-machine access token for {0}.', profile.name) : t('Signed in to {0} as {1}.', profile.name, forNotification(session.username)));
      return summarizeSession(session);
    });
  } catch (error) {
    if (cancel.signal.aborted || (error instanceof Error && error.name === 'AbortError')) return undefined; // Cancelled: silent.
    if (error instanceof SecretStorageUnavailable) return { profile: profile.name, error: 'unknown', message: error.message };
    const explained = explainCognitoError(error, t, { clientId: profile.clientId, profile: profile.name });
    services.log.warn(`[signIn] ${profile.name}: ${explained.detail}`);
    services.notifier.show('error', t('Sign-in to {0} failed: {1}', profile.name, explained.message), ...failureActions(explained.kind, profile.name));
    return { profile: profile.name, error: explained.kind, message: explained.message };
  }
}
