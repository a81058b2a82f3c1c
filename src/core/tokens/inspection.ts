import type { Clock } from '../shared/clock';
import { cognitoFacts, type CognitoFacts, type CognitoIssuer } from './cognitoIssuer';
import { explainClaim, explainClaimInToken, explainHeader, TIME_CLAIMS } from './claimExplanations';
import { describeExpiry, expiryState, formatAbsolute, formatRelative, numericDate, type ExpiryState } from './expiry';
import { fingerprint } from '../shared/fingerprint';
import type { DecodedToken, DecodeFailure, JsonObject } from './jwt';
import type { Translate } from '../shared/l10n';
import { safeStringify } from '../shared/safeJson';
import { showHidden } from '../shared/untrustedText';

/** What the hover and the inspector show about one token. Plain data: it crosses into the webview. */
export interface ClaimRow {
  readonly name: string;
  /** Display text: strings as they are, everything else as JSON. */
  readonly value: string;
  readonly explanation?: string;
  readonly time?: { readonly utc: string; readonly local: string; readonly relative: string };
  /** What is wrong with this claim's value, if anything. */
  readonly problem?: string;
}

export interface CognitoSummary {
  readonly tokenUse?: string;
  readonly region?: string;
  readonly userPoolId?: string;
  readonly issuerFormat?: string;
  readonly clientId?: string;
  readonly username?: string;
  readonly groups: readonly string[];
  readonly jwksUrl?: string;
}

export interface TokenInspection {
  readonly kind: 'jws' | 'jwe';
  readonly title: string;
  readonly fingerprint: string;
  readonly expiry: { readonly state: ExpiryState; readonly text: string };
  readonly header: readonly ClaimRow[];
  readonly payload: readonly ClaimRow[];
  readonly notes: readonly string[];
  readonly problems: readonly string[];
  readonly cognito?: CognitoSummary;
  readonly headerJson: string;
  readonly payloadJson?: string;
}

export interface InspectOptions {
  readonly clock: Clock;
  readonly skewSeconds: number;
  readonly t: Translate;
  readonly locale?: string;
  readonly timeZone?: string;
  /** Longest value shown per claim (the hover uses a short one). */
  readonly maxValueLength?: number;
  /** false: leave headerJson empty and payloadJson out (the hover shows neither, and has a 50 µs budget). */
  readonly json?: boolean;
}

export function inspectToken(token: string, decoded: DecodedToken, options: InspectOptions): TokenInspection {
  const { t } = options;
  const maxValueLength = options.maxValueLength ?? 4000;
  const header = Object.entries(decoded.header).map(([name, value]) => ({
    name,
    value: displayValue(value, maxValueLength),
    explanation: explainHeader(name, t),
  }));
  const headerJson = options.json === false ? '' : safeStringify(decoded.header, { indent: 2 });
  if (decoded.kind === 'jwe') {
    return {
      kind: 'jwe',
      title: t('Encrypted token (JWE)'),
      fingerprint: fingerprint(token),
      expiry: { state: 'noExpiry', text: t('expiry not readable: the contents are encrypted') },
      header,
      payload: [],
      notes: [
        t('Contents not readable: this token is encrypted (JWE) and only its issuer can decrypt it.'),
        t('Cognito refresh tokens look like this. Their lifetime is set on the app client (default 30 days); the client cannot read it from the token.'),
      ],
      problems: [],
      headerJson,
    };
  }
  const payload = decoded.payload;
  const problems: string[] = [];
  const rows = Object.entries(payload)
    .map(([name, value]) => claimRow(name, value, options, maxValueLength, problems))
    .map((row) => ({ ...row, explanation: explainClaimInToken(row.name, payload, options.t) ?? row.explanation }));
  const exp = numericDate(payload.exp);
  const nbf = numericDate(payload.nbf);
  const iat = numericDate(payload.iat);
  const facts = cognitoFacts(payload);
  const notes = facts ? cognitoNotes(facts, payload, t) : [];
  if (decoded.header.alg === 'none') {
    problems.push(t('The token is unsigned (alg "none"): anyone can have written it. Never accept it.'));
  }
  return {
    kind: 'jws',
    title: tokenTitle(facts, t),
    fingerprint: fingerprint(token),
    expiry:
      exp === undefined && 'exp' in payload
        ? { state: 'noExpiry', text: t('expiry unknown: exp is not a valid date') }
        : {
            state: expiryState({ exp, nbf, iat }, options.clock, options.skewSeconds),
            text: describeExpiry({ exp, nbf }, options.clock, options.skewSeconds, t),
          },
    header,
    payload: rows,
    notes,
    problems,
    cognito: facts ? cognitoSummary(facts, t) : undefined,
    headerJson,
    payloadJson: options.json === false ? undefined : safeStringify(payload, { indent: 2 }),
  };
}

function claimRow(name: string, value: unknown, options: InspectOptions, maxValueLength: number, problems: string[]): ClaimRow {
  const { t } = options;
  const explanation = explainClaim(name, t);
  const display = displayValue(value, maxValueLength);
  if (TIME_CLAIMS.has(name)) {
    const seconds = numericDate(value);
    if (seconds === undefined) {
      const problem =
        typeof value === 'number'
          ? t('{0} is out of range for a date.', name)
          : t('{0} should be a number of seconds since 1970, but it is a {1}.', name, jsonType(value));
      problems.push(problem);
      return { name, value: display, explanation, problem };
    }
    const absolute = formatAbsolute(seconds * 1000, options.locale, options.timeZone);
    return { name, value: display, explanation, time: { ...absolute, relative: formatRelative(seconds * 1000, options.clock, t) } };
  }
  const expected = STRING_CLAIMS.has(name) ? 'string' : undefined;
  if (expected && typeof value !== 'string' && !(name === 'aud' && Array.isArray(value))) {
    const problem = t('{0} should be a string, but it is a {1}.', name, jsonType(value));
    problems.push(problem);
    return { name, value: display, explanation, problem };
  }
  return { name, value: display, explanation };
}

