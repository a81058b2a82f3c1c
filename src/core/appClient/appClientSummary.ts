/**
 * The app client and its pool, explained: what DescribeUserPool and DescribeUserPoolClient answer, or, without
 * AWS credentials, what the tokens and the refresh history reveal. Every fact says where it came from.
 *
 * Shapes as AWS documents them (the local pool answers the same shapes, with fields it lacks absent):
 * - DescribeUserPoolClient → UserPoolClient: ExplicitAuthFlows, RefreshTokenRotation {Feature, RetryGracePeriodSeconds},
 *   Access/Id/RefreshTokenValidity + TokenValidityUnits (default units: hours, hours, days), ClientSecret,
 *   EnableTokenRevocation, Read/WriteAttributes, AllowedOAuthFlows(+UserPoolClient), AllowedOAuthScopes,
 *   CallbackURLs, LogoutURLs.
 *   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolClient.html
 *   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
 * - DescribeUserPool → UserPool: UserPoolTier (LITE | ESSENTIALS | PLUS), IssuerConfiguration {Type: ORIGINAL | UPDATED}.
 *   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPool.html
 *   https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html
 * - ListUserPoolClientSecrets → ClientSecrets[] (descriptors only; never the value).
 * The secret's value is never read into a summary: only how many there are.
 */
import type { RotationRecord } from '../sessions/rotationHistory';
import { claimsOf, type StoredSession } from '../sessions/storedSession';
import { numericDate } from '../tokens/expiry';
import { parseCognitoIssuer } from '../tokens/cognitoIssuer';

/** Where a fact came from: the API's answer, what tokens and sign-in answers reveal, or nowhere. */
export type FactSource = 'described' | 'tokens' | 'unknown';

export type Fact<T> = { readonly source: 'described' | 'tokens'; readonly value: T } | { readonly source: 'unknown' };

export type TimeUnit = 'seconds' | 'minutes' | 'hours' | 'days';
export interface Validity {
  readonly amount: number;
  readonly unit: TimeUnit;
  readonly ms: number;
}

/** The app client's settings (what DescribeUserPoolClient and DescribeUserPool answer), secrets reduced to a count. */
export interface DescribedAppClient {
  readonly pool?: { readonly tier?: string; readonly issuerType?: string };
  readonly client?: {
    readonly clientName?: string;
    readonly explicitAuthFlows?: readonly string[];
    readonly rotation?: { readonly feature?: string; readonly graceSeconds?: number };
    readonly accessTokenValidity?: number;
    readonly idTokenValidity?: number;
    readonly refreshTokenValidity?: number;
    readonly units?: { readonly accessToken?: string; readonly idToken?: string; readonly refreshToken?: string };
    readonly secretCount: number;
    readonly tokenRevocation?: boolean;
    readonly readAttributes?: readonly string[];
    readonly writeAttributes?: readonly string[];
    readonly oauthEnabled?: boolean;
    readonly oauthFlows?: readonly string[];
    readonly scopes?: readonly string[];
    readonly callbackUrls?: readonly string[];
    readonly logoutUrls?: readonly string[];
  };
}

export interface AppClientSummary {
  readonly profile: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** Whether DescribeUserPoolClient answered; otherwise why not. */
  readonly readFrom: 'describe' | 'tokens';
  readonly notDescribed?: 'noCredentials' | 'failed' | 'notConfirmed';
  readonly clientName: Fact<string>;
  readonly featurePlan: Fact<'LITE' | 'ESSENTIALS' | 'PLUS' | 'ESSENTIALS_OR_PLUS'>;
  readonly issuerType: Fact<'ORIGINAL' | 'UPDATED'>;
  readonly authFlows: Fact<readonly string[]>;
  readonly rotation: Fact<boolean>;
  readonly graceSeconds: Fact<number>;
  readonly idTokenValidity: Fact<Validity>;
  readonly accessTokenValidity: Fact<Validity>;
  readonly refreshTokenValidity: Fact<Validity>;
  /** How many client secrets the app client has; never a value. */
  readonly secretCount: Fact<number>;
  readonly tokenRevocation: Fact<boolean>;
  readonly readAttributes: Fact<readonly string[]>;
  readonly writeAttributes: Fact<readonly string[]>;
  readonly oauthFlows: Fact<readonly string[]>;
  readonly scopes: Fact<readonly string[]>;
  readonly callbackUrls: Fact<readonly string[]>;
  readonly logoutUrls: Fact<readonly string[]>;
  readonly tokenExchangeFlows: Fact<readonly string[]>;
}

const UNIT_MS: Record<TimeUnit, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
const UNKNOWN = { source: 'unknown' } as const;

const described = <T>(value: T | undefined): Fact<T> => (value === undefined ? UNKNOWN : { source: 'described', value });
const fromTokens = <T>(value: T | undefined): Fact<T> => (value === undefined ? UNKNOWN : { source: 'tokens', value });
/** The described fact when there is one, else what the tokens say. */
const either = <T>(a: Fact<T>, b: Fact<T>): Fact<T> => (a.source !== 'unknown' ? a : b);

