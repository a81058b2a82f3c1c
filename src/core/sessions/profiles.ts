import { parseCognitoIssuer } from '../tokens/cognitoIssuer';
import { endpointProblem, sameTarget } from './binding';
import { decodeToken, normalizeTokenInput } from '../tokens/jwt';
import type { Translate } from '../shared/l10n';
import type { AuthFlow, RefreshMethod } from '../shared/vocabulary';
import { AUTH_FLOWS } from '../shared/vocabulary';
import { parseOAuthFields } from './oauthProfile';
import type { FirstFactor } from '../shared/vocabulary';

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
  /**
   * Where the definition comes from. A workspace's settings are untrusted (any cloned repository can carry
   * them): such a profile needs the user's confirmation before a token, secret or password goes to it.
   */
  readonly origin?: ProfileOrigin;
  /** Managed login and client credentials: the domain's origin; tokens and the client secret go only there. */
  readonly domain?: string;
  readonly scopes?: readonly string[];
  readonly redirectUri?: string;
  readonly identityProvider?: string;
  /** Step-up: target authentication levels (USER_AUTH and managed login). */
  readonly acrValues?: readonly string[];
  /** Step-up: the most recent the sign-in must be, in seconds. */
  readonly maxAge?: number;
  /** USER_AUTH: the first factor to ask for. */
  readonly preferredChallenge?: FirstFactor;
}

export type ProfileOrigin = 'user' | 'workspace';

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
  endpoint: (value: string): string | undefined => (value.trim() === '' ? undefined : endpointProblem(value)),
} as const;

export type ProfileProblem = ReturnType<(typeof profileChecks)[keyof typeof profileChecks]>;

/** What a validation result means to the user, in their language. */
export function profileProblemMessage(key: string | undefined, t: Translate): string | undefined {
  switch (key) {
    case undefined:
      return undefined;
    case 'nameInvalid':
      return t('A name of 1 to 64 characters, without slashes.');
    case 'regionInvalid':
      return t('A region such as ap-northeast-1 (or "local" for cognito-local).');
    case 'poolIdInvalid':
      return t('A user pool id such as ap-northeast-1_AbC123xyz: region, underscore, id.');
    case 'clientIdInvalid':
      return t('An app client id: letters, digits, + and _, as shown under App clients.');
    case 'endpointInvalid':
      return t('An https:// URL (http:// only on this machine: localhost, 127.0.0.1, ::1), or empty for AWS.');
    case 'endpointInsecure':
      return t('Plain http:// is allowed only on this machine (localhost, 127.0.0.1, ::1): tokens and passwords would cross the network unencrypted. Use https://.');
    default:
      return key;
  }
}

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

/** `workspace.getConfiguration('cognitoTokens').inspect('profiles')`, the layers that matter here. */
export interface ProfileLayers {
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

/**
 * The profiles in use: the user's, then the workspace's (a workspace profile with a user profile's name
 * replaces it for this workspace, as settings do). A workspace entry identical in target to the user's
 * entry of the same name adds nothing: the user's entry is kept whole, so a workspace cannot change how the
 * user's own profile signs in (flow, AWS profile, scopes, identity provider…) by copying its target.
 */
export function profilesFromLayers(layers: ProfileLayers): { profiles: Profile[]; invalid: string[] } {
  const user = parseProfiles(layers.globalValue, 'user');
  const workspace = parseProfiles(layers.workspaceValue, 'workspace');
  const folder = parseProfiles(layers.workspaceFolderValue, 'workspace');
  const byName = new Map<string, Profile>(user.profiles.map((p) => [p.name, p]));
  for (const profile of [...workspace.profiles, ...folder.profiles]) {
    const mine = user.profiles.find((p) => p.name === profile.name);
    byName.set(profile.name, mine && sameTarget(mine, profile) ? mine : profile);
  }
  return { profiles: [...byName.values()], invalid: [...new Set([...user.invalid, ...workspace.invalid, ...folder.invalid])] };
}

/** Profiles from settings, keeping only well-formed ones; the rest are reported by name or index. */
export function parseProfiles(raw: unknown, origin: ProfileOrigin = 'user'): { profiles: Profile[]; invalid: string[] } {
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
    const oauth = ok ? parseOAuthFields(p, (p.authFlow as AuthFlow | undefined) ?? 'USER_SRP_AUTH') : undefined;
    if (!ok || !oauth) {
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
      origin,
      ...oauth,
    });
  });
  return { profiles, invalid };
}
