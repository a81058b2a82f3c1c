import * as vscode from 'vscode';
import { profilesFromLayers, type Profile } from './core/sessions/profiles';
import { withProfile } from './core/sessions/profileSave';
import { clampMarginSeconds } from './core/sessions/refreshMargin';

/** Typed access to `cognitoTokens.*` settings, read when used so changes apply without reloading. */
export function clockSkewSeconds(): number {
  const value = vscode.workspace.getConfiguration('cognitoTokens').get<number>('clockSkewSeconds', 0);
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 3600) : 0;
}

export function hoverEnabled(): boolean {
  return vscode.workspace.getConfiguration('cognitoTokens').get<boolean>('hover.enabled', true);
}

/**
 * Well-formed profiles (each with its origin: user settings, or the workspace's untrusted ones) and the
 * names (or positions) of malformed ones.
 */
export function readProfiles(): { profiles: Profile[]; invalid: string[] } {
  const layers = vscode.workspace.getConfiguration('cognitoTokens').inspect<unknown>('profiles');
  return profilesFromLayers(layers ?? {});
}

/**
 * Auto refresh sends the refresh token by itself: only the user's own settings may turn it on, never a
 * workspace's (`"scope": "application"` in the manifest, and read from the global value only).
 */
export function autoRefreshSettings(): { enabled: boolean; marginSeconds: number } {
  const config = vscode.workspace.getConfiguration('cognitoTokens');
  const enabled = config.inspect<boolean>('autoRefresh')?.globalValue === true;
  const margin = config.inspect<number>('autoRefreshMarginSeconds')?.globalValue;
  return { enabled, marginSeconds: clampMarginSeconds(margin) };
}

/**
 * Adds or replaces a profile in the user's settings: only the user's own list, never the workspace's entries.
 * Whether it may replace one is the caller's decision (`saveDecision`): only a person, asked first.
 */
export async function saveProfile(profile: Profile): Promise<void> {
  const config = vscode.workspace.getConfiguration('cognitoTokens');
  const current = config.inspect<unknown>('profiles')?.globalValue;
  // `origin` is ours, not a setting.
  const entry = { name: profile.name, ...Object.fromEntries(Object.entries(profile).filter(([key, value]) => value !== undefined && key !== 'origin')) };
  await config.update('profiles', withProfile(current, entry), vscode.ConfigurationTarget.Global);
}
