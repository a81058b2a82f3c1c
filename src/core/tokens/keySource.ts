/**
 * Where verification may fetch a token's keys from. A token's `iss` is untrusted input: it only ever
 * selects among places we already trust, and every URL we fetch is built from validated parts, never
 * copied from the token. Trusted places:
 * - AWS Cognito: `https://cognito-idp.{region}.amazonaws.com/{pool}` and
 *   `https://issuer-cognito-idp.{region}.amazonaws.com/{pool}` (ORIGINAL and UPDATED issuers, API_IssuerConfigurationType.html),
 *   region and pool id matched by strict patterns;
 * - a signed-in profile's own endpoint, for that profile's own pool (local pools: `http://127.0.0.1:PORT/{pool}`);
 * - an issuer the user confirmed once in the inspector (https, or http to this machine; no query or fragment).
 * A stored token is checked against its own profile's pool only.
 */
import { isLoopbackHost } from '../shared/loopback';

/** A profile's user pool, as far as key fetching cares. */
export interface PoolRef {
  readonly region: string;
  readonly userPoolId: string;
  /** Non-AWS endpoint (local pool, cognito-local, LocalStack), without a trailing slash. */
  readonly endpoint?: string;
}

export interface KeyTrust {
  /** Pools of signed-in profiles: their own endpoints may serve their own pool's keys. */
  readonly signedInPools: readonly PoolRef[];
  /** Issuer strings the user confirmed in the inspector, exactly as the token had them. */
  readonly confirmedIssuers: readonly string[];
  /** A stored token's own profile: keys come from this pool only, and the result says whether `iss` is it. */
  readonly ownPool?: PoolRef;
  /**
   * Pools of the user's own profiles (from the user's settings) besides the signed-in ones. A token from
   * any pool that is neither these nor a signed-in one is not "verified" even with a valid signature:
   * anyone can run a Cognito pool and sign any claims, and no app client of the user's was compared.
   */
  readonly profilePools?: readonly PoolRef[];
}

export type KeySourceKind = 'aws' | 'profile' | 'confirmed';

export type RefusalReason =
  /** `iss` is missing, not a string, too long, or not a URL in canonical form. */
  | 'malformed'
  /** `iss` carries a query, fragment or credentials: a URL a token chose, not an issuer. */
  | 'notAnIssuer'
  /** Plain http to another machine. */
  | 'plainHttp'
  /** A stored token whose `iss` is not its own profile's pool. */
  | 'notOwnPool'
  /** The profile's endpoint cannot serve keys safely (http to another machine, a query…). */
  | 'badEndpoint';

export type KeySource =
  | { readonly kind: 'fetch'; readonly via: KeySourceKind; readonly jwksUrl: string }
  /** Fetched only after the user confirms this exact issuer. */
  | { readonly kind: 'confirm'; readonly issuer: string }
  | { readonly kind: 'refuse'; readonly reason: RefusalReason };

const REGION = '[a-z]{2}(?:-[a-z]+){1,3}-\\d{1,2}';
const POOL_ID = `${REGION}_[0-9A-Za-z]{1,48}`;
const REGION_RE = new RegExp(`^${REGION}$`);
const AWS_ISSUER = new RegExp(`^https://(issuer-)?cognito-idp\\.(${REGION})\\.amazonaws\\.com/(${POOL_ID})$`);
// Pool ids of local emulators: AWS-shaped, or cognito-local's `local_…`.
const ANY_POOL_ID = new RegExp(`^(?:${REGION}|local)_[0-9A-Za-z]{1,48}$`);
const MAX_ISSUER_LENGTH = 512;

/** Built from region and pool id alone: nothing of the token's text reaches the URL. */
export function awsIssuers(region: string, userPoolId: string): string[] {
  if (!REGION_RE.test(region) || !ANY_POOL_ID.test(userPoolId)) {
    return [];
  }
  return [`https://cognito-idp.${region}.amazonaws.com/${userPoolId}`, `https://issuer-cognito-idp.${region}.amazonaws.com/${userPoolId}`];
}


