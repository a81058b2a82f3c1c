/**
 * Recognises Amazon Cognito user pool tokens from their claims. A pool's IssuerConfiguration.Type picks one of
 * two documented formats (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html):
 * ORIGINAL `https://cognito-idp.{region}.amazonaws.com/{poolId}`, and UPDATED
 * `https://issuer-cognito-idp.{region}.amazonaws.com/{poolId}` (a hyphen; {region} is the pool's primary
 * Region; recommended for every pool, required for multi-Region replication; one key set served in every
 * Region). Local emulators (cognito-local, our local pool) issue `http://host:port/{poolId}`; we recognise
 * those by the pool id's shape.
 */
export type IssuerFormat = 'original' | 'updated' | 'local';

export interface CognitoIssuer {
  readonly issuer: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly format: IssuerFormat;
}

const POOL_ID = '([a-z]{2}(?:-[a-z]+)+-\\d+)_([A-Za-z0-9]+)';
const REGIONAL = new RegExp(`^https://cognito-idp\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.amazonaws\\.com/${POOL_ID}$`);
const UPDATED = new RegExp(`^https://issuer-cognito-idp\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.amazonaws\\.com/${POOL_ID}$`);
// Loopback or a single-label host (a container name such as `cognito-local`): never a dotted public name,
// so `https://cognito-idp.us-east-1.amazonaws.com.evil.com/…` is not taken for a Cognito issuer.
// cognito-local names pools `local_…`; AWS never does, so the prefix is accepted for local issuers only.
const LOCAL_POOL_ID = '([a-z]{2}(?:-[a-z]+)+-\\d+|local)_([A-Za-z0-9]+)';
const LOCAL = new RegExp(`^https?://(?:localhost|127(?:\\.\\d{1,3}){3}|\\[::1\\]|[A-Za-z0-9-]+)(?::\\d+)?/${LOCAL_POOL_ID}$`);

export function parseCognitoIssuer(iss: unknown): CognitoIssuer | undefined {
  if (typeof iss !== 'string' || iss.length > 512) {
    return undefined;
  }
  for (const [pattern, format] of [
    [REGIONAL, 'original'],
    [UPDATED, 'updated'],
  ] as const) {
    const match = pattern.exec(iss);
    if (match) {
      return { issuer: iss, region: match[1], userPoolId: `${match[2]}_${match[3]}`, format };
    }
  }
  const local = LOCAL.exec(iss);
  if (local) {
    return { issuer: iss, region: local[1], userPoolId: `${local[1]}_${local[2]}`, format: 'local' };
  }
  return undefined;
}

export type CognitoTokenUse = 'id' | 'access';

export interface CognitoFacts {
  readonly issuer?: CognitoIssuer;
  readonly tokenUse?: CognitoTokenUse;
  /** The app client id: `aud` in ID tokens, `client_id` in access tokens. */
  readonly clientId?: string;
  readonly username?: string;
  readonly groups: readonly string[];
  readonly scopes: readonly string[];
  readonly customAttributes: readonly string[];
}

/** Undefined when nothing marks the token as Cognito's. */
export function cognitoFacts(payload: Record<string, unknown>): CognitoFacts | undefined {
  const issuer = parseCognitoIssuer(payload.iss);
  const tokenUse = payload.token_use === 'id' || payload.token_use === 'access' ? payload.token_use : undefined;
  const hasCognitoClaims = Object.keys(payload).some((key) => key.startsWith('cognito:'));
  if (!issuer && !(tokenUse && hasCognitoClaims)) {
    return undefined;
  }
  const clientId =
    tokenUse === 'access' ? asString(payload.client_id) : (asString(payload.aud) ?? asString(payload.client_id));
  const username = asString(payload['cognito:username']) ?? asString(payload.username);
  const groups = Array.isArray(payload['cognito:groups'])
    ? payload['cognito:groups'].filter((g): g is string => typeof g === 'string')
    : [];
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  const customAttributes = Object.keys(payload).filter((key) => key.startsWith('custom:'));
  return { issuer, tokenUse, clientId, username, groups, scopes, customAttributes };
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