const STRING_CLAIMS: ReadonlySet<string> = new Set(['iss', 'sub', 'token_use', 'client_id', 'username', 'cognito:username', 'scope', 'jti']);

function jsonType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'array' : typeof value;
}

/**
 * A claim value as text to show (inspector, tree). Control, bidi and invisible characters become visible
 * escapes (`\u202E`): JSON.stringify leaves bidi controls as they are, and they could reorder what is shown.
 */
export function displayValue(value: unknown, maxLength: number): string {
  const text = typeof value === 'string' ? value : safeStringify(value, { maxDepth: 8, maxLength });
  return showHidden(text.length > maxLength ? `${text.slice(0, maxLength)}…` : text);
}

function tokenTitle(facts: CognitoFacts | undefined, t: Translate): string {
  if (facts?.tokenUse === 'id') {
    return t('Cognito ID token');
  }
  if (facts?.tokenUse === 'access') {
    return t('Cognito access token');
  }
  return facts ? t('Cognito token') : t('JSON Web Token (JWS)');
}

function cognitoNotes(facts: CognitoFacts, payload: JsonObject, t: Translate): string[] {
  const notes: string[] = [];
  if (facts.tokenUse === 'id') {
    notes.push(t('ID token: aud is the app client id. API Gateway Cognito authorizers accept the ID token by default.'));
  } else if (facts.tokenUse === 'access') {
    notes.push(t('Access token: client_id is the app client id (there is no aud). Use it for Cognito user APIs (GetUser) and resource servers that check scopes.'));
  }
  if (facts.issuer?.format === 'updated') {
    notes.push(t('Updated issuer (issuer-cognito-idp…): one key set for every Region, and the Region in iss is the pool\'s primary Region. Application Load Balancer authentication and API Gateway Cognito authorizers do not accept it.'));
  }
  if (facts.tokenUse === 'access' && payload.aud !== undefined) {
    notes.push(t('Derived or resource-bound access token: bound to the audience in aud. A token from token exchange has no refresh token: exchange again when it expires.'));
  }
  if (facts.issuer?.format === 'local') {
    notes.push(t('Issued by a local Cognito-compatible endpoint, not by AWS.'));
  }
  if (typeof payload.origin_jti !== 'string' && facts.tokenUse) {
    notes.push(t('No origin_jti: token revocation may be off for this app client.'));
  }
  notes.push(t('A signed, unexpired token can still have been revoked (sign-out); only Cognito knows.'));
  return notes;
}

function cognitoSummary(facts: CognitoFacts, t: Translate): CognitoSummary {
  return {
    tokenUse: facts.tokenUse,
    region: facts.issuer?.region,
    userPoolId: facts.issuer?.userPoolId,
    issuerFormat: issuerFormatLabel(facts.issuer, t),
    clientId: facts.clientId,
    username: facts.username,
    groups: facts.groups,
    jwksUrl: facts.issuer ? `${facts.issuer.issuer}/.well-known/jwks.json` : undefined,
  };
}

/** A plain explanation of why a string is not a decodable token. */
export function describeDecodeFailure(failure: DecodeFailure, t: Translate): string {
  const part = failure.part ? partName(failure.part, t) : '';
  switch (failure.code) {
    case 'empty':
      return t('The token is empty.');
    case 'tooLarge':
      return t('This is {0} characters long, over the {1}-character limit for a token. Real tokens are a few thousand characters: check that only the token was selected.', failure.length, 128 * 1024);
    case 'wrongSegmentCount':
      return t('A JWT has 3 parts separated by dots (5 if encrypted); this has {0}. Check that the whole token was copied.', failure.detail ?? '?');
    case 'badBase64':
      return t('The {0} is not valid base64url. A token may contain only letters, digits, "-" and "_" between the dots: check for truncation or extra characters.', part);
    case 'badUtf8':
      return t('The {0} decodes to bytes that are not valid UTF-8 text.', part);
    case 'badJson':
      return t('The {0} is not valid JSON ({1}).', part, failure.detail ?? '');
    case 'notAnObject':
      return t('The {0} must be a JSON object, but it is a {1}.', part, failure.detail ?? '?');
  }
}

function partName(part: NonNullable<DecodeFailure['part']>, t: Translate): string {
  switch (part) {
    case 'header':
      return t('header');
    case 'payload':
      return t('payload');
    case 'signature':
      return t('signature');
    default:
      return t('{0} part', part);
  }
}

/** How the inspector and the hover name an issuer's format. */
export function issuerFormatLabel(issuer: CognitoIssuer | undefined, t: Translate): string | undefined {
  switch (issuer?.format) {
    case 'original':
      return t('original issuer (cognito-idp.{0})', issuer.region);
    case 'updated':
      return t('updated issuer: one key set for every Region');
    case 'local':
      return t('local pool');
    default:
      return undefined;
  }
}
