/**
 * Token exchange (RFC 8693) from the extension's side: a signed-in session's access token traded for one bound
 * to a single audience, narrower in scope, with no refresh token. Checked against AWS's pages:
 * - https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetDerivedToken.html
 *   (ClientId, ClientSecret, SubjectToken + SubjectTokenType, ActorToken + ActorTokenType, Audiences, Resources,
 *   Scopes, RequestedTokenType; answers IssuedToken, IssuedTokenType, TokenType, ExpiresIn, Scopes)
 * - https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-token-exchange.html
 *   (the app client needs ALLOW_TOKEN_EXCHANGE_IMPERSONATION, or _DELEGATION with an actor; Essentials or Plus)
 * The AWS SDK on the registry has no GetDerivedToken command yet, so the request is the service's JSON, built
 * here; the shell only posts it to the session's own endpoint.
 */
import { endpointOf, type SessionBinding } from '../sessions/binding';
import { fingerprint } from '../shared/fingerprint';
import { claimsOf } from '../sessions/storedSession';

export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** What a person or a script asks for: one audience (a name or a resource URI), scopes to keep, an acting profile. */
export interface ExchangeArgs {
  readonly profile?: string;
  readonly audience?: string;
  readonly resource?: string;
  readonly scopes?: readonly string[];
  readonly actorProfile?: string;
}

/** A derived token as the extension keeps it: in memory only, under the session it came from. */
export interface DerivedToken {
  readonly profile: string;
  /** The audience or resource it is bound to: how `cognitoTokens.accessToken {audience}` finds it. */
  readonly audience: string;
  readonly scopes: readonly string[];
  /** The client-credentials profile that acted (delegation), if any. */
  readonly actorProfile?: string;
  readonly token: string;
  /** ms since epoch. */
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** The sign-in it belongs to (the session's signedInAt): a new sign-in or a sign-out drops it. */
  readonly sessionSignedInAt: number;
}

/** The summary `cognitoTokens.exchangeToken` resolves to: never the token, only its fingerprint. */
export interface ExchangeSummary {
  readonly profile: string;
  readonly audience: string;
  readonly scopes: readonly string[];
  readonly actorProfile?: string;
  readonly expiresAt: string;
  readonly fingerprint: string;
  readonly actors: readonly string[];
}

export function exchangeSummary(derived: DerivedToken): ExchangeSummary {
  const act = claimsOf(derived.token)?.act;
  const actors: string[] = [];
  for (let current = act, depth = 0; typeof current === 'object' && current !== null && depth < 8; depth++) {
    const actor = current as Record<string, unknown>;
    const name = [actor.username, actor.client_id, actor.sub].find((v): v is string => typeof v === 'string');
    if (name !== undefined) actors.push(name);
    current = actor.act;
  }
  return {
    profile: derived.profile,
    audience: derived.audience,
    scopes: [...derived.scopes],
    ...(derived.actorProfile !== undefined ? { actorProfile: derived.actorProfile } : {}),
    expiresAt: new Date(derived.expiresAt).toISOString(),
    fingerprint: fingerprint(derived.token),
    actors,
  };
}

/** Where the audience of a request comes from: `audience` (a name), else `resource` (an absolute URI). */
export function audienceOf(args: ExchangeArgs): string | undefined {
  const value = args.audience ?? args.resource;
  return typeof value === 'string' && value.trim() !== '' && value.length <= 2048 ? value.trim() : undefined;
}

/** Scopes from a script: strings only, deduplicated; undefined keeps the subject token's scopes. */
export function scopesOf(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value : [];
  return [...new Set(list.filter((s): s is string => typeof s === 'string' && s !== '' && s.length <= 256))];
}

/** GetDerivedToken's JSON body. The actor token goes only with a DELEGATION request. */
export function getDerivedTokenRequest(input: {
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly subjectToken: string;
  readonly actorToken?: string;
  readonly audience?: string;
  readonly resource?: string;
  readonly scopes?: readonly string[];
}): Record<string, unknown> {
  return {
    ClientId: input.clientId,
    ...(input.clientSecret ? { ClientSecret: input.clientSecret } : {}),
    SubjectToken: input.subjectToken,
    SubjectTokenType: ACCESS_TOKEN_TYPE,
    ...(input.actorToken ? { ActorToken: input.actorToken, ActorTokenType: ACCESS_TOKEN_TYPE } : {}),
    ...(input.audience !== undefined ? { Audiences: [input.audience] } : {}),
    ...(input.resource !== undefined ? { Resources: [input.resource] } : {}),
    ...(input.scopes !== undefined ? { Scopes: [...input.scopes] } : {}),
    RequestedTokenType: ACCESS_TOKEN_TYPE,
  };
}

/** The API endpoint of a session's binding: the only place its tokens go. */
export function exchangeEndpoint(binding: SessionBinding): string {
  return `${endpointOf(binding)}/`;
}

/** GetDerivedToken's answer (or the token endpoint's, which names the same fields in snake case) as a DerivedToken. */
export function derivedTokenFrom(
  answer: Record<string, unknown>,
  context: { readonly profile: string; readonly audience: string; readonly actorProfile?: string; readonly now: number; readonly sessionSignedInAt: number },
): DerivedToken | undefined {
  const token = answer.IssuedToken ?? answer.access_token;
  if (typeof token !== 'string' || token === '') return undefined;
  const claims = claimsOf(token) ?? {};
  const expiresIn = typeof answer.ExpiresIn === 'number' ? answer.ExpiresIn : typeof answer.expires_in === 'number' ? answer.expires_in : undefined;
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  const expiresAt = exp ?? (expiresIn !== undefined ? context.now + expiresIn * 1000 : context.now);
  const listed = Array.isArray(answer.Scopes) ? answer.Scopes : typeof answer.scope === 'string' ? answer.scope.split(' ') : typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  return {
    profile: context.profile,
    audience: context.audience,
    scopes: listed.filter((s): s is string => typeof s === 'string' && s !== ''),
    ...(context.actorProfile !== undefined ? { actorProfile: context.actorProfile } : {}),
    token,
    issuedAt: context.now,
    expiresAt,
    sessionSignedInAt: context.sessionSignedInAt,
  };
}

/**
 * Whether a derived token must be exchanged again before it is handed out: it has no refresh token, so
 * "due" is the same margin every other token uses (core/usage/refreshDue.ts's rule, in ms here).
 */
export function derivedTokenDue(derived: DerivedToken | undefined, now: number, marginSeconds: number): boolean {
  return derived === undefined || derived.expiresAt - now <= marginSeconds * 1000;
}

/**
 * In memory only (never SecretStorage: a derived token is short-lived and cheap to get again), keyed by profile
 * and audience. One source of truth for the tree, the inspector and `cognitoTokens.accessToken {audience}`.
 */
export class DerivedTokenStore {
  private readonly byProfile = new Map<string, Map<string, DerivedToken>>();
  private readonly listeners: Array<(profile: string) => void> = [];

