import * as vscode from 'vscode';
import type { Clock } from '../core/shared/clock';
import { escapeMarkdown, renderHoverMarkdown } from '../core/tokens/hoverMarkdown';
import { inspectToken } from '../core/tokens/inspection';
import { decodeToken, MAX_TOKEN_CHARS } from '../core/tokens/jwt';
import { locateTokenAt } from '../core/tokens/tokenLocator';
import { clockSkewSeconds, hoverEnabled } from '../settings';
import { t } from '../translate';
import type { DecodeArgs } from '../commands/tokenSource';

/**
 * Decodes the JWT under the mouse in any document. It reads only the hovered line (`lineAt`), and the
 * locator scans a bounded window of it, so a hover costs the same in a 20 MB file as in a short one.
 */
export class JwtHoverProvider implements vscode.HoverProvider {
  constructor(private readonly clock: Clock) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!hoverEnabled()) {
      return undefined;
    }
    const line = document.lineAt(position.line).text;
    const located = locateTokenAt(line, position.character);
    if (!located) {
      return undefined;
    }
    if (located.kind === 'tooLarge') {
      // The locator stops scanning at the limit, so we only know the run is at least this long.
      const range = new vscode.Range(position.line, located.start, position.line, located.start + located.minimumLength);
      const message = t('This looks like a JWT but is longer than {0} characters, the limit for a token, so it is not decoded. Real tokens are a few thousand characters: check for text run together with the token.', MAX_TOKEN_CHARS);
      return new vscode.Hover(new vscode.MarkdownString(escapeMarkdown(message)), range);
    }
    const decoded = decodeToken(located.text);
    const range = new vscode.Range(position.line, located.start, position.line, located.end);
    if (decoded.kind === 'invalid') {
      // Token-shaped text that does not decode (version strings, identifiers, bad base64, non-JSON) gets
      // no hover: explaining it belongs to the decode command, which the user asks for explicitly.
      return undefined;
    }
    const inspection = inspectToken(located.text, decoded, {
      clock: this.clock,
      skewSeconds: clockSkewSeconds(),
      t,
      locale: vscode.env.language,
      maxValueLength: 200,
      json: false,
    });
    const args: DecodeArgs = { uri: document.uri.toString(), line: position.line, character: position.character };
    const link = `command:cognitoTokens.decode?${encodeURIComponent(JSON.stringify([args]))}`;
    const markdown = new vscode.MarkdownString(renderHoverMarkdown(inspection, t, link));
    markdown.isTrusted = { enabledCommands: ['cognitoTokens.decode'] };
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, range);
  }
}
