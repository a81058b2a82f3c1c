import * as vscode from 'vscode';
import { parseProfiles, type Profile } from './core/sessions/profiles';

/** Typed access to `cognitoTokens.*` settings, read when used so changes apply without reloading. */
export function clockSkewSeconds(): number {
  const value = vscode.workspace.getConfiguration('cognitoTokens').get<number>('clockSkewSeconds', 0);
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 3600) : 0;
}

export function hoverEnabled(): boolean {
  return vscode.workspace.getConfiguration('cognitoTokens').get<boolean>('hover.enabled', true);
}

/** Well-formed profiles from `cognitoTokens.profiles`, and the names (or positions) of malformed ones. */
export function readProfiles(): { profiles: Profile[]; invalid: string[] } {
  return parseProfiles(vscode.workspace.getConfiguration('cognitoTokens').get<unknown>('profiles', []));
}

/** Adds or replaces a profile in the user's settings. */
export async function saveProfile(profile: Profile): Promise<void> {
  const config = vscode.workspace.getConfiguration('cognitoTokens');
  const current = config.get<unknown[]>('profiles', []);
  const others = (Array.isArray(current) ? current : []).filter((p) => (p as { name?: unknown }).name !== profile.name);
  const entry = Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
  await config.update('profiles', [...others, entry], vscode.ConfigurationTarget.Global);
}
