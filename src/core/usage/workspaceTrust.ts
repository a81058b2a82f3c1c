/**
 * What hands a raw token out of the extension, and so waits for a trusted workspace. In Restricted Mode the
 * folder's code is not trusted (VS Code already stops its tasks and debugging); another extension may still
 * run, and nothing the folder contains may get a token through us there. Decoding, the inspector, the tree,
 * signing in and the clipboard copies a person makes from our own UI stay available; a copy a script asks
 * for (`scriptedCopy`) is an outlet like the others (the clipboard is readable by any program).
 */
export type TokenOutlet = 'tokenCommand' | 'terminalExport' | 'copyAsCurl' | 'authProvider' | 'scriptedCopy';

export const TOKEN_OUTLETS: readonly TokenOutlet[] = ['tokenCommand', 'terminalExport', 'copyAsCurl', 'authProvider', 'scriptedCopy'];

/** The outlet a stored-token action is, if any: a copy (token or Authorization header) made for a script, not a person. */
export function copyOutlet(action: 'copy' | 'copyHeader' | 'inspect', interactive: boolean): TokenOutlet | undefined {
  return action !== 'inspect' && !interactive ? 'scriptedCopy' : undefined;
}

/** Whether `outlet` may hand out a token: only in a trusted workspace (or with no folder open, which VS Code trusts). */
export function mayHandOutTokens(outlet: TokenOutlet, workspaceTrusted: boolean): boolean {
  return TOKEN_OUTLETS.includes(outlet) ? workspaceTrusted : true;
}
