import * as vscode from 'vscode';
import { explainCognitoError } from '../core/protocol/cognitoErrors';
import { bindingFor, describeTarget } from '../core/sessions/binding';
import type { Profile } from '../core/sessions/profiles';
import { SecretStorageUnavailable } from '../core/sessions/sessionStore';
import { newSession, summarizeSession } from '../core/sessions/storedSession';
import type { AuthFlow } from '../core/shared/vocabulary';
import { forLog, forNotification } from '../core/shared/untrustedText';
import type { Services } from '../services';
import { t } from '../translate';
import { failureActions } from './failureActions';
import type { SignInResult } from './signInArgs';

/** Why a sign-in failed, as its result says. */
export type SignInFailure = Extract<SignInResult, { readonly error: unknown }>['error'];

/** What one way of signing in (the API's flows, USER_AUTH, managed login, client credentials) ends with. */
export type SignInFlowOutcome =
  | {
      readonly kind: 'tokens';
      readonly tokens: { readonly id?: string; readonly access: string; readonly refresh?: string };
      /** The name the user typed (an alias, or the client id for machine-to-machine). */
      readonly typedUsername: string;
      readonly authFlow: AuthFlow;
      /** How, for the log (a factor, a redirect URI); nothing when the flow's name says it all. */
      readonly detail?: string;
      /** The app client's refresh-token lifetime when the flow read it; otherwise read here when a refresh token came. */
      readonly refreshValidityMs?: number;
    }
  | { readonly kind: 'cancelled' }
  | {
      readonly kind: 'failed';
      readonly error: SignInFailure;
      readonly message: string;
      /** For the log (cleaned there). */
      readonly detail: string;
      /** The whole notification, when it is not "Sign-in to {profile} failed: {message}". */
      readonly notice?: string;
    };

/**
 * Every sign-in, whichever flow: progress (cancellable, cancellation silent), the save of the new session
 * (a sign-in replaces what was stored), the log line and the notification, the summary; a failure keeps the
 * stored session and resolves to `{profile, error, message}`. The flow only gets its tokens.
 */
export async function runSignIn(services: Services, profile: Profile, title: string, flow: (signal: AbortSignal) => Promise<SignInFlowOutcome>): Promise<SignInResult | undefined> {
  const cancel = new AbortController();
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
      token.onCancellationRequested(() => cancel.abort());
      const outcome = await flow(cancel.signal);
      if (outcome.kind === 'cancelled' || cancel.signal.aborted) return undefined;
      if (outcome.kind === 'failed') {
        services.log.warn(`[signIn] ${profile.name}: ${forLog(outcome.detail)}`);
        return signInFailed(services, profile, outcome.error, outcome.message, outcome.notice);
      }
      const refreshValidityMs = outcome.refreshValidityMs ?? (outcome.tokens.refresh ? await readRefreshValidity(services, profile) : undefined);
      const session = newSession({
        profile: profile.name,
        binding: bindingFor(profile, outcome.tokens.id),
        typedUsername: outcome.typedUsername,
        authFlow: outcome.authFlow,
        tokens: { id: outcome.tokens.id, access: outcome.tokens.access, refresh: outcome.tokens.refresh },
        refreshValidityMs,
        clock: services.clock,
      });
      await services.repository.put(session);
      const how = outcome.detail === undefined ? outcome.authFlow : `${outcome.authFlow} (${outcome.detail})`;
      services.log.info(`[signIn] ${profile.name}: signed in as ${session.username} with ${how} at ${describeTarget(profile)}`);
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

/** A sign-in that cannot start or did not succeed: said once, and the stored session stays. */
export function signInFailed(services: Services, profile: Profile, error: SignInFailure, message: string, notice?: string): SignInResult {
  services.notifier.show('error', notice ?? t('Sign-in to {0} failed: {1}', profile.name, message));
  return { profile: profile.name, error, message };
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
