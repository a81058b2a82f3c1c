import * as vscode from 'vscode';
import { RedirectWaitError } from './loopbackRedirect';

/**
 * The redirect for remote and browser VS Code, where no loopback port on the user's machine reaches the
 * extension: the browser returns to `{uriScheme}://{publisher.name}/oauth-callback`, which VS Code hands to
 * this handler. An extension has one URI handler, so the composition root registers this once and each
 * sign-in waits on it for its own `state`.
 */
export const OAUTH_CALLBACK_PATH = '/oauth-callback';

interface Waiter {
  readonly state: string;
  readonly resolve: (query: URLSearchParams) => void;
}

export class OAuthUriHandler implements vscode.UriHandler, vscode.Disposable {
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly extensionId: string) {}

  /** The URI to register as the app client's callback URL, as the browser must see it. */
  async callbackUri(): Promise<string> {
    const local = vscode.Uri.parse(`${vscode.env.uriScheme}://${this.extensionId}${OAUTH_CALLBACK_PATH}`);
    return (await vscode.env.asExternalUri(local)).toString(true);
  }

  handleUri(uri: vscode.Uri): void {
    if (uri.path !== OAUTH_CALLBACK_PATH) return;
    const query = new URLSearchParams(uri.query);
    // Only the sign-in whose state this is gets the answer; a stray or forged URI wakes nobody.
    for (const waiter of this.waiters) {
      if (waiter.state === query.get('state')) {
        this.waiters.delete(waiter);
        waiter.resolve(query);
        return;
      }
    }
  }

  wait(state: string, timeoutMs: number, signal?: AbortSignal): Promise<URLSearchParams> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(new RedirectWaitError('cancelled'));
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        state,
        resolve: (query) => {
          done();
          resolve(query);
        },
      };
      const onAbort = (): void => {
        done();
        reject(new RedirectWaitError('cancelled'));
      };
      const timer = setTimeout(() => {
        done();
        reject(new RedirectWaitError('timeout'));
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
    });
  }

  dispose(): void {
    this.waiters.clear();
  }
}
