import { numericDate, type ExpiryState } from './expiry';
import { inspectToken, type InspectOptions } from './inspection';
import type { DecodedToken } from './jwt';

/**
 * What a script learns about a decoded token (the decode command's result): facts and a fingerprint,
 * never the token. Built from the same inspection the hover and the inspector show, so the problem
 * count here is the number of problems the inspector lists.
 */
export interface TokenSummary {
  readonly kind: 'jws' | 'jwe';
  readonly fingerprint: string;
  readonly tokenUse?: string;
  readonly issuer?: string;
  readonly userPoolId?: string;
  readonly region?: string;
  readonly clientId?: string;
  readonly expiresAt?: string;
  readonly expiryState: ExpiryState;
  readonly problems: number;
}

export function summarizeToken(token: string, decoded: DecodedToken, options: InspectOptions): TokenSummary {
  const inspection = inspectToken(token, decoded, options);
  const payload = decoded.kind === 'jws' ? decoded.payload : {};
  const exp = numericDate(payload.exp);
  return {
    kind: decoded.kind,
    fingerprint: inspection.fingerprint,
    tokenUse: typeof payload.token_use === 'string' ? payload.token_use : undefined,
    issuer: typeof payload.iss === 'string' ? payload.iss : undefined,
    userPoolId: inspection.cognito?.userPoolId,
    region: inspection.cognito?.region,
    clientId: inspection.cognito?.clientId,
    expiresAt: exp === undefined ? undefined : new Date(exp * 1000).toISOString(),
    expiryState: inspection.expiry.state,
    problems: inspection.problems.length,
  };
}
