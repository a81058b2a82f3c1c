import { authorizeUrl, codeChallengeS256, createCodeVerifier, createState, parseCallback, parseOAuthDomain, parseRedirectUri, type OAuthDomain, type OAuthFailure } from '../core/protocol/oauth';
import { OAuthError, requestTokens, type HttpSend } from '../core/protocol/oauthFlows';
import type { OAuthTokens } from '../core/protocol/oauthToken';
import type { Translate } from '../core/shared/l10n';
import { listenForRedirect, RedirectWaitError } from './loopbackRedirect';

/**
 * One managed-login sign-in: authorization code with PKCE (S256) and state, in the user's browser. The
 * redirect comes back to a loopback listener (desktop) or to the extension's URI handler (remote and
 * browser VS Code); the code is exchanged at the same domain's token endpoint.
 */
export interface ManagedLoginRequest {
  readonly domain: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly scopes: readonly string[];
  /** A loopback URL or the editor's own scheme; undefined: the URI handler's external callback. */
  readonly redirectUri?: string;
  readonly identityProvider?: string;
  readonly acrValues?: readonly string[];
  readonly maxAge?: number;
}

export interface ManagedLoginShell {
  openExternal(url: string): Promise<boolean>;
  /** The URI handler's callback as the browser sees it (asExternalUri), and a wait for one state. */
  uriHandler: { callbackUri(): Promise<string>; wait(state: string, timeoutMs: number, signal?: AbortSignal): Promise<URLSearchParams> };
  /** The transport for this domain (it refuses any other origin). */
  transport(domain: OAuthDomain, signal?: AbortSignal): HttpSend;
  readonly t: Translate;
  readonly timeoutMs: number;
  /** One line for the log: where the browser must come back to (never a code or token). */
  readonly log?: (line: string) => void;
}

export type ManagedLoginOutcome =
  | { readonly kind: 'tokens'; readonly tokens: OAuthTokens; readonly domain: OAuthDomain; readonly redirectUri: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly failure: OAuthFailure; readonly detail: string; readonly redirectUri?: string };

export async function managedLogin(shell: ManagedLoginShell, request: ManagedLoginRequest, signal?: AbortSignal): Promise<ManagedLoginOutcome> {
  const { t } = shell;
  const domain = parseOAuthDomain(request.domain);
  if (typeof domain === 'string') return { kind: 'failed', failure: 'domainRefused', detail: domain };
  // No redirectUri: the URI handler's callback, as asExternalUri makes it (https on a remote host is ours).
  const redirectUri = request.redirectUri ?? (await shell.uriHandler.callbackUri());
  const target = parseRedirectUri(redirectUri);
  if (typeof target === 'string' && request.redirectUri !== undefined) return { kind: 'failed', failure: 'redirectRefused', detail: target, redirectUri };
  // The URI handler's own callback may look like a loopback URL (a forwarded one): it is still the handler's.
  const loopback = request.redirectUri !== undefined && typeof target !== 'string' && target.kind === 'loopback' ? target : undefined;

  shell.log?.(`[managedLogin] ${domain.origin}: waiting for the browser at ${redirectUri} (${loopback ? 'loopback listener' : 'URI handler'})`);
  const verifier = createCodeVerifier();
  const state = createState();
  const url = authorizeUrl({ domain, clientId: request.clientId, redirectUri, scopes: request.scopes, state, codeChallenge: codeChallengeS256(verifier), identityProvider: request.identityProvider, acrValues: request.acrValues, maxAge: request.maxAge });

  let query: URLSearchParams;
  try {
    if (loopback) {
      const listener = listenForRedirect({
        host: loopback.host,
        port: loopback.port,
        path: loopback.path,
        state,
        timeoutMs: shell.timeoutMs,
        signal,
        page: (q) =>
          parseCallback(q, state).kind === 'code'
            ? { title: t('Signed in'), message: t('You can close this tab and return to VS Code.') }
            : { title: t('Sign-in did not complete'), message: t('Return to VS Code to see what happened.') },
        refusedPage: { title: t('Not what VS Code is waiting for'), message: t('VS Code ignored this request and keeps waiting for the browser to come back from the page it opened.') },
      });
      await listener.ready;
      if (!(await shell.openExternal(url))) return { kind: 'cancelled' };
      query = await listener.redirect;
    } else {
      const waiting = shell.uriHandler.wait(state, shell.timeoutMs, signal);
      if (!(await shell.openExternal(url))) return { kind: 'cancelled' };
      query = await waiting;
    }
  } catch (error) {
    if (error instanceof RedirectWaitError) {
      if (error.reason === 'cancelled') return { kind: 'cancelled' };
      return { kind: 'failed', failure: error.reason === 'timeout' ? 'timeout' : error.reason === 'portInUse' ? 'portInUse' : 'other', detail: error.message, redirectUri };
    }
    throw error;
  }

  const callback = parseCallback(query, state);
  if (callback.kind === 'failed') return { ...callback, redirectUri };
  try {
    const tokens = await requestTokens(shell.transport(domain, signal), { domain, clientId: request.clientId, clientSecret: request.clientSecret }, { grant: 'authorization_code', code: callback.code, redirectUri, codeVerifier: verifier });
    return { kind: 'tokens', tokens, domain, redirectUri };
  } catch (error) {
    if (error instanceof OAuthError) return { kind: 'failed', failure: error.failure, detail: error.detail, redirectUri };
    if (signal?.aborted) return { kind: 'cancelled' };
    throw error;
  }
}
