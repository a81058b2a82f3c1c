/**
 * What saving a profile may do, by who asked. A profile's name is what the user signs in with, so whoever
 * may replace a name decides where the user's password goes next time: only a person, asked first.
 * - `save`: write it (a person adding a new name).
 * - `askReplace`: a person reused an existing name: ask before replacing that profile.
 * - `askCreate`: a script (task, launch configuration, another extension) adds a new name: show the person
 *   where it points before writing; a refused or unshown question writes nothing.
 * - `refuseExists`: a script may never replace an existing profile, asked or not.
 */
export type SaveDecision = 'save' | 'askReplace' | 'askCreate' | 'refuseExists';

export function saveDecision(existingNames: readonly string[], name: string, interactive: boolean): SaveDecision {
  const exists = existingNames.includes(name);
  if (interactive) return exists ? 'askReplace' : 'save';
  return exists ? 'refuseExists' : 'askCreate';
}

/** The user's settings list with `entry` added, or put in place of the entry of the same name. */
export function withProfile(current: unknown, entry: { readonly name: string; readonly [field: string]: unknown }): unknown[] {
  const list = Array.isArray(current) ? (current as unknown[]) : [];
  const at = list.findIndex((p) => (p as { name?: unknown } | null)?.name === entry.name);
  return at < 0 ? [...list, entry] : list.map((p, index) => (index === at ? entry : p));
}
