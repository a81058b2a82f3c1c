import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../shared/clock';
import { decodeToken } from './jwt';
import type { Translate } from '../shared/l10n';
import { fetchJwks, JwksFetchError, type JwksFetchLimits } from './jwksFetch';
import { issuerIsUsersPool, issuerMatchesPool, keySourceFor, type KeySourceKind, type KeyTrust, type RefusalReason } from './keySource';

/**
 * Verifies a Cognito (or any JWKS-publishing issuer's) token: signature, issuer, time window and the
 * audience claim that fits `token_use`. Keys come only from places `keySourceFor` trusts (AWS, a signed-in
 * profile's own endpoint, an issuer the user confirmed), through `fetchJwks`'s limits. Only called when the
 * user asks, or when a stored token is opened (against its own profile's pool): it is the one place in the
 * decode path that touches the network.
 */
/**
 * `notYourPool`: the signature, issuer and expiry are valid, but the issuer is not one of the user's
 * profiles' pools, so nothing ties the claims to the user's app (anyone can sign any claims in their own
 * pool) and the audience was not compared. Never to be shown as verified.
 */
export type VerifyStatus = 'verified' | 'notYourPool' | 'failed' | 'notChecked';

export interface VerifyCheck {
  readonly name: 'signature' | 'issuer' | 'profilePool' | 'expiry' | 'audience' | 'tokenUse';
  /** False when the check failed or was not made (`notChecked`). */
  readonly ok: boolean;
  /** The check was not made (the audience of a token from a pool that is not the user's). */
  readonly notChecked?: true;
  readonly detail: string;
}

export interface VerifyResult {
  readonly status: VerifyStatus;
  /** One sentence: what happened and, on failure, what to do. */
  readonly reason: string;
  readonly checks: readonly VerifyCheck[];
  readonly jwksUrl?: string;
  /** Where the keys came from: AWS Cognito, the profile's own endpoint, or an issuer the user confirmed. */
  readonly keySource?: KeySourceKind;
  /** Whether `iss` is the profile's user pool; undefined when no profile was given (a pasted token). */
  readonly issuerMatchesProfile?: boolean;
  /** Keys would come from this issuer once the user confirms it (printable ASCII, exactly the token's `iss`). */
  readonly confirmIssuer?: string;
}

export interface VerifyOptions {
  readonly clock: Clock;
  readonly skewSeconds: number;
  readonly t: Translate;
  /** When known (stored tokens): the app client the token must be for. */
  readonly expectedClientId?: string;
  /** Which places may serve keys; with `ownPool`, only that pool. */
  readonly trust: KeyTrust;
  /** Tests inject small limits and their own fetch; the defaults are 1 MB and 10 s. */
  readonly limits?: JwksFetchLimits;
}

interface CachedKeys {
  readonly keys: JWTVerifyGetKey;
  readonly fetchedAt: number;
}

/** Key sets by URL: a verification a minute later does not fetch again, an unknown kid does (keys rotate). */
const keyCache = new Map<string, CachedKeys>();
const KEY_CACHE_MS = 10 * 60_000;
const KEY_CACHE_ENTRIES = 20;

/** Tests start from an empty cache. */
export function forgetCachedKeys(): void {
  keyCache.clear();
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
  const issuerMatchesProfile = issuerMatchesPool(iss, options.trust.ownPool);
  if (typeof iss !== 'string') {
    return { status: 'notChecked', reason: t('Not checked: the token has no iss claim, so there is no issuer to fetch keys from.'), checks: [], issuerMatchesProfile };
  }
  const source = keySourceFor(iss, options.trust);
  if (source.kind === 'confirm') {
    return {
      status: 'notChecked',
      reason: t('Not checked: {0} is neither an AWS Cognito issuer nor a signed-in profile\'s user pool. Its keys are fetched only after you trust this issuer in the inspector.', source.issuer),
      checks: [],
      issuerMatchesProfile,
      confirmIssuer: source.issuer,
    };
  }
  if (source.kind === 'refuse') {
    return { status: 'notChecked', reason: refusalReason(source.reason, iss, t), checks: [], issuerMatchesProfile };
  }
  const { jwksUrl } = source;
  const base = { jwksUrl, keySource: source.via, issuerMatchesProfile };
  const checks: VerifyCheck[] = [];
  try {
    await verifyWithKeys(token, iss, jwksUrl, options);
  } catch (error) {
    return { status: 'failed', reason: explainVerifyError(error, jwksUrl, t), checks, ...base };
  }
  checks.push(
    { name: 'signature', ok: true, detail: t('Signed by key {0} from the issuer\'s JWKS.', typeof decoded.header.kid === 'string' ? decoded.header.kid : '?') },
    { name: 'issuer', ok: true, detail: iss },
  );
  if (issuerMatchesProfile === true) {
    checks.push({ name: 'profilePool', ok: true, detail: t('The issuer is the profile\'s own user pool.') });
  }
  checks.push({ name: 'expiry', ok: true, detail: t('Within its validity window (clock skew allowed: {0} s).', options.skewSeconds) });
  if (!issuerIsUsersPool(iss, options.trust)) {
    checks.push({ name: 'audience', ok: false, notChecked: true, detail: t('Not checked: no app client of yours belongs to this issuer, so there is nothing to compare with.') });
    return {
      status: 'notYourPool',
      reason: t('Signature valid, issued by {0}, which is not one of your profiles\' user pools. Anyone can sign any claims in their own pool: do not trust these claims as your app\'s users.', iss),
      checks,
      ...base,
    };
  }
  const audience = audienceCheck(decoded.payload, options);
  checks.push(audience);
  if (!audience.ok) {
    return { status: 'failed', reason: audience.detail, checks, ...base };
  }
  return {
    status: 'verified',
    reason: t('Verified: signature, issuer, expiry and audience are valid. Revocation can only be checked by Cognito.'),
    checks,
    ...base,
  };
}

