import type { Services } from '../services';

/**
 * What the token-usage features (tasks, terminals, the auth provider, files, curl) use of the one context:
 * a part of `Services`, so tests fake only these and every feature reads the same shape.
 */
export type UsageDeps = Pick<Services, 'repository' | 'profiles' | 'notifier' | 'clock' | 'log' | 'derivedTokens' | 'clientSecrets'>;
