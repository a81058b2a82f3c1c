import type { Profile } from '../core/sessions/profiles';
import { SignInError, signIn } from '../core/sessions/signInFlow';
import { forNotification } from '../core/shared/untrustedText';
import type { Services } from '../services';
import { t } from '../translate';
import type { SignInArgs, SignInResult } from './signInArgs';
import { askPassword, askUsername, challengeAsker } from './signInPrompts';
import { readClientSecret, unsupportedChallengeMessage, type SignInAttempt, type SignInOutcome } from './signInRunner';

/**
 * The Cognito API's sign-in (USER_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH): asks the
 * username and password the arguments leave out, then reads the client secret. Resolves to the attempt
 * signInRunner.ts runs, a result when secret storage failed, or undefined when a prompt was cancelled.
 */
export async function preparePasswordSignIn(services: Services, profile: Profile, args: SignInArgs): Promise<SignInAttempt | SignInResult | undefined> {
  const username = args.username ?? (await askUsername(profile, services.memento));
  if (username === undefined) return undefined;
  const password = args.password ?? (await askPassword(profile, username));
  if (password === undefined) return undefined;
  const clientSecret = await readClientSecret(services, profile);
  if ('failed' in clientSecret) return clientSecret.failed;
  return {
    title: t('Signing in to {0}…', profile.name),
    usernameToRemember: username,
    run: async (signal): Promise<SignInOutcome> => {
      const api = services.cognito.open(profile, signal);
      try {
        const outcome = await signIn(api, { profile, username, password, clientSecret: clientSecret.secret, clock: services.clock }, challengeAsker(args));
        if (outcome.kind === 'cancelled') return outcome;
        const refreshValidityMs = await api.refreshValidityMs();
        return { kind: 'tokens', tokens: outcome.tokens, authFlow: outcome.authFlow, typedUsername: username, refreshValidityMs };
      } catch (error) {
        if (!(error instanceof SignInError)) throw error;
        // The challenge loop's own failures: said as they are, without the "Sign-in to … failed" wrapper.
        const message = error.kind === 'unsupportedChallenge' ? unsupportedChallengeMessage(error.detail) : t('Sign-in failed: {0}', forNotification(error.detail));
        return { kind: 'failed', error: error.kind === 'unsupportedChallenge' ? 'unsupportedChallenge' : 'unknown', message, detail: error.message, shown: message };
      } finally {
        api.dispose();
      }
    },
  };
}
