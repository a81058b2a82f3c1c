/**
 * Decodes JWTs without verifying them. Never throws: every way a token can be wrong becomes a
 * `DecodeFailure` whose `reason` names the part and the problem, so the hover, the decode command and
 * the inspector can tell the user what is wrong instead of failing silently.
 */

/** Larger "tokens" are refused before any work: real Cognito tokens are a few KB. */
export const MAX_TOKEN_CHARS = 128 * 1024;

export type JsonObject = Record<string, unknown>;

export interface DecodedJws {
  readonly kind: 'jws';
  readonly header: JsonObject;
  readonly payload: JsonObject;
  /** The three segments as found, for byte counts and copy actions. */
  readonly segments: readonly string[];
}

export interface DecodedJwe {
  readonly kind: 'jwe';
  readonly header: JsonObject;
  readonly segments: readonly string[];
}

export type DecodedToken = DecodedJws | DecodedJwe;

export type DecodeFailureCode =
  | 'empty'
  | 'tooLarge'
  | 'wrongSegmentCount'
  | 'badBase64'
  | 'badUtf8'
  | 'badJson'
  | 'notAnObject';

export interface DecodeFailure {
  readonly kind: 'invalid';
  readonly code: DecodeFailureCode;
  /** Which part is wrong: 'header', 'payload', 'signature', or undefined for the whole token. */
  readonly part?: 'header' | 'payload' | 'signature' | 'encrypted key' | 'iv' | 'ciphertext' | 'tag';
  /** Raw details (a JSON parser message, a count). Never contains token text. */
  readonly detail?: string;
  readonly length: number;
}

export type DecodeResult = DecodedToken | DecodeFailure;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const JWE_PARTS = ['header', 'encrypted key', 'iv', 'ciphertext', 'tag'] as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Accepts what users paste: surrounding whitespace and quotes, a leading `Bearer `. */
export function normalizeTokenInput(input: string): string {
  let text = input.trim();
  if (/^authorization\s*:/i.test(text)) {
    text = text.replace(/^authorization\s*:\s*/i, '');
  }
  text = text.replace(/^bearer\s+/i, '');
  if (text.length >= 2 && /^["'`].*["'`]$/s.test(text)) {
    text = text.slice(1, -1).trim();
  }
  return text;
}

export function decodeToken(token: string): DecodeResult {
  const length = token.length;
  if (length === 0) {
    return { kind: 'invalid', code: 'empty', length };
  }
  if (length > MAX_TOKEN_CHARS) {
    return { kind: 'invalid', code: 'tooLarge', length, detail: String(length) };
  }
  const segments = token.split('.');
  if (segments.length === 5) {
    return decodeJwe(segments, length);
  }
  if (segments.length !== 3) {
    return { kind: 'invalid', code: 'wrongSegmentCount', length, detail: String(segments.length) };
  }
  for (const [index, part] of (['header', 'payload', 'signature'] as const).entries()) {
    const segment = segments[index];
    // An empty signature is legal only for unsecured tokens (alg "none"); checked below.
    if ((segment.length === 0 && part !== 'signature') || !isBase64Url(segment)) {
      return { kind: 'invalid', code: 'badBase64', part, length };
    }
  }
  const header = parseJsonPart(segments[0], 'header', length);
  if (header.kind === 'invalid') {
    return header;
  }
  const payload = parseJsonPart(segments[1], 'payload', length);
  if (payload.kind === 'invalid') {
    return payload;
  }
  if (segments[2].length === 0 && header.value.alg !== 'none') {
    return { kind: 'invalid', code: 'badBase64', part: 'signature', length };
  }
  return { kind: 'jws', header: header.value, payload: payload.value, segments };
}

function decodeJwe(segments: string[], length: number): DecodeResult {
  for (const [index, part] of JWE_PARTS.entries()) {
    // The encrypted key is empty for direct encryption ("alg":"dir").
    if ((segments[index].length === 0 && index !== 1) || !isBase64Url(segments[index])) {
      return { kind: 'invalid', code: 'badBase64', part, length };
    }
  }
  const header = parseJsonPart(segments[0], 'header', length);
  if (header.kind === 'invalid') {
    return header;
  }
  return { kind: 'jwe', header: header.value, segments };
}

function isBase64Url(segment: string): boolean {
  // A length of 4n+1 cannot come from any byte string.
  return BASE64URL.test(segment) && segment.length % 4 !== 1;
}

function parseJsonPart(
  segment: string,
  part: 'header' | 'payload',
  length: number,
): { kind: 'ok'; value: JsonObject } | DecodeFailure {
  let text: string;
  try {
    text = utf8.decode(Buffer.from(segment, 'base64url'));
  } catch {
    return { kind: 'invalid', code: 'badUtf8', part, length };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', code: 'badJson', part, length, detail: jsonErrorDetail(error) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'invalid', code: 'notAnObject', part, length, detail: Array.isArray(value) ? 'array' : typeof value };
  }
  return { kind: 'ok', value: value as JsonObject };
}

function jsonErrorDetail(error: unknown): string {
  // V8 quotes part of the input in some messages; keep only the kind of error and the position.
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  return position ? `position ${position[1]}` : 'syntax error';
}

/** Cheap shape test used before decoding: a JOSE header always starts with `{"` = `eyJ`/`ewo`. */
export function looksLikeJwt(text: string): boolean {
  const dots = countDots(text);
  return (dots === 2 || dots === 4) && /^e[wy][A-Za-z0-9_-]*\./.test(text);
}

function countDots(text: string): number {
  let count = 0;
  for (let i = text.indexOf('.'); i !== -1; i = text.indexOf('.', i + 1)) {
    count++;
    if (count > 4) {
      break;
    }
  }
  return count;
}
