/**
 * GlobalSignOut needs a live access token (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html).
 * The plan: with an access token expired by our clock, refresh first; call GlobalSignOut; if Cognito says the
 * access token has expired (its clock, not ours), refresh and try once more; with no live access token left,
 * revoke the refresh token instead (RevokeToken), so "signed out" is never said while a refresh token works.
 * The shell supplies each step; the order and the retry are decided here.
 */
export interface GlobalSignOutSteps<Revoked> {
  /** The access token held now, and whether it has expired by our clock. */
  readonly access: string;
  readonly accessExpired: boolean;
  /** Whether the session can get a fresh access token (it holds a refresh token). */
  readonly canRefresh: boolean;
  /** A fresh access token from a refresh, or undefined when the refresh failed. */
  refresh(): Promise<string | undefined>;
  globalSignOut(access: string): Promise<void>;
  /** Whether a GlobalSignOut failure means "access token expired" (the only failure that is retried). */
  isAccessExpired(error: unknown): boolean;
  /** The fallback: revoke the refresh token. */
  revoke(): Promise<Revoked>;
}

export async function runGlobalSignOut<Revoked>(steps: GlobalSignOutSteps<Revoked>): Promise<'global' | Revoked> {
  const freshAccess = (): Promise<string | undefined> => (steps.canRefresh ? steps.refresh().catch(() => undefined) : Promise.resolve(undefined));
  let access: string | undefined = steps.access;
  if (steps.accessExpired) access = await freshAccess();
  for (let attempt = 0; access !== undefined && attempt < 2; attempt++) {
    try {
      await steps.globalSignOut(access);
      return 'global';
    } catch (error) {
      if (!steps.isAccessExpired(error)) throw error;
      access = attempt === 0 ? await freshAccess() : undefined;
    }
  }
  return steps.revoke();
}
