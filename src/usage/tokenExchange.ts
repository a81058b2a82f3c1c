import * as vscode from 'vscode';
import { isInteractive } from '../core/shared/callOrigin';
import { explainCognitoError } from '../core/protocol/cognitoErrors';
import {
  ACCESS_TOKEN_TYPE,
  audienceOf,
  derivedTokenDue,
  derivedTokenFrom,
  exchangeEndpoint,
  exchangeFailureMessage,
  exchangeSummary,
  getDerivedTokenRequest,
  scopesOf,
  TOKEN_EXCHANGE_GRANT,
  type ExchangeArgs,
  type ExchangeSummary,
} from '../core/exchange/derivedTokens';
import { fingerprint } from '../core/shared/fingerprint';
import { checkBinding } from '../core/sessions/binding';
import { forLog, forNotification } from '../core/shared/untrustedText';
import type { Profile } from '../core/sessions/profiles';
import type { StoredSession } from '../core/sessions/storedSession';
import { t } from '../translate';
import { usableToken, userMarginSeconds } from './usableToken';
import type { Services } from '../services';
import { pickProfile } from '../commands/pickProfile';

export type ExchangeResult = ExchangeSummary | { readonly profile: string; readonly error: string; readonly message: string };

/**
 * `cognitoTokens.exchangeToken {profile, audience?, resource?, scopes?, actorProfile?}`: the signed-in session's
 * access token (refreshed first when due) traded for one bound to a single audience, through GetDerivedToken or,
 * for a managed-login profile, its domain's token endpoint. The derived token stays in memory under its session;
 * the command resolves to a summary with its fingerprint, never the token.
 */
export async function exchangeTokenCommand(deps: Services, raw: unknown): Promise<ExchangeResult | undefined> {
  const args = (typeof raw === 'object' && raw !== null ? raw : {}) as ExchangeArgs & { scopes?: unknown };
  const profile = await pickProfile(deps, typeof args.profile === 'string' ? args.profile : undefined);
  if (!profile) return undefined;
  let audience = audienceOf({ audience: typeof args.audience === 'string' ? args.audience : undefined, resource: typeof args.resource === 'string' ? args.resource : undefined });
  if (audience === undefined) {
    if (!isInteractive(raw)) return { profile: profile.name, error: 'audienceMissing', message: t('Give the audience (or resource) the exchanged token is for.') };
    const typed = await vscode.window.showInputBox({
      title: t('Exchange token for {0}', profile.name),
      prompt: t('The audience the new token is for: an API name, or a resource URI such as https://api.example.com.'),
      ignoreFocusOut: true,
      validateInput: (value) => (audienceOf({ audience: value }) === undefined ? t('Give one audience.') : undefined),
    });
    audience = typed === undefined ? undefined : audienceOf({ audience: typed });
    if (audience === undefined) return undefined;
  }
  const resource = typeof args.resource === 'string' && args.audience === undefined;
  let actorProfile = typeof args.actorProfile === 'string' ? args.actorProfile : undefined;
  if (actorProfile === undefined && isInteractive(raw)) {
    // Delegation: a machine-to-machine profile acting for the user (its token becomes the `act` claim).
    const machines = deps.profiles.read().profiles.filter((p) => p.authFlow === 'CLIENT_CREDENTIALS' && p.name !== profile.name);
    if (machines.length > 0) {
      const none = { label: t('No acting party'), description: t('impersonation: the token names only the user') };
      const picked = await vscode.window.showQuickPick([none, ...machines.map((p) => ({ label: p.name, description: t('acts for the user (delegation, act claim)') }))], { title: t('Exchange token for {0}', profile.name), placeHolder: t('Who acts with the new token?'), ignoreFocusOut: true });
      if (picked === undefined) return undefined;
      if (picked !== none) actorProfile = picked.label;
    }
  }
  return exchange(deps, profile, { audience, resource, scopes: scopesOf(args.scopes), actorProfile });
}

/** A current derived token for `audience`: the stored one while it is not due, else a new exchange (for `${input:…}`). */
export async function derivedAccessToken(deps: Services, profile: Profile, audience: string): Promise<string | undefined> {
  const stored = deps.derivedTokens.get(profile.name, audience);
  if (stored && !derivedTokenDue(stored, deps.clock.now(), userMarginSeconds())) {
    deps.log.info(`[exchange] ${forLog(profile.name)}: handing out the derived token ${fingerprint(stored.token)} for ${forLog(audience)}`);
    return stored.token;
  }
  const result = await exchange(deps, profile, { audience, resource: false, scopes: stored ? [...stored.scopes] : undefined, actorProfile: stored?.actorProfile });
  if (!result || 'error' in result) return undefined;
  const fresh = deps.derivedTokens.get(profile.name, audience);
  if (fresh) deps.log.info(`[exchange] ${forLog(profile.name)}: handing out the derived token ${fingerprint(fresh.token)} for ${forLog(audience)}`);
  return fresh?.token;
}

interface ExchangeRequest {
  readonly audience: string;
  /** true: `audience` came as `resource` (an absolute URI, RFC 8707). */
  readonly resource: boolean;
  readonly scopes?: readonly string[];
  readonly actorProfile?: string;
}