/** A profile endpoint's origin and path, when keys may be fetched from it: https, or http to this machine. */
function endpointBase(endpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!secure || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '' || /[?#]/.test(endpoint)) {
    return undefined;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The issuers a pool's tokens may carry: AWS's two formats, and `{endpoint}/{pool}` for a custom endpoint. */
export function poolIssuers(pool: PoolRef): string[] {
  const issuers = awsIssuers(pool.region, pool.userPoolId);
  if (pool.endpoint !== undefined && ANY_POOL_ID.test(pool.userPoolId)) {
    const base = endpointBase(pool.endpoint);
    if (base !== undefined) {
      issuers.push(`${base}/${pool.userPoolId}`);
    }
  }
  return issuers;
}

/** Whether `iss` is the issuer of one of the user's pools: the named profile's, else a signed-in or configured one. */
export function issuerIsUsersPool(iss: unknown, trust: KeyTrust): boolean {
  const pools = trust.ownPool !== undefined ? [trust.ownPool] : [...trust.signedInPools, ...(trust.profilePools ?? [])];
  return pools.some((pool) => issuerMatchesPool(iss, pool) === true);
}

/** Whether `iss` is the pool's own issuer; undefined when there is no pool to compare with. */
export function issuerMatchesPool(iss: unknown, pool: PoolRef | undefined): boolean | undefined {
  if (pool === undefined) {
    return undefined;
  }
  return typeof iss === 'string' && poolIssuers(pool).includes(iss);
}

/** The JWKS URL for a pool's issuer, rebuilt from the pool's own fields. */
function poolJwksUrl(iss: string, pool: PoolRef): KeySource | undefined {
  const [original, updated] = awsIssuers(pool.region, pool.userPoolId);
  if (iss === original || iss === updated) {
    return { kind: 'fetch', via: 'aws', jwksUrl: `${iss === original ? original : updated}/.well-known/jwks.json` };
  }
  if (pool.endpoint === undefined || !ANY_POOL_ID.test(pool.userPoolId)) {
    return undefined;
  }
  const base = endpointBase(pool.endpoint);
  if (base === undefined) {
    return `${pool.endpoint.replace(/\/+$/, '')}/${pool.userPoolId}` === iss ? { kind: 'refuse', reason: 'badEndpoint' } : undefined;
  }
  return iss === `${base}/${pool.userPoolId}` ? { kind: 'fetch', via: 'profile', jwksUrl: `${base}/${pool.userPoolId}/.well-known/jwks.json` } : undefined;
}

/**
 * An issuer the user may be asked to confirm: printable ASCII, https or http to this machine, and exactly
 * its canonical URL form (so what the user reads is what would be fetched), with no query, fragment or
 * credentials. Returns undefined, or why not.
 */
function confirmableIssuer(iss: string): RefusalReason | undefined {
  if (!/^[\x21-\x7e]+$/.test(iss)) {
    return 'malformed';
  }
  let url: URL;
  try {
    url = new URL(iss);
  } catch {
    return 'malformed';
  }
  if (/[?#@]/.test(iss) || url.username !== '' || url.password !== '') {
    return 'notAnIssuer';
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return 'plainHttp';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'malformed';
  }
  if (url.href !== iss && url.href !== `${iss}/`) {
    return 'malformed';
  }
  return undefined;
}

/** The decision: where (if anywhere) the keys for a token with this `iss` may be fetched. */
export function keySourceFor(iss: unknown, trust: KeyTrust): KeySource {
  if (typeof iss !== 'string' || iss.length === 0 || iss.length > MAX_ISSUER_LENGTH) {
    return { kind: 'refuse', reason: 'malformed' };
  }
  if (trust.ownPool !== undefined) {
    return poolJwksUrl(iss, trust.ownPool) ?? { kind: 'refuse', reason: 'notOwnPool' };
  }
  const aws = AWS_ISSUER.exec(iss);
  if (aws) {
    const [, updated, region, pool] = aws;
    const issuer = awsIssuers(region, pool)[updated ? 1 : 0];
    return { kind: 'fetch', via: 'aws', jwksUrl: `${issuer}/.well-known/jwks.json` };
  }
  for (const pool of trust.signedInPools) {
    const source = poolJwksUrl(iss, pool);
    if (source?.kind === 'fetch') {
      return source;
    }
  }
  const refusal = confirmableIssuer(iss);
  if (refusal !== undefined) {
    return { kind: 'refuse', reason: refusal };
  }
  if (trust.confirmedIssuers.includes(iss)) {
    return { kind: 'fetch', via: 'confirmed', jwksUrl: `${iss.replace(/\/+$/, '')}/.well-known/jwks.json` };
  }
  return { kind: 'confirm', issuer: iss };
}

/** At most this many confirmed issuers are remembered; the oldest is forgotten first. */
export const MAX_CONFIRMED_ISSUERS = 50;

export function withConfirmedIssuer(confirmed: readonly string[], issuer: string): string[] {
  return [...confirmed.filter((known) => known !== issuer), issuer].slice(-MAX_CONFIRMED_ISSUERS);
}

/** Where the extension keeps the issuers the user trusted (VS Code's globalState): public URLs, not secrets. */
export const CONFIRMED_ISSUERS_KEY = 'cognitoTokens.confirmedIssuers';

/** The part of a Memento the confirmed issuers need. */
export interface ConfirmedIssuerStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** Forgets every trusted issuer; resolves to how many were trusted (well-formed entries), never what they were. */
export async function forgetConfirmedIssuers(store: ConfirmedIssuerStore): Promise<number> {
  const forgotten = parseConfirmedIssuers(store.get(CONFIRMED_ISSUERS_KEY)).length;
  await store.update(CONFIRMED_ISSUERS_KEY, undefined);
  return forgotten;
}

/** Stored confirmations are untrusted too (another version, a hand edit): keep only well-formed strings. */
export function parseConfirmedIssuers(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((entry): entry is string => typeof entry === 'string' && entry.length <= MAX_ISSUER_LENGTH && confirmableIssuer(entry) === undefined).slice(-MAX_CONFIRMED_ISSUERS)
    : [];
}
