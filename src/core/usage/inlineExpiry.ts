import type { Clock } from '../shared/clock';
import type { Translate } from '../shared/l10n';
import { describeExpiry, numericDate } from '../tokens/expiry';
import { decodeToken } from '../tokens/jwt';
import { findTokens } from '../tokens/tokenLocator';
import { MAX_SCANNED_LINE } from './inlineExpiryBounds';

export interface ExpiredNote {
  readonly line: number;
  /** Character offset just past the token. */
  readonly end: number;
  readonly text: string;
}

export { MAX_SCANNED_LINE } from './inlineExpiryBounds';

/**
 * "expired 2 h ago" for every expired JWT in the given lines. The caller passes the visible lines only,
 * so the cost follows the viewport, not the file.
 */
export function expiredNotes(lines: ReadonlyArray<{ readonly line: number; readonly text: string }>, clock: Clock, skewSeconds: number, t: Translate): ExpiredNote[] {
  const notes: ExpiredNote[] = [];
  const now = clock.now();
  for (const { line, text } of lines) {
    if (text.length > MAX_SCANNED_LINE) continue;
    for (const token of findTokens(text)) {
      const decoded = decodeToken(token.text);
      if (decoded.kind !== 'jws') continue;
      const exp = numericDate(decoded.payload.exp);
      if (exp === undefined) continue;
      if (now < (exp + Math.max(0, skewSeconds)) * 1000) continue;
      // The hover's and the tree's wording: "expired 2 h ago".
      notes.push({ line, end: token.end, text: describeExpiry({ exp }, clock, skewSeconds, t) });
    }
  }
  return notes;
}
