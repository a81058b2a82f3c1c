import { randomBytes } from 'node:crypto';
import { claimSignature, computeU, computeX, derivedKey, g, isValidSrpA, k, modPow, N, parseHex, randomSecret } from '../src/core/protocol/srp';

// The server half of SRP, which only the local pool runs: split from src/core/protocol/srp.ts so the
// extension's bundles carry the client half only. The arithmetic (N, g, k, x, u, the key) is shared.

/**
 * Server side (our local pool), step 1: salt, b and B for a user whose password it knows.
 * `fixed` lets tests choose the salt and b (the known-answer tests); the pool always draws them.
 */
export function srpServerStart(userPoolId: string, username: string, password: string, fixed: { salt?: string; b?: string } = {}): { salt: string; b: string; B: string } {
  const salt = fixed.salt ?? randomBytes(16).toString('hex');
  const v = modPow(g, computeX(userPoolId, username, password, salt), N);
  for (;;) {
    const b = fixed.b !== undefined ? parseHex(fixed.b) : randomSecret();
    const B = (k * v + modPow(g, b, N)) % N;
    if (B % N !== 0n || fixed.b !== undefined) {
      return { salt, b: b.toString(16), B: B.toString(16) };
    }
  }
}

/** Server side, step 2: the signature a client who knows the password would have sent; undefined for a bad A. */
export function srpServerExpectedSignature(input: {
  userPoolId: string;
  username: string;
  password: string;
  salt: string;
  b: string;
  B: string;
  A: string;
  secretBlock: string;
  timestamp: string;
}): string | undefined {
  if (!isValidSrpA(input.A)) {
    return undefined;
  }
  const A = parseHex(input.A);
  const B = parseHex(input.B);
  const u = computeU(A, B);
  if (u === 0n) {
    return undefined;
  }
  const v = modPow(g, computeX(input.userPoolId, input.username, input.password, input.salt), N);
  const S = modPow((A * modPow(v, u, N)) % N, parseHex(input.b), N);
  return claimSignature(derivedKey(S, u), input.userPoolId, input.username, input.secretBlock, input.timestamp);
}