async function exchange(deps: Services, profile: Profile, request: ExchangeRequest): Promise<ExchangeResult | undefined> {
  const subject = await usableToken(deps, profile.name, 'access', 'ifDue');
  if (subject === undefined) return undefined;
  const session = await deps.repository.current(profile.name).catch(() => undefined);
  if (!session?.binding) return undefined;
  // The profile's settings may have moved since the sign-in: its token and secret go only where the session came from.
  const bound = checkBinding(session.binding, profile);
  if (!bound.ok) {
    const message = t('Profile {0} now points to {1}, but its session came from {2}. Sign in again to exchange tokens there.', forNotification(profile.name), forNotification(bound.now), forNotification(bound.was));
    void vscode.window.showErrorMessage(message);
    return { profile: profile.name, error: 'profileMoved', message };
  }
  let actorToken: string | undefined;
  if (request.actorProfile !== undefined) {
    actorToken = await usableToken(deps, request.actorProfile, 'access', 'ifDue');
    if (actorToken === undefined) return undefined;
  }
  const secret = await deps.clientSecrets.for(profile);
  const now = deps.clock.now();
  let answer: { ok: true; body: Record<string, unknown> } | { ok: false; type: string; message: string };
  try {
    answer = profile.domain !== undefined && session.binding.domain !== undefined ? await viaTokenEndpoint(session, subject, actorToken, secret, request) : await viaApi(session, subject, actorToken, secret, request);
  } catch (error) {
    const explained = explainCognitoError(error, t, { profile: profile.name });
    deps.log.warn(`[exchange] ${forLog(profile.name)}: ${explained.detail}`);
    void vscode.window.showErrorMessage(t('The token exchange for {0} failed: {1}', forNotification(profile.name), forNotification(explained.message)));
    return { profile: profile.name, error: explained.kind, message: explained.message };
  }
  if (!answer.ok) {
    const message = exchangeFailureMessage(answer.type, answer.message, t) ?? explainCognitoError(Object.assign(new Error(answer.message), { name: answer.type }), t, { profile: profile.name }).message;
    deps.log.warn(`[exchange] ${forLog(profile.name)}: refused (${forLog(answer.type)})`);
    void vscode.window.showErrorMessage(t('The token exchange for {0} failed: {1}', forNotification(profile.name), forNotification(message)));
    return { profile: profile.name, error: answer.type, message };
  }
  const derived = derivedTokenFrom(answer.body, { profile: profile.name, audience: request.audience, actorProfile: request.actorProfile, now, sessionSignedInAt: session.signedInAt });
  if (!derived) {
    void vscode.window.showErrorMessage(t('The token exchange for {0} answered without a token. Try again.', forNotification(profile.name)));
    return { profile: profile.name, error: 'noTokens', message: t('The token exchange answered without a token.') };
  }
  deps.derivedTokens.put(derived);
  deps.log.info(`[exchange] ${forLog(profile.name)}: derived token ${fingerprint(derived.token)} for ${forLog(request.audience)} (from ${fingerprint(subject)})`);
  return exchangeSummary(derived);
}

type Answer = { ok: true; body: Record<string, unknown> } | { ok: false; type: string; message: string };

/** GetDerivedToken as the service's JSON (the SDK has no command for it yet), to the session's own endpoint. */
async function viaApi(session: StoredSession, subject: string, actorToken: string | undefined, secret: string | undefined, request: ExchangeRequest): Promise<Answer> {
  const binding = session.binding!;
  const body = getDerivedTokenRequest({ clientId: binding.clientId, clientSecret: secret, subjectToken: subject, actorToken, scopes: request.scopes, ...(request.resource ? { resource: request.audience } : { audience: request.audience }) });
  const response = await fetch(exchangeEndpoint(binding), {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetDerivedToken' },
    body: JSON.stringify(body),
    redirect: 'error',
    signal: AbortSignal.timeout(20_000),
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return { ok: true, body: json };
  // `__type` may name the namespace ("…#NotAuthorizedException"); the header may add ":http://…".
  const named = typeof json.__type === 'string' ? json.__type : (response.headers.get('x-amzn-errortype') ?? 'InternalErrorException');
  const type = named.split('#').pop()?.split(':')[0] ?? 'InternalErrorException';
  const message = typeof json.message === 'string' ? json.message : typeof json.Message === 'string' ? json.Message : '';
  return { ok: false, type, message };
}

/** The token-exchange grant at the managed-login domain the session came from (RFC 8693 §2.1). */
async function viaTokenEndpoint(session: StoredSession, subject: string, actorToken: string | undefined, secret: string | undefined, request: ExchangeRequest): Promise<Answer> {
  const binding = session.binding!;
  const form = new URLSearchParams({ grant_type: TOKEN_EXCHANGE_GRANT, subject_token: subject, subject_token_type: ACCESS_TOKEN_TYPE, client_id: binding.clientId });
  form.set(request.resource ? 'resource' : 'audience', request.audience);
  if (request.scopes !== undefined) form.set('scope', request.scopes.join(' '));
  if (actorToken !== undefined) {
    form.set('actor_token', actorToken);
    form.set('actor_token_type', ACCESS_TOKEN_TYPE);
  }
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (secret) headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(binding.clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  const response = await fetch(`${binding.domain}/oauth2/token`, { method: 'POST', headers, body: form.toString(), redirect: 'error', signal: AbortSignal.timeout(20_000) });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return { ok: true, body: json };
  return { ok: false, type: typeof json.error === 'string' ? json.error : 'invalid_request', message: typeof json.error_description === 'string' ? json.error_description : '' };
}
