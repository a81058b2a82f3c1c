import { parseCognitoIssuer } from '../tokens/cognitoIssuer';
import { decodeToken, normalizeTokenInput } from '../tokens/jwt';
import type { AuthFlow, RefreshMethod } from '../shared/vocabulary';
import { AUTH_FLOWS } from '../shared/vocabulary';

/** A configured user pool app client to sign in to (`cognitoTokens.profiles`). */
export interface Profile {
  readonly name: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** Overrides the AWS endpoint: cognito-local, LocalStack, our local pool. */
  readonly endpoint?: string;
  readonly authFlow?: AuthFlow;
  readonly username?: string;
  /** For ADMIN_USER_PASSWORD_AUTH: a named profile from ~/.aws/config; else the default credential chain. */
  readonly awsProfile?: string;
  /** auto (default): GetTokensFromRefreshToken, falling back to REFRESH_TOKEN_AUTH where unsupported. */
  readonly refreshMethod?: RefreshMethod;
}

// `local` is cognito-local's region and pool prefix; AWS regions look like ap-northeast-1.
const REGION = /^(?:[a-z]{2}(?:-[a-z]+)+-\d+|local)$/;
const POOL_ID = /^(?:[a-z]{2}(?:-[a-z]+)+-\d+|local)_[0-9A-Za-z]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;
const NAME = /^[^\s/\\][^/\\]{0,63}$/;

/** Each returns undefined when valid, else what is wrong (English; the caller translates). */
export const profileChecks = {
  name: (value: string): string | undefined => (NAME.test(value.trim()) ? undefined : 'nameInvalid'),
  region: (value: string): string | undefined => (REGION.test(value.trim()) ? undefined : 'regionInvalid'),
  userPoolId: (value: string): string | undefined => (POOL_ID.test(value.trim()) ? undefined : 'poolIdInvalid'),
  clientId: (value: string): string | undefined => (CLIENT_ID.test(value.trim()) ? undefined : 'clientIdInvalid'),
  endpoint: (value: string): string | undefined => {
    if (value.trim() === '') return undefined;
    try {
      const url = new URL(value.trim());
      return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'endpointInvalid';
    } catch {
      return 'endpointInvalid';
    }
  },
} as const;

export type ProfileProblem = ReturnType<(typeof profileChecks)[keyof typeof profileChecks]>;

/** Where a profile's region and pool can be read from a pasted issuer URL or token. */
export function poolFromPaste(text: string): { region: string; userPoolId: string; clientId?: string; endpoint?: string } | undefined {
  const trimmed = normalizeTokenInput(text);
  let iss: unknown = trimmed;
  let clientId: string | undefined;
  const decoded = decodeToken(trimmed);
  if (decoded.kind === 'jws') {
    iss = decoded.payload.iss;
    const aud = decoded.payload.token_use === 'access' ? decoded.payload.client_id : decoded.payload.aud;
    clientId = typeof aud === 'string' ? aud : undefined;
  }
  const issuer = parseCognitoIssuer(typeof iss === 'string' ? iss.replace(/\/\.well-known\/.*$/, '').replace(/\/+$/, '') : iss);
  if (!issuer) {
    return undefined;
  }
  const endpoint = issuer.format === 'local' ? issuer.issuer.slice(0, issuer.issuer.lastIndexOf('/')) : undefined;
  return { region: issuer.region, userPoolId: issuer.userPoolId, clientId, endpoint };
}

/** Profiles from settings, keeping only well-formed ones; the rest are reported by name or index. */
export function parseProfiles(raw: unknown): { profiles: Profile[]; invalid: string[] } {
  const profiles: Profile[] = [];
  const invalid: string[] = [];
  const list = Array.isArray(raw) ? raw : [];
  list.forEach((entry: unknown, index) => {
    const p = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const name = typeof p.name === 'string' ? p.name.trim() : '';
    const fields = [p.region, p.userPoolId, p.clientId];
    const ok =
      name !== '' &&
      fields.every((f) => typeof f === 'string') &&
      !profileChecks.region(p.region as string) &&
      !profileChecks.userPoolId(p.userPoolId as string) &&
      !profileChecks.clientId(p.clientId as string) &&
      (p.endpoint === undefined || (typeof p.endpoint === 'string' && !profileChecks.endpoint(p.endpoint))) &&
      (p.authFlow === undefined || AUTH_FLOWS.includes(p.authFlow as AuthFlow)) &&
      (p.refreshMethod === undefined || ['auto', 'rotation', 'classic'].includes(p.refreshMethod as string)) &&
      !profiles.some((existing) => existing.name === name);
    if (!ok) {
      invalid.push(name || `#${index + 1}`);
      return;
    }
    profiles.push({
      name,
      region: (p.region as string).trim(),
      userPoolId: (p.userPoolId as string).trim(),
      clientId: (p.clientId as string).trim(),
      endpoint: typeof p.endpoint === 'string' && p.endpoint.trim() !== '' ? p.endpoint.trim().replace(/\/+$/, '') : undefined,
      authFlow: (p.authFlow as AuthFlow | undefined) ?? 'USER_SRP_AUTH',
      username: typeof p.username === 'string' && p.username !== '' ? p.username : undefined,
      awsProfile: typeof p.awsProfile === 'string' && p.awsProfile !== '' ? p.awsProfile : undefined,
      refreshMethod: (p.refreshMethod as RefreshMethod | undefined) ?? 'auto',
    });
  });
  return { profiles, invalid };
}
