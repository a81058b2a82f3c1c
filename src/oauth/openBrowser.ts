import * as vscode from 'vscode';
import { isLoopbackHost } from '../core/shared/loopback';

/**
 * Opens a managed-login URL in the user's browser. In a remote window the editor forwards loopback URLs;
 * code-server forwards them to `{its own origin}/proxy/PORT/` and keeps neither the path nor the query that
 * carry the sign-in request. So for a loopback URL in a remote window the forwarded base is asked for first
 * and the path and query are put back on it (that URL is on the workbench's own host, so nothing rewrites
 * it again). Desktop windows and https domains open the URL as it is.
 */
export async function openInBrowser(url: string, log: vscode.LogOutputChannel): Promise<boolean> {
  const target = new URL(url);
  if (vscode.env.remoteName !== undefined && isLoopbackHost(target.hostname)) {
    const forwarded = new URL((await vscode.env.asExternalUri(vscode.Uri.parse(`${target.origin}/`, true))).toString(true));
    if (forwarded.origin !== target.origin || forwarded.pathname !== '/') {
      forwarded.pathname = forwarded.pathname.replace(/\/$/, '') + target.pathname;
      forwarded.search = target.search;
      log.info(`[managedLogin] ${target.origin} is forwarded by the editor to ${forwarded.origin}; opening the sign-in page there`);
      return vscode.env.openExternal(vscode.Uri.parse(forwarded.href, true));
    }
  }
  return vscode.env.openExternal(vscode.Uri.parse(url, true));
}