  put(derived: DerivedToken): void {
    const tokens = this.byProfile.get(derived.profile) ?? new Map<string, DerivedToken>();
    tokens.set(derived.audience, derived);
    this.byProfile.set(derived.profile, tokens);
    this.changed(derived.profile);
  }

  get(profile: string, audience: string): DerivedToken | undefined {
    return this.byProfile.get(profile)?.get(audience);
  }

  list(profile: string): DerivedToken[] {
    return [...(this.byProfile.get(profile)?.values() ?? [])];
  }

  /**
   * What a session change means for the tokens derived from it: a sign-out (no session) or a new sign-in
   * (another signedInAt) drops them; a refresh of the same sign-in keeps them (they were exchanged from it).
   */
  sessionChanged(profile: string, session: { readonly signedInAt: number } | undefined): void {
    const tokens = this.byProfile.get(profile);
    if (!tokens) return;
    for (const [audience, derived] of tokens) {
      if (session === undefined || session.signedInAt !== derived.sessionSignedInAt) tokens.delete(audience);
    }
    if (tokens.size === 0) this.byProfile.delete(profile);
    this.changed(profile);
  }

  onDidChange(listener: (profile: string) => void): { dispose(): void } {
    this.listeners.push(listener);
    return {
      dispose: () => {
        const index = this.listeners.indexOf(listener);
        if (index >= 0) this.listeners.splice(index, 1);
      },
    };
  }

  private changed(profile: string): void {
    for (const listener of [...this.listeners]) listener(profile);
  }
}

/** Why an exchange failed, in words that say what to do; undefined for failures every call shares (network…). */
export function exchangeFailureMessage(type: string, message: string, t: (text: string, ...args: Array<string | number>) => string): string | undefined {
  if (/ALLOW_TOKEN_EXCHANGE_(IMPERSONATION|DELEGATION)/.test(message) || type === 'unauthorized_client') {
    return t('The app client does not allow token exchange. Add ALLOW_TOKEN_EXCHANGE_IMPERSONATION (or ALLOW_TOKEN_EXCHANGE_DELEGATION, to exchange with an acting profile) to its authentication flows, then try again.');
  }
  if (type === 'FeatureUnavailableInTierException') {
    return t('Token exchange needs the Essentials or Plus feature plan; this user pool is on Lite. Change the pool\'s feature plan, then try again.');
  }
  if (type === 'invalid_scope' || /Scopes not held/.test(message)) {
    return t('A token exchange can only narrow the scopes: ask for scopes the session\'s access token already holds.');
  }
  if (type === 'invalid_target' || /one audience/.test(message)) {
    return t('A token exchange is bound to one audience: give one audience or one resource (an absolute URI).');
  }
  return undefined;
}
