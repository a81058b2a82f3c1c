import { checkBinding, describeTarget, endpointOf, sameTarget, type CognitoTarget, type SessionBinding } from './binding';
import type { Profile } from './profiles';

/**
 * Whether a request may carry a stored token, the client secret or a password to a profile's endpoint.
 * Two rules: a stored session goes only where it was issued (the profile may have been redefined since),
 * and a profile defined by a workspace needs the user's confirmation, naming the endpoint, first.
 */
export type UseCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly error: 'profileMoved'; readonly was: string; readonly now: string }
  | { readonly ok: false; readonly error: 'workspaceProfileUnconfirmed'; readonly endpoint: string; readonly key: string };

/** The globalState key part that remembers a confirmation: name, endpoint, pool and client together. */
export function confirmationKey(profile: Profile): string {
  return JSON.stringify([profile.name, endpointOf(profile), profile.userPoolId, profile.clientId]);
}

/** `session` is the stored session the request would carry, if any. */
export function checkUse(profile: Profile, session: { readonly binding?: SessionBinding } | undefined, isConfirmed: (key: string) => boolean): UseCheck {
  if (session) {
    const bound = checkBinding(session.binding, profile);
    if (!bound.ok) return { ok: false, error: 'profileMoved', was: bound.was, now: bound.now };
  }
  if (profile.origin === 'workspace' && !isConfirmed(confirmationKey(profile))) {
    return { ok: false, error: 'workspaceProfileUnconfirmed', endpoint: describeTarget(profile), key: confirmationKey(profile) };
  }
  return { ok: true };
}

/** A client secret as stored: bound to the target it was set for (older values are a bare string). */
export interface StoredClientSecret {
  readonly secret: string;
  readonly target?: CognitoTarget;
}

export function parseClientSecret(text: string | undefined): StoredClientSecret | undefined {
  if (text === undefined || text === '') return undefined;
  if (text.startsWith('{')) {
    try {
      const value = JSON.parse(text) as { secret?: unknown; target?: Partial<CognitoTarget> };
      const t = value.target;
      if (typeof value.secret !== 'string') return undefined;
      const target = t && typeof t.region === 'string' && typeof t.userPoolId === 'string' && typeof t.clientId === 'string' ? { region: t.region, userPoolId: t.userPoolId, clientId: t.clientId, endpoint: typeof t.endpoint === 'string' ? t.endpoint : undefined } : undefined;
      return { secret: value.secret, target };
    } catch {
      return undefined;
    }
  }
  return { secret: text };
}

export function serializeClientSecret(secret: string, target: CognitoTarget): string {
  return JSON.stringify({ secret, target: { region: target.region, endpoint: target.endpoint, userPoolId: target.userPoolId, clientId: target.clientId } });
}

/**
 * The secret to send for `profile`, if it was set for this very target. A bare (older) value was set for
 * the user's own profile: it is used only with a profile from user settings.
 */
export function clientSecretFor(stored: StoredClientSecret | undefined, profile: Profile): string | undefined {
  if (!stored) return undefined;
  if (stored.target) return sameTarget(stored.target, profile) ? stored.secret : undefined;
  return profile.origin === 'workspace' ? undefined : stored.secret;
}
