/**
 * Whether a command call came from a person using our own UI, or from a script (a task, a launch
 * configuration, another extension). Anything can pass any object to `executeCommand`, so a field such as
 * `interactive: true` or `kind` proves nothing. What a script cannot forge is identity: objects our own UI
 * created and registered here (tree nodes, the status bar's arguments, the sign-in offer the user accepted)
 * reach our commands as the same objects, because VS Code hands tree elements and cached command arguments
 * back by reference within the extension host. The set is private to this module.
 */
const fromOurUi = new WeakSet<object>();

/** Marks `args` as built by our own UI for a person's action; returns it for use in place. */
export function personCall<T extends object>(args: T): T {
  fromOurUi.add(args);
  return args;
}

/**
 * A person's call: no arguments (the Command Palette, a keybinding), or an object our own UI marked.
 * Everything else is scripted: refused rather than prompted, and never given what only a person may have.
 */
export function isInteractive(raw: unknown): boolean {
  if (raw === undefined || raw === null) return true;
  return typeof raw === 'object' && fromOurUi.has(raw);
}
