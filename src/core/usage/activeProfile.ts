/**
 * The status bar's active profile: the one that changed last while signed in, else the first signed-in
 * profile in settings order. Terminals export the plain COGNITO_*_TOKEN names for this profile.
 */
export function activeProfile(lastChanged: string | undefined, signedIn: readonly string[]): string | undefined {
  return lastChanged !== undefined && signedIn.includes(lastChanged) ? lastChanged : signedIn[0];
}
