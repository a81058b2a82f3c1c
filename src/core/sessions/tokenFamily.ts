import { claimsOf, type StoredSession } from './storedSession';

/**
 * The token family a session belongs to: one sign-in and every token refreshed or rotated from it.
 *
 * Cognito names the family in the `origin_jti` claim of the ID and access tokens ("When the REFRESH_TOKEN
 * authentication flow is used to generate new access and ID tokens, the new access and ID tokens have the
 * same origin_jti claim": https://repost.aws/knowledge-center/cognito-revoke-refresh-tokens), and revoking
 * any refresh token of the family revokes the access tokens with that origin_jti
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html). A client without token
 * revocation issues no origin_jti (and refuses RevokeToken, so nothing can be revoked by mistake); there the
 * sign-in itself (its time, user and client, which a refresh never changes) names the family.
 */
export function originJtiOf(session: StoredSession): string | undefined {
  const value = claimsOf(session.tokens.access).origin_jti;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Whether two states of one profile belong to the same sign-in: `b` is `a` refreshed or rotated (here or in
 * another window), not a sign-out followed by a new sign-in. Decides whether a refresh token that arrives
 * late may be revoked: revoking a member of the family that is still in use ends the session for everyone.
 */
export function sameTokenFamily(a: StoredSession, b: StoredSession): boolean {
  return (
    a.profile === b.profile &&
    a.signedInAt === b.signedInAt &&
    a.username === b.username &&
    a.authFlow === b.authFlow &&
    a.binding?.userPoolId === b.binding?.userPoolId &&
    a.binding?.clientId === b.binding?.clientId &&
    originJtiOf(a) === originJtiOf(b)
  );
}
