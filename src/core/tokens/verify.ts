import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../shared/clock';
import { decodeToken } from './jwt';
import type { Translate } from '../shared/l10n';

/**
 * Verifies a Cognito (or any JWKS-publishing issuer's) token: signature against `{iss}/.well-known/jwks.json`,
 * issuer, time window and the audience claim that fits `token_use`. Only called when the user asks:
 * it is the one place in the decode path that touches the network.
 */
export type VerifyStatus = 'verified' | 'failed' | 'notChecked';

export interface VerifyCheck {
  readonly name: 'signature' | 'issuer' | 'expiry' | 'audience' | 'tokenUse';
  readonly ok: boolean;
  readonly detail: string;
}

export interface VerifyResult {
  readonly status: VerifyStatus;
  /** One sentence: what happened and, on failure, what to do. */
  readonly reason: string;
  readonly checks: readonly VerifyCheck[];
  readonly jwksUrl?: string;
}

export interface VerifyOptions {
  readonly clock: Clock;
  readonly skewSeconds: number;
  readonly t: Translate;
  /** When known (stored tokens): the app client the token must be for. */
  readonly expectedClientId?: string;
  /** Overrides the key source (tests); by default keys are fetched from the issuer. */
  readonly keys?: JWTVerifyGetKey;
  readonly timeoutMs?: number;
}

const keySets = new Map<string, JWTVerifyGetKey>();

/** https, or http to this machine only (local user pools); anything else is not fetched. */
export function jwksUrlFor(issuer: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(`${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`);
  } catch {
    return undefined;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopback) ? url : undefined;
}

export async function verifyToken(token: string, options: VerifyOptions): Promise<VerifyResult> {
  const { t } = options;
  const decoded = decodeToken(token);
  if (decoded.kind === 'invalid') {
    return { status: 'notChecked', reason: t('Not checked: the token cannot be decoded.'), checks: [] };
  }
  if (decoded.kind === 'jwe') {
    return { status: 'notChecked', reason: t('Not checked: an encrypted token (JWE) can only be checked by its issuer.'), checks: [] };
  }
  const iss = decoded.payload.iss;
  if (typeof iss !== 'string') {
    return { status: 'notChecked', reason: t('Not checked: the token has no iss claim, so there is no issuer to fetch keys from.'), checks: [] };
  }
  const url = jwksUrlFor(iss);
  if (!url) {
    return {
      status: 'notChecked',
      reason: t('Not checked: keys are fetched only over https (or http to this machine), and the issuer is {0}.', iss),
      checks: [],
    };
  }
  const keys = options.keys ?? keySetFor(url, options.timeoutMs ?? 8000);
  const checks: VerifyCheck[] = [];
  try {
    await jwtVerify(token, keys, {
      issuer: iss,
      clockTolerance: options.skewSeconds,
      currentDate: new Date(options.clock.now()),
    });
  } catch (error) {
    return { status: 'failed', reason: explainVerifyError(error, url, t), checks, jwksUrl: url.href };
  }
  checks.push(
    { name: 'signature', ok: true, detail: t('Signed by key {0} from the issuer\'s JWKS.', typeof decoded.header.kid === 'string' ? decoded.header.kid : '?') },
    { name: 'issuer', ok: true, detail: iss },
    { name: 'expiry', ok: true, detail: t('Within its validity window (clock skew allowed: {0} s).', options.skewSeconds) },
  );
  const audience = audienceCheck(decoded.payload, options);
  checks.push(audience);
  if (!audience.ok) {
    return { status: 'failed', reason: audience.detail, checks, jwksUrl: url.href };
  }
  return {
    status: 'verified',
    reason: t('Verified: signature, issuer, expiry and audience are valid. Revocation can only be checked by Cognito.'),
    checks,
    jwksUrl: url.href,
  };
}

function keySetFor(url: URL, timeoutMs: number): JWTVerifyGetKey {
  let keys = keySets.get(url.href);
  if (!keys) {
    keys = createRemoteJWKSet(url, { timeoutDuration: timeoutMs, cooldownDuration: 30_000 });
    keySets.set(url.href, keys);
  }
  return keys;
}

function audienceCheck(payload: Record<string, unknown>, options: VerifyOptions): VerifyCheck {
  const { t } = options;
  const tokenUse = payload.token_use;
  const claim = tokenUse === 'access' ? 'client_id' : 'aud';
  const raw = payload[claim];
  const values = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : typeof raw === 'string' ? [raw] : [];
  if (values.length === 0) {
    return {
      name: 'audience',
      ok: tokenUse === undefined,
      detail:
        tokenUse === undefined
          ? t('No audience to check (no token_use, not a Cognito token).')
          : t('The {0} token has no {1} claim; Cognito always sets it.', typeof tokenUse === 'string' ? tokenUse : '?', claim),
    };
  }
  if (options.expectedClientId === undefined) {
    return { name: 'audience', ok: true, detail: t('{0} = {1} (no app client configured to compare with).', claim, values.join(', ')) };
  }
  return values.includes(options.expectedClientId)
    ? { name: 'audience', ok: true, detail: t('{0} matches app client {1}.', claim, options.expectedClientId) }
    : { name: 'audience', ok: false, detail: t('Failed: {0} is {1}, but the app client is {2}. The token was issued to another app client.', claim, values.join(', '), options.expectedClientId) };
}

function explainVerifyError(error: unknown, url: URL, t: Translate): string {
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return t('Failed: the signature does not match the issuer\'s key. The token was altered or signed by someone else.');
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return t('Failed: no key in {0} matches the token\'s kid. The token may come from another user pool, or the keys were rotated.', url.href);
  }
  if (error instanceof errors.JWTExpired) {
    return t('Failed: the token has expired. Sign in again or refresh it (clock skew setting: cognitoTokens.clockSkewSeconds).');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return t('Failed: the {0} claim is not valid ({1}).', error.claim, error.reason);
  }
  if (error instanceof errors.JWKSTimeout) {
    return t('Could not check: fetching {0} timed out. Check your network or proxy, then try again.', url.href);
  }
  if (error instanceof errors.JWKSInvalid || error instanceof errors.JWKSMultipleMatchingKeys) {
    return t('Could not check: {0} did not return a usable key set.', url.href);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return t('Failed: the token\'s algorithm is not accepted for this key.');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return t('Failed: the token is malformed ({0}).', error.message);
  }
  if (error instanceof errors.JOSEError) {
    return t('Could not check: {0} answered in a way that is not a key set ({1}). Check the issuer URL.', url.href, error.code);
  }
  return t('Could not check: {0} could not be reached. Check your network or proxy, then try again.', url.href);
}
