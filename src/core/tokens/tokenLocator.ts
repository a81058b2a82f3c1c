import { MAX_TOKEN_CHARS, looksLikeJwt } from './jwt';

/**
 * Finds the JWT-shaped run of characters under a cursor in one line of text. The scan is bounded by
 * MAX_TOKEN_CHARS in each direction, so the cost does not depend on the line's or document's length.
 */
export interface LocatedToken {
  readonly kind: 'token';
  /** Offsets in the line: [start, end). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A run that starts like a JWT but is longer than we decode. */
export interface OversizedToken {
  readonly kind: 'tooLarge';
  readonly start: number;
  /** At least this many characters (the scan stops at the limit). */
  readonly minimumLength: number;
}

export type LocateResult = LocatedToken | OversizedToken | undefined;

export function isTokenChar(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2d || // -
    code === 0x5f || // _
    code === 0x2e // .
  );
}

export function locateTokenAt(line: string, character: number): LocateResult {
  let at = Math.min(Math.max(character, 0), line.length);
  // A cursor just after a token (VS Code places it between characters) still means that token.
  if (!(at < line.length && isTokenChar(line.charCodeAt(at)))) {
    if (at > 0 && isTokenChar(line.charCodeAt(at - 1))) {
      at -= 1;
    } else {
      return undefined;
    }
  }
  const floor = Math.max(0, at - MAX_TOKEN_CHARS - 1);
  let start = at;
  while (start > floor && isTokenChar(line.charCodeAt(start - 1))) {
    start--;
  }
  if (start === floor && floor > 0 && isTokenChar(line.charCodeAt(floor - 1))) {
    return undefined; // The run starts too far left to be a token we could decode; stay quiet.
  }
  const ceiling = Math.min(line.length, start + MAX_TOKEN_CHARS + 1);
  let end = at;
  while (end < ceiling && isTokenChar(line.charCodeAt(end))) {
    end++;
  }
  // Sentence punctuation after a token ("see eyJ….") is not part of it.
  while (end > start && line.charCodeAt(end - 1) === 0x2e) {
    end--;
  }
  if (end - start > MAX_TOKEN_CHARS) {
    const head = line.slice(start, start + 64);
    return /^e[wy][A-Za-z0-9_-]*\./.test(head) ? { kind: 'tooLarge', start, minimumLength: end - start } : undefined;
  }
  if (at >= end) {
    return undefined;
  }
  const text = line.slice(start, end);
  return looksLikeJwt(text) ? { kind: 'token', start, end, text } : undefined;
}

/** Every JWT-shaped run in a text, for the decode command's fallback and for tests and benchmarks. */
export function findTokens(text: string): LocatedToken[] {
  const found: LocatedToken[] = [];
  const pattern = /e[wy][A-Za-z0-9_-]*\.[A-Za-z0-9_.-]+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const before = match.index > 0 ? text.charCodeAt(match.index - 1) : -1;
    if (before !== -1 && isTokenChar(before)) {
      continue;
    }
    const located = locateTokenAt(text, match.index);
    if (located?.kind === 'token') {
      found.push(located);
    }
  }
  return found;
}
