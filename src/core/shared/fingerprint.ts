import { createHash } from 'node:crypto';

/** How logs, summaries and rotation records name a token without holding it: first 12 hex chars of SHA-256. */
export function fingerprint(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 12);
}
