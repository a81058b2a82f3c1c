import { randomBytes, randomUUID } from 'node:crypto';

/** Refresh tokens the layer hands out: JWE-shaped like Cognito's, opaque (random), unreadable to clients. */
export function newRefreshToken(): string {
  const header = Buffer.from(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })).toString('base64url');
  return [header, randomBytes(256), randomBytes(12), randomBytes(400), randomBytes(16)].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

export function newId(): string {
  return randomUUID();
}

/** The claims of a JWS, unverified (the layer verifies separately where it matters). */
export function claimsOf(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** An app client's refresh-token lifetime in ms (Cognito's default: 30 days). */
export function refreshValidityMs(validity: number | undefined, unit: string | undefined): number {
  return (validity ?? 30) * (UNIT_SECONDS[unit ?? 'days'] ?? 86400) * 1000;
}
