import * as vscode from 'vscode';
import { sessionKey } from '../core/sessions/sessionKeys';

/**
 * Whether SecretStorage holds a session for `profile` (or for any configured profile), read without
 * dist/features.js. Names are taken from every settings layer unvalidated: a stray name costs one read.
 * A failing SecretStorage answers yes, so the features start and report it as they always do.
 */
export async function hasStoredSession(secrets: vscode.SecretStorage, profile?: string): Promise<boolean> {
  const names = profile !== undefined ? [profile] : configuredProfileNames();
  const found = await Promise.all(names.map((name) => Promise.resolve(secrets.get(sessionKey(name))).then((value) => value !== undefined, () => true)));
  return found.includes(true);
}

function configuredProfileNames(): string[] {
  const layers = vscode.workspace.getConfiguration('cognitoTokens').inspect<unknown>('profiles');
  const entries = [layers?.globalValue, layers?.workspaceValue, layers?.workspaceFolderValue].flatMap((value) => (Array.isArray(value) ? (value as unknown[]) : []));
  return [...new Set(entries.map((entry) => (entry as { name?: unknown } | null)?.name).filter((name): name is string => typeof name === 'string'))];
}
