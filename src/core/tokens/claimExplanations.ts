import type { Translate } from '../shared/l10n';
import { classifyScope, describeScope, parseScopes } from '../protocol/oauthScopes';

/**
 * Short explanations of header parameters and claims. The English text is the translation key, so
 * `t` returns the user's language when a bundle has it.
 */
const HEADER: Record<string, string> = {
  alg: 'Signing algorithm (Cognito: RS256). For an encrypted token, the key-encryption algorithm.',
  kid: 'Key id: which key in the issuer\'s JWKS signed this token.',
  typ: 'Media type of the token.',
  cty: 'Content type: "JWT" means the encrypted content is itself a JWT.',
  enc: 'Content-encryption algorithm of an encrypted token (JWE).',
};

const PAYLOAD: Record<string, string> = {
  iss: 'Issuer: who created the token. For Cognito, the user pool URL; keys are at {iss}/.well-known/jwks.json.',
  sub: 'Subject: the user\'s unique, never-reused id in the user pool.',
  aud: 'Audience: the app client id the token is for. Cognito ID tokens carry aud; access tokens carry client_id instead.',
  exp: 'Expiration time: after this the token must be rejected.',
  iat: 'Issued at: when the token was created.',
  nbf: 'Not before: the token must be rejected before this time.',
  jti: 'Token id: unique per token; Cognito uses it to revoke access tokens.',
  auth_time: 'When the user actually signed in. Refreshing keeps this time; only a new sign-in changes it.',
  token_use: 'Cognito token type: "id" (who the user is, for your app and API Gateway authorizers) or "access" (what the user may do, for Cognito APIs and resource servers).',
  client_id: 'App client id (access tokens). ID tokens carry the same value as aud.',
  username: 'Cognito username (access tokens). Use it, not an email alias, for SECRET_HASH on refresh.',
  'cognito:username': 'Cognito username (ID tokens).',
  'cognito:groups': 'User pool groups the user belongs to.',
  'cognito:roles': 'IAM role ARNs from the user\'s groups.',
  'cognito:preferred_role': 'The IAM role of the user\'s highest-precedence group.',
  scope: 'OAuth scopes granted. aws.cognito.signin.user.admin allows self-service calls such as GetUser and UpdateUserAttributes.',
  origin_jti: 'Id of the original sign-in; present when token revocation is on. Revoking a refresh token revokes every access token with this origin_jti.',
  event_id: 'Id of the authentication event that produced this token.',
  version: 'Version of the access token format.',
  email: 'The user\'s email address attribute.',
  email_verified: 'Whether the email address has been verified.',
  phone_number: 'The user\'s phone number attribute.',
  phone_number_verified: 'Whether the phone number has been verified.',
  name: 'The user\'s full name attribute.',
  given_name: 'The user\'s given name attribute.',
  family_name: 'The user\'s family name attribute.',
  nonce: 'Value from the sign-in request, to stop replay of an ID token (OpenID Connect).',
  at_hash: 'Hash of the access token issued with this ID token (OpenID Connect).',
  identities: 'Federated identity provider links (social or SAML/OIDC sign-in).',
  azp: 'Authorized party: the client the token was issued to.',
  amr: 'Authentication methods the user completed at sign-in (OpenID Connect; values from RFC 8176).',
  acr: 'Authentication level the sign-in reached (Cognito: urn:cognito:loa:N; a higher N is stronger). Compare it and auth_time with what an action needs before asking for step-up (acr_values / TARGET_ACR_VALUES).',
  act: 'Actor (token exchange, RFC 8693): the party acting for the subject. A nested act is the actor before it.',
};

export function explainHeader(name: string, t: Translate): string | undefined {
  return Object.hasOwn(HEADER, name) ? t(HEADER[name]) : undefined;
}

export function explainClaim(name: string, t: Translate): string | undefined {
  if (Object.hasOwn(PAYLOAD, name)) {
    return t(PAYLOAD[name]);
  }
  if (name.startsWith('custom:')) {
    return t('Custom user pool attribute. The app client must be allowed to read it.');
  }
  if (name.startsWith('cognito:')) {
    return t('Cognito-specific claim.');
  }
  return undefined;
}

