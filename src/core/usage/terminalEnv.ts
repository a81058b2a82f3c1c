import type { TokenType } from '../shared/vocabulary';

/** `COGNITO_<PROFILE>_<TYPE>_TOKEN`: the profile upper-cased, every non-alphanumeric as `_`. */
export function profileVariable(profile: string, tokenType: Exclude<TokenType, 'refresh'>): string {
  const name = profile.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `COGNITO_${name}_${tokenType === 'id' ? 'ID' : 'ACCESS'}_TOKEN`;
}

export interface ExportedSession {
  readonly profile: string;
  /** Absent for machine to machine (no ID token). */
  readonly id?: string;
  readonly access: string;
}

/**
 * The variables new terminals get: per exporting signed-in profile its own pair, and the plain
 * `COGNITO_ID_TOKEN` / `COGNITO_ACCESS_TOKEN` for the active profile when it exports. Names that two
 * profiles would share (`a-b` and `a_b`) are left out rather than handing one profile's token under
 * the other's name.
 */
export function terminalVariables(sessions: readonly ExportedSession[], activeProfile: string | undefined): Map<string, string> {
  const variables = new Map<string, string>();
  const clashing = new Set<string>();
  for (const session of sessions) {
    for (const [type, token] of [['id', session.id], ['access', session.access]] as const) {
      if (token === undefined) continue;
      const name = profileVariable(session.profile, type);
      if (variables.has(name)) clashing.add(name);
      variables.set(name, token);
    }
  }
  for (const name of clashing) variables.delete(name);
  const active = sessions.find((session) => session.profile === activeProfile);
  if (active) {
    if (active.id !== undefined) variables.set('COGNITO_ID_TOKEN', active.id);
    variables.set('COGNITO_ACCESS_TOKEN', active.access);
  }
  return variables;
}

/**
 * Which profiles may export. Only an entry in the user's own settings can turn it on: a profile a
 * workspace defines (or redefines) cannot make VS Code put tokens into every terminal.
 */
export function exportingProfiles(userProfiles: unknown): Set<string> {
  const names = new Set<string>();
  for (const entry of Array.isArray(userProfiles) ? userProfiles : []) {
    const p = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (p.exportToTerminal === true && typeof p.name === 'string') names.add(p.name.trim());
  }
  return names;
}
