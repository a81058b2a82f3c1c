import { mayHandOutTokens, type TokenOutlet } from './workspaceTrust';

/** How one command lets a raw token out, and who Restricted Mode stops. */
export interface OutletCommand {
  /** Where the token goes: the command's result, the clipboard, or a document. */
  readonly leavesBy: 'result' | 'clipboard' | 'document';
  readonly outlet: TokenOutlet;
  /**
   * Who is refused in Restricted Mode: everyone, or only scripts (tasks, launch configurations, other
   * extensions). A person acting in our own UI (see ../shared/callOrigin.ts) may still copy a token or put
   * one into the file they are editing: they see where it goes.
   */
  readonly restrictedFor: 'everyone' | 'scripts';
}

/**
 * Every command that hands out or writes a raw token (ID, access or refresh). Each is registered through
 * the one gate (`registerTokenOutlet` in src/usage/workspaceTrust.ts, which calls `tokenOutletRefusal`),
 * never with a plain registerCommand. test/unit/tokenOutlets.test.ts fails when a contributed or registered
 * command is in neither this list nor TOKENLESS_COMMANDS, or when an outlet skips the gate.
 */
export const TOKEN_OUTLET_COMMANDS = {
  'cognitoTokens.idToken': { leavesBy: 'result', outlet: 'tokenCommand', restrictedFor: 'everyone' },
  'cognitoTokens.accessToken': { leavesBy: 'result', outlet: 'tokenCommand', restrictedFor: 'everyone' },
  'cognitoTokens.copyToken': { leavesBy: 'clipboard', outlet: 'scriptedCopy', restrictedFor: 'scripts' },
  'cognitoTokens.copyAuthorizationHeader': { leavesBy: 'clipboard', outlet: 'scriptedCopy', restrictedFor: 'scripts' },
  'cognitoTokens.copyAsCurl': { leavesBy: 'clipboard', outlet: 'copyAsCurl', restrictedFor: 'everyone' },
  'cognitoTokens.replaceTokenInFile': { leavesBy: 'document', outlet: 'scriptedEdit', restrictedFor: 'scripts' },
} as const satisfies Record<string, OutletCommand>;

export type TokenOutletCommand = keyof typeof TOKEN_OUTLET_COMMANDS;

/**
 * Every other command, with why no raw token leaves through it (results are summaries: fingerprints,
 * expiry times, claims). A new command goes into exactly one of the two lists.
 */
export const TOKENLESS_COMMANDS: Readonly<Record<string, string>> = {
  'cognitoTokens.decode': 'decodes a token the caller supplied; shows and returns its claims',
  'cognitoTokens.verify': 'checks the signature of a token the caller supplied',
  'cognitoTokens.forgetTrustedIssuers': 'clears remembered issuers',
  'cognitoTokens.addProfile': 'writes a profile (no secrets) to settings',
  'cognitoTokens.signIn': 'stores the tokens in secret storage; resolves to the session summary',
  'cognitoTokens.setClientSecret': 'takes a secret in; never gives one out',
  'cognitoTokens.inspectToken': 'opens the inspector for a person; resolves to a fingerprint',
  'cognitoTokens.refreshView': 'redraws the tree',
  'cognitoTokens.refresh': 'stores the new tokens; resolves to the session summary',
  'cognitoTokens.signOut': 'revokes and clears the tokens; resolves to a summary',
  'cognitoTokens.globalSignOut': 'signs out everywhere; resolves to a summary',
  'cognitoTokens.getUser': 'sends the access token to its own pool; resolves to the user attributes',
  'cognitoTokens.updateUserAttributes': 'sends the access token to its own pool; resolves to the attributes written',
  'cognitoTokens.exchangeToken': 'keeps the derived token in memory; resolves to its audience, scopes and fingerprint (the token leaves only through accessToken {audience})',
  'cognitoTokens.describeAppClient': 'reads the pool and app client settings; resolves to facts and findings (secrets only counted)',
};

export function isTokenOutletCommand(id: string): id is TokenOutletCommand {
  return Object.prototype.hasOwnProperty.call(TOKEN_OUTLET_COMMANDS, id);
}

/** Why the gate refused a call: Restricted Mode, or a script asking for the refresh token (never given to one). */
export type OutletRefusal = 'restrictedMode' | 'refreshTokenToScript';

/**
 * The one gate of every token outlet. The refresh token (the long-lived credential) goes to a person only,
 * whatever the trust; in Restricted Mode an outlet refuses everyone or scripts, as listed.
 */
export function tokenOutletRefusal(command: TokenOutletCommand, call: { readonly interactive: boolean; readonly workspaceTrusted: boolean; readonly tokenType?: unknown }): OutletRefusal | undefined {
  if (call.tokenType === 'refresh' && !call.interactive) return 'refreshTokenToScript';
  const entry: OutletCommand = TOKEN_OUTLET_COMMANDS[command];
  const judged = entry.restrictedFor === 'everyone' || !call.interactive;
  return judged && !mayHandOutTokens(entry.outlet, call.workspaceTrusted) ? 'restrictedMode' : undefined;
}