/**
 * What a claim means in this token, where that differs from its usual meaning: in a machine-to-machine
 * access token (client credentials) `sub` is the app client, and the scopes are a resource server's.
 */
export function explainClaimInToken(name: string, payload: Record<string, unknown>, t: Translate): string | undefined {
  if (name === 'amr') return explainMethods(payload.amr, t);
  if (name === 'act') return explainActors(payload.act, t);
  if (name === 'aud' && payload.token_use === 'access') {
    return t('Audience of this access token: the one resource or API it is bound to (a resource indicator, or the audience asked for in a token exchange). Send it only there.');
  }
  const machine = payload.token_use === 'access' && typeof payload.sub === 'string' && payload.sub === payload.client_id && payload.username === undefined;
  if (!machine) return undefined;
  if (name === 'sub') return t('Subject: the app client id. This is a machine-to-machine token (client credentials): there is no user.');
  if (name === 'scope') {
    const scopes = parseScopes(payload.scope).map((scope) => describeScope(classifyScope(scope), t));
    return [t('Scopes granted to the app client (client credentials): custom scopes are resource-server/scope.'), ...scopes].join(' ');
  }
  return undefined;
}

/** Claims that hold NumericDate values (seconds since 1970). */
export const TIME_CLAIMS: ReadonlySet<string> = new Set(['exp', 'iat', 'nbf', 'auth_time']);

/** The order in which the hover shows claims; the inspector shows all of them. */
export const KEY_CLAIMS: readonly string[] = [
  'token_use',
  'sub',
  'cognito:username',
  'username',
  'email',
  'name',
  'aud',
  'client_id',
  'scope',
  'cognito:groups',
  'iss',
  'exp',
  'iat',
  'nbf',
  'auth_time',
];

/** RFC 8176 method values (https://www.rfc-editor.org/rfc/rfc8176), as Cognito puts them in `amr`. */
const METHODS: Record<string, string> = {
  pwd: 'password',
  otp: 'one-time code',
  mfa: 'more than one factor',
  sms: 'code by SMS',
  tel: 'telephone call',
  hwk: 'hardware-bound key (passkey on a device)',
  swk: 'software-bound key',
  pop: 'proof of possession of a key',
  user: 'user presence',
  face: 'face recognition',
  fpt: 'fingerprint',
  mca: 'several channels',
  kba: 'knowledge question',
};

/** Each method named, in the token's order; values we do not know are shown as they are. */
function explainMethods(value: unknown, t: Translate): string {
  const methods = Array.isArray(value) ? value.filter((m): m is string => typeof m === 'string').slice(0, 20) : [];
  const named = methods.map((m) => (Object.hasOwn(METHODS, m) ? `${m} = ${t(METHODS[m])}` : m));
  const head = t('Authentication methods the user completed at sign-in (OpenID Connect; values from RFC 8176).');
  return named.length > 0 ? `${head} ${named.join(', ')}` : head;
}

/** Nesting beyond this is shown as "…": a token decides its depth, and the hover must stay small. */
const MAX_ACTORS = 8;

/** The chain of actors, nearest first: `act` names who acts now, its own `act` who acted before. */
export function actorChain(value: unknown): string[] {
  const chain: string[] = [];
  let current = value;
  while (typeof current === 'object' && current !== null && !Array.isArray(current) && chain.length < MAX_ACTORS) {
    const actor = current as Record<string, unknown>;
    const name = [actor.username, actor.client_id, actor.sub].find((v): v is string => typeof v === 'string' && v !== '');
    chain.push(name ?? '?');
    current = actor.act;
  }
  if (chain.length === MAX_ACTORS && typeof current === 'object' && current !== null) chain.push('…');
  return chain;
}

function explainActors(value: unknown, t: Translate): string {
  const chain = actorChain(value);
  const head = t('Actor (token exchange, RFC 8693): the party acting for the subject. A nested act is the actor before it.');
  return chain.length > 0 ? `${head} ${t('Acting now: {0}', chain.join(' ← '))}` : head;
}