function unitOf(value: string | undefined, fallback: TimeUnit): TimeUnit {
  return value === 'seconds' || value === 'minutes' || value === 'hours' || value === 'days' ? value : fallback;
}

/** A validity with its unit; AWS's default units are hours for ID/access tokens and days for refresh tokens. */
export function validity(amount: number | undefined, unit: string | undefined, fallback: TimeUnit): Validity | undefined {
  if (amount === undefined || !Number.isFinite(amount) || amount <= 0) return undefined;
  const u = unitOf(unit, fallback);
  return { amount, unit: u, ms: amount * UNIT_MS[u] };
}

/** A token's lifetime read from its own claims (exp - iat), in minutes when whole. */
function lifetimeOf(token: string | undefined): Validity | undefined {
  if (token === undefined) return undefined;
  const claims = claimsOf(token);
  const exp = numericDate(claims.exp);
  const iat = numericDate(claims.iat);
  if (exp === undefined || iat === undefined || exp <= iat) return undefined;
  const seconds = exp - iat;
  return seconds % 60 === 0 ? { amount: seconds / 60, unit: 'minutes', ms: seconds * 1000 } : { amount: seconds, unit: 'seconds', ms: seconds * 1000 };
}

/** ORIGINAL or UPDATED, from a token's `iss` (one parser: cognitoIssuer.ts); a local pool's issuer says neither. */
export function issuerTypeOf(iss: unknown): 'ORIGINAL' | 'UPDATED' | undefined {
  const format = parseCognitoIssuer(iss)?.format;
  return format === 'original' ? 'ORIGINAL' : format === 'updated' ? 'UPDATED' : undefined;
}

/** Standard and custom attribute claims an ID token carries: the client may read at least these. */
const NOT_ATTRIBUTES = new Set(['sub', 'aud', 'iss', 'exp', 'iat', 'auth_time', 'token_use', 'jti', 'origin_jti', 'event_id', 'at_hash', 'nonce', 'cognito:username', 'cognito:groups', 'cognito:roles', 'cognito:preferred_role', 'identities', 'nbf', 'acr', 'amr', 'act']);

const strings = (value: readonly string[] | undefined): readonly string[] | undefined => (value === undefined ? undefined : [...value]);

export interface SummaryInput {
  readonly profile: { readonly name: string; readonly userPoolId: string; readonly clientId: string; readonly authFlow?: string; readonly redirectUri?: string };
  readonly described?: DescribedAppClient;
  readonly notDescribed?: AppClientSummary['notDescribed'];
  readonly session?: StoredSession;
  readonly records?: readonly RotationRecord[];
  /** The profile holds a client secret in secret storage (its value is not given here). */
  readonly profileHasSecret?: boolean;
}

