/** Where a profile's session lives in SecretStorage: one namespaced key per profile. */
export const SESSION_KEY_PREFIX = 'cognitoTokens.session.';

export function sessionKey(profile: string): string {
  return `${SESSION_KEY_PREFIX}${profile}`;
}
