import * as vscode from 'vscode';
import { fingerprint } from '../core/shared/fingerprint';
import { forNotification } from '../core/shared/untrustedText';
import { curlCommand, isUsableUrl, urlInLine } from '../core/usage/curl';
import { t } from '../translate';
import { usableToken, type UsableTokenType } from './usableToken';
import type { Services } from '../services';
import { pickProfile } from '../commands/pickProfile';

export interface CopyAsCurlArgs {
  readonly profile?: string;
  readonly tokenType?: UsableTokenType;
  readonly url?: string;
}

/**
 * `cognitoTokens.copyAsCurl`: `curl -H 'Authorization: Bearer …' 'URL'` on the clipboard, with the URL given,
 * else the one on the current line, else asked. The URL is untrusted text: it is single-quoted for the shell.
 * Registered behind the token-outlet gate (src/core/usage/tokenOutlets.ts): nothing in Restricted Mode.
 */
export async function copyAsCurl(deps: Services, raw: unknown): Promise<{ profile: string; tokenType: UsableTokenType; fingerprint: string; url: string } | undefined> {
  const args: CopyAsCurlArgs = typeof raw === 'object' && raw !== null ? raw : {};
  const profile = await pickProfile(deps, args.profile);
  if (!profile) return undefined;
  const tokenType = args.tokenType === 'id' || args.tokenType === 'access' ? args.tokenType : await pickTokenType();
  if (!tokenType) return undefined;
  const url = await findUrl(args.url);
  if (!url) return undefined;
  const token = await usableToken(deps, profile.name, tokenType, 'ifDue');
  if (!token) return undefined;
  await vscode.env.clipboard.writeText(curlCommand(token, url));
  vscode.window.setStatusBarMessage(t('Copied a curl command with the {0} token of {1}.', tokenType, forNotification(profile.name)), 3000);
  return { profile: profile.name, tokenType, fingerprint: fingerprint(token), url };
}

async function findUrl(given: string | undefined): Promise<string | undefined> {
  if (typeof given === 'string') {
    if (isUsableUrl(given)) return given;
    void vscode.window.showErrorMessage(t('"{0}" is not an http or https URL.', forNotification(given)));
    return undefined;
  }
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const position = editor.selection.active;
    const onLine = urlInLine(editor.document.lineAt(position.line).text, position.character);
    if (onLine) return onLine;
  }
  const typed = await vscode.window.showInputBox({
    title: t('Copy as curl'),
    prompt: t('The URL to call with the token.'),
    placeHolder: 'https://api.example.com/items',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' || isUsableUrl(value.trim()) ? undefined : t('An http:// or https:// URL.')),
  });
  return typed?.trim() || undefined;
}

async function pickTokenType(): Promise<UsableTokenType | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: t('Access token'), type: 'access' as const },
      { label: t('ID token'), type: 'id' as const },
    ],
    { title: t('Which token?') },
  );
  return picked?.type;
}
