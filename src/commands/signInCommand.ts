import type { Services } from '../services';
import { isInteractive } from '../sessions/profileService';
import { pickProfile } from './pickProfile';
import { refusal } from './sessionCommands';
import { prepareOAuthSignIn, usesOwnSignIn } from '../oauth/oauthSignIn';
import { preparePasswordSignIn } from './passwordSignIn';
import type { SignInArgs, SignInResult } from './signInArgs';
import { runSignIn } from './signInRunner';

export type { SignInArgs, SignInResult } from './signInArgs';

/**
 * `cognitoTokens.signIn`: the profile, its confirmation, then the kind of sign-in the profile uses asks
 * what the arguments leave out, and signInRunner.ts runs it the same way for every kind.
 */
export async function signInCommand(services: Services, raw: unknown): Promise<SignInResult | undefined> {
  const args: SignInArgs = typeof raw === 'object' && raw !== null ? raw : {};
  const profile = await pickProfile(services, args.profile);
  if (!profile) {
    return undefined;
  }
  // Before the password is asked for: a workspace's profile must be confirmed, naming where it sends.
  const refused = await services.profiles.mayUse(profile, undefined, isInteractive(raw));
  if (refused) return refusal(services, refused);
  const attempt = usesOwnSignIn(profile) ? await prepareOAuthSignIn(services, profile, args) : await preparePasswordSignIn(services, profile, args);
  if (attempt === undefined || !('run' in attempt)) return attempt;
  return runSignIn(services, profile, attempt);
}
