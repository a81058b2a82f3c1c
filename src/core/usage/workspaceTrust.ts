/**
 * What hands a raw token out of the extension, and so waits for a trusted workspace. In Restricted Mode the
 * folder's code is not trusted (VS Code already stops its tasks and debugging); another extension may still
 * run, and nothing the folder contains may get a token through us there. Decoding, the inspector, the tree,
 * signing in and the clipboard copies a person makes from our own UI stay available; a copy a script asks
 * for (`scriptedCopy`) is an outlet like the others (the clipboard is readable by any program), and so is a
 * token a script has written into a document (`scriptedEdit`). The commands among these are listed, with the
 * one gate they all pass, in ./tokenOutlets.ts.
 */
export type TokenOutlet = 'tokenCommand' | 'terminalExport' | 'copyAsCurl' | 'authProvider' | 'scriptedCopy' | 'scriptedEdit';

export const TOKEN_OUTLETS: readonly TokenOutlet[] = ['tokenCommand', 'terminalExport', 'copyAsCurl', 'authProvider', 'scriptedCopy', 'scriptedEdit'];

/** Whether `outlet` may hand out a token: only in a trusted workspace (or with no folder open, which VS Code trusts). */
export function mayHandOutTokens(outlet: TokenOutlet, workspaceTrusted: boolean): boolean {
  return TOKEN_OUTLETS.includes(outlet) ? workspaceTrusted : true;
}
