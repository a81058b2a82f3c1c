import { parseOAuthDomain, parseRedirectUri } from '../protocol/oauth';
import { parseScopes } from '../protocol/oauthScopes';
import type { AuthFlow } from '../shared/vocabulary';
import { isFirstFactor, type FirstFactor } from '../shared/vocabulary';

/** A profile's fields for managed login, machine to machine and choice-based sign-in. */
export interface OAuthProfileFields {
  /** The managed-login domain's origin (validated: https, or http on loopback). */
  readonly domain?: string;
  readonly scopes?: readonly string[];
  readonly redirectUri?: string;
  readonly identityProvider?: string;
  readonly preferredChallenge?: FirstFactor;
  /** Step-up: the target authentication levels, in order (TARGET_ACR_VALUES / acr_values). */
  readonly acrValues?: readonly string[];
  /** Step-up: the sign-in must be at most this many seconds old (MAX_AGE / max_age). */
  readonly maxAge?: number;
}

const IDP = /^[\w .:@+-]{1,128}$/;
/** An ACR value such as urn:cognito:loa:3 (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-step-up-authentication.html). */
const ACR = /^[\w:./-]{1,128}$/;

/**
 * The new fields from one settings entry, or undefined when they are unusable for its flow. A workspace's
 * `domain` is untrusted like its `endpoint`: only a domain that could be a managed-login one is accepted,
 * and the usual workspace-profile confirmation names it before anything is sent.
 */
export function parseOAuthFields(p: Record<string, unknown>, authFlow: AuthFlow): OAuthProfileFields | undefined {
  const fields: { -readonly [K in keyof OAuthProfileFields]: OAuthProfileFields[K] } = {};
  if (p.domain !== undefined) {
    const domain = typeof p.domain === 'string' ? parseOAuthDomain(p.domain) : 'domainInvalid';
    if (typeof domain === 'string') return undefined;
    fields.domain = domain.origin;
  }
  if (p.scopes !== undefined) {
    if (!Array.isArray(p.scopes)) return undefined;
    const scopes = parseScopes(p.scopes);
    if (scopes.length !== p.scopes.length) return undefined;
    fields.scopes = scopes;
  }
  if (p.redirectUri !== undefined && p.redirectUri !== '') {
    if (typeof p.redirectUri !== 'string' || typeof parseRedirectUri(p.redirectUri) === 'string') return undefined;
    fields.redirectUri = p.redirectUri.trim();
  }
  if (p.identityProvider !== undefined && p.identityProvider !== '') {
    if (typeof p.identityProvider !== 'string' || !IDP.test(p.identityProvider)) return undefined;
    fields.identityProvider = p.identityProvider;
  }
  if (p.preferredChallenge !== undefined) {
    if (!isFirstFactor(p.preferredChallenge)) return undefined;
    fields.preferredChallenge = p.preferredChallenge;
  }
  if (p.acrValues !== undefined) {
    if (!Array.isArray(p.acrValues) || p.acrValues.length > 5 || !p.acrValues.every((v) => typeof v === 'string' && ACR.test(v))) return undefined;
    fields.acrValues = p.acrValues as string[];
  }
  if (p.maxAge !== undefined) {
    if (typeof p.maxAge !== 'number' || !Number.isInteger(p.maxAge) || p.maxAge < 0 || p.maxAge > 31_536_000) return undefined;
    fields.maxAge = p.maxAge;
  }
  // Flows that talk to the domain cannot work without one.
  if ((authFlow === 'MANAGED_LOGIN' || authFlow === 'CLIENT_CREDENTIALS') && fields.domain === undefined) return undefined;
  return fields;
}

/** The profile checks for the new fields, as addProfile's input boxes use them (keys translated by the caller). */
export const oauthFieldChecks = {
  domain: (value: string): string | undefined => {
    const domain = parseOAuthDomain(value);
    return typeof domain === 'string' ? domain : undefined;
  },
  redirectUri: (value: string): string | undefined => {
    if (value.trim() === '') return undefined;
    const target = parseRedirectUri(value);
    return typeof target === 'string' ? target : undefined;
  },
} as const;