/** Verifies with cached keys; an unknown kid in a set older than 30 s fetches the set once more. */
async function verifyWithKeys(token: string, iss: string, jwksUrl: string, options: VerifyOptions): Promise<void> {
  const now = options.clock.now();
  const verify = (keys: JWTVerifyGetKey) =>
    jwtVerify(token, keys, { issuer: iss, clockTolerance: options.skewSeconds, currentDate: new Date(now) });
  const cached = keyCache.get(jwksUrl);
  if (cached && now - cached.fetchedAt < KEY_CACHE_MS && now >= cached.fetchedAt) {
    try {
      await verify(cached.keys);
      return;
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || now - cached.fetchedAt < 30_000) {
        throw error;
      }
    }
  }
  const keys = createLocalJWKSet((await fetchJwks(jwksUrl, options.limits)) as JSONWebKeySet);
  keyCache.delete(jwksUrl);
  keyCache.set(jwksUrl, { keys, fetchedAt: now });
  if (keyCache.size > KEY_CACHE_ENTRIES) {
    keyCache.delete(keyCache.keys().next().value as string);
  }
  await verify(keys);
}

function refusalReason(reason: RefusalReason, iss: string, t: Translate): string {
  switch (reason) {
    case 'plainHttp':
      return t('Not checked: keys are fetched only over https (or http to this machine), and the issuer is {0}.', iss);
    case 'notAnIssuer':
      return t('Not checked: the iss claim carries a query, fragment or user name, so it is not an issuer URL. No keys are fetched from it.');
    case 'notOwnPool':
      return t('Not checked: the token\'s issuer is not its profile\'s user pool, so no keys are fetched for it. Sign in to the profile again.');
    case 'badEndpoint':
      return t('Not checked: the profile\'s endpoint is neither https nor http to this machine, so no keys are fetched from it. Fix the endpoint in cognitoTokens.profiles.');
    case 'malformed':
      return t('Not checked: the iss claim is not an issuer URL that keys can be fetched from.');
  }
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

function explainVerifyError(error: unknown, url: string, t: Translate): string {
  if (error instanceof JwksFetchError) {
    return explainFetchError(error, url, t);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return t('Failed: the signature does not match the issuer\'s key. The token was altered or signed by someone else.');
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return t('Failed: no key in {0} matches the token\'s kid. The token may come from another user pool, or the keys were rotated.', url);
  }
  if (error instanceof errors.JWTExpired) {
    return t('Failed: the token has expired. Sign in again or refresh it (clock skew setting: cognitoTokens.clockSkewSeconds).');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return t('Failed: the {0} claim is not valid ({1}).', error.claim, error.reason);
  }
  if (error instanceof errors.JWKSInvalid || error instanceof errors.JWKSMultipleMatchingKeys) {
    return t('Could not check: {0} did not return a usable key set.', url);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return t('Failed: the token\'s algorithm is not accepted for this key.');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return t('Failed: the token is malformed ({0}).', error.message);
  }
  if (error instanceof errors.JOSEError) {
    return t('Could not check: {0} answered in a way that is not a key set ({1}). Check the issuer URL.', url, error.code);
  }
  return t('Could not check: {0} could not be reached. Check your network or proxy, then try again.', url);
}

function explainFetchError(error: JwksFetchError, url: string, t: Translate): string {
  switch (error.failure) {
    case 'timeout':
      return t('Could not check: fetching {0} timed out. Check your network or proxy, then try again.', url);
    case 'tooLarge':
      return t('Could not check: {0} sent more than 1 MB, which is not a key set. The download was stopped.', url);
    case 'redirect':
      return t('Could not check: {0} answered with a redirect, which is not followed. Keys are fetched only from the issuer itself.', url);
    case 'httpStatus':
      return t('Could not check: {0} answered HTTP {1}. Check the issuer URL.', url, error.status ?? '?');
    case 'notJson':
      return t('Could not check: {0} did not return a usable key set.', url);
    case 'unreachable':
      return t('Could not check: {0} could not be reached. Check your network or proxy, then try again.', url);
  }
}