/** One summary from whatever is known: the described settings first, then what tokens and refreshes showed. */
export function summarizeAppClient(input: SummaryInput): AppClientSummary {
  const pool = input.described?.pool;
  const client = input.described?.client;
  const session = input.session;
  const records = input.records ?? [];
  const idClaims = session?.tokens.id ? claimsOf(session.tokens.id) : {};
  const accessClaims = session ? claimsOf(session.tokens.access) : {};
  const flows = client?.explicitAuthFlows;

  // What refreshes revealed: a rotated refresh token means rotation is on; REFRESH_TOKEN_AUTH answering means it is allowed.
  const rotated = records.some((r) => r.rotated && (r.method === 'rotation' || r.method === 'tokenEndpoint'));
  const notRotated = records.some((r) => !r.rotated && r.method === 'rotation');
  const classicWorked = records.some((r) => r.method === 'classic');
  const tokenRotation = rotated ? true : notRotated ? false : undefined;
  const tokenFlows: string[] = [];
  if (session && session.authFlow !== 'MANAGED_LOGIN' && session.authFlow !== 'CLIENT_CREDENTIALS') tokenFlows.push(`ALLOW_${session.authFlow}`);
  if (classicWorked) tokenFlows.push('ALLOW_REFRESH_TOKEN_AUTH');
  const usesUserAuth = session?.authFlow === 'USER_AUTH';
  const tier = pool?.tier === 'LITE' || pool?.tier === 'ESSENTIALS' || pool?.tier === 'PLUS' ? pool.tier : undefined;
  const issuer = pool?.issuerType === 'ORIGINAL' || pool?.issuerType === 'UPDATED' ? pool.issuerType : undefined;
  const scope = typeof accessClaims.scope === 'string' ? accessClaims.scope.split(' ').filter((s) => s !== '') : undefined;
  const readSeen = session?.tokens.id ? Object.keys(idClaims).filter((name) => !NOT_ATTRIBUTES.has(name)).sort() : undefined;
  const grace = client?.rotation?.graceSeconds;

  return {
    profile: input.profile.name,
    userPoolId: input.profile.userPoolId,
    clientId: input.profile.clientId,
    readFrom: client ? 'describe' : 'tokens',
    ...(client ? {} : { notDescribed: input.notDescribed ?? 'noCredentials' }),
    clientName: described(client?.clientName),
    // Rotation and USER_AUTH work only on Essentials or Plus (cognito-sign-in-feature-plans.html): seeing either rules out Lite.
    featurePlan: either(described(tier), fromTokens(tokenRotation === true || usesUserAuth ? ('ESSENTIALS_OR_PLUS' as const) : undefined)),
    issuerType: either(described(issuer), fromTokens(issuerTypeOf(accessClaims.iss ?? idClaims.iss))),
    authFlows: either(described(strings(flows)), fromTokens(tokenFlows.length > 0 ? tokenFlows : undefined)),
    rotation: either(described(client ? client.rotation?.feature === 'ENABLED' : undefined), fromTokens(tokenRotation)),
    graceSeconds: described(client?.rotation?.feature === 'ENABLED' ? (grace ?? 0) : undefined),
    idTokenValidity: either(described(client && validity(client.idTokenValidity ?? 60, client.idTokenValidity === undefined ? 'minutes' : client.units?.idToken, 'hours')), fromTokens(lifetimeOf(session?.tokens.id))),
    accessTokenValidity: either(described(client && validity(client.accessTokenValidity ?? 60, client.accessTokenValidity === undefined ? 'minutes' : client.units?.accessToken, 'hours')), fromTokens(lifetimeOf(session?.tokens.access))),
    refreshTokenValidity: either(described(client && validity(client.refreshTokenValidity ?? 30, client.refreshTokenValidity === undefined ? 'days' : client.units?.refreshToken, 'days')), fromTokens(session?.refreshValidityMs !== undefined ? { amount: session.refreshValidityMs / 1000, unit: 'seconds', ms: session.refreshValidityMs } : undefined)),
    secretCount: described(client?.secretCount),
    // origin_jti is present only with token revocation on (DG token-revocation.html).
    tokenRevocation: either(described(client?.tokenRevocation), fromTokens(session ? typeof accessClaims.origin_jti === 'string' : undefined)),
    readAttributes: either(described(strings(client?.readAttributes)), fromTokens(readSeen)),
    writeAttributes: described(strings(client?.writeAttributes)),
    oauthFlows: either(described(client ? (client.oauthEnabled ? (strings(client.oauthFlows) ?? []) : []) : undefined), fromTokens(session?.authFlow === 'MANAGED_LOGIN' ? ['code'] : session?.authFlow === 'CLIENT_CREDENTIALS' ? ['client_credentials'] : undefined)),
    scopes: either(described(strings(client?.scopes)), fromTokens(scope)),
    callbackUrls: either(described(strings(client?.callbackUrls)), fromTokens(session?.authFlow === 'MANAGED_LOGIN' && input.profile.redirectUri ? [input.profile.redirectUri] : undefined)),
    logoutUrls: described(strings(client?.logoutUrls)),
    tokenExchangeFlows: described(flows ? flows.filter((f) => f.startsWith('ALLOW_TOKEN_EXCHANGE_')) : undefined),
  };
}

/** Reads an untrusted API answer (any endpoint's JSON) into the described shape; the secret becomes a count. */
export function describedFromApi(pool: unknown, client: unknown, listedSecrets: number | undefined): DescribedAppClient {
  const p = record(pool);
  const c = record(client);
  const rotation = record(c.RefreshTokenRotation);
  const units = record(c.TokenValidityUnits);
  return {
    pool: pool === undefined ? undefined : { tier: str(p.UserPoolTier), issuerType: str(record(p.IssuerConfiguration).Type) },
    client:
      client === undefined
        ? undefined
        : {
            clientName: str(c.ClientName),
            explicitAuthFlows: list(c.ExplicitAuthFlows),
            rotation: c.RefreshTokenRotation === undefined ? undefined : { feature: str(rotation.Feature), graceSeconds: num(rotation.RetryGracePeriodSeconds) },
            accessTokenValidity: num(c.AccessTokenValidity),
            idTokenValidity: num(c.IdTokenValidity),
            refreshTokenValidity: num(c.RefreshTokenValidity),
            units: { accessToken: str(units.AccessToken), idToken: str(units.IdToken), refreshToken: str(units.RefreshToken) },
            // ListUserPoolClientSecrets counts up to two; where it is not answered, DescribeUserPoolClient's ClientSecret says one or none.
            secretCount: listedSecrets ?? (typeof c.ClientSecret === 'string' && c.ClientSecret !== '' ? 1 : 0),
            tokenRevocation: typeof c.EnableTokenRevocation === 'boolean' ? c.EnableTokenRevocation : undefined,
            readAttributes: list(c.ReadAttributes),
            writeAttributes: list(c.WriteAttributes),
            oauthEnabled: c.AllowedOAuthFlowsUserPoolClient === true,
            oauthFlows: list(c.AllowedOAuthFlows),
            scopes: list(c.AllowedOAuthScopes),
            callbackUrls: list(c.CallbackURLs),
            logoutUrls: list(c.LogoutURLs),
          },
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 2048 ? value : undefined;
}
function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
function list(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 200) : undefined;
}
