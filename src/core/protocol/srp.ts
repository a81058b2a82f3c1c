import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Cognito's variant of SRP-6a (USER_SRP_AUTH / PASSWORD_VERIFIER), as Amplify and
 * amazon-cognito-identity-js implement it: the 3072-bit group of RFC 5054, g = 2, SHA-256, hex padding
 * that keeps numbers positive, an HKDF-style key labelled "Caldera Derived Key", and a claim signed over
 * pool name + username + secret block + timestamp. Node's crypto and BigInt are all it needs.
 * Both sides live here: the extension signs in with the client half, our local pool answers with the server half.
 */
const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
export const N = BigInt(`0x${N_HEX}`);
export const g = 2n;

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) {
      result = (result * b) % modulus;
    }
    e >>= 1n;
    b = (b * b) % modulus;
  }
  return result;
}

/** Hex of a positive number, padded to whole bytes, with a 00 byte when the top bit is set (as Java's BigInteger). */
export function padHex(value: bigint | string): string {
  let hex = typeof value === 'bigint' ? value.toString(16) : value;
  if (hex.length % 2 === 1) {
    hex = `0${hex}`;
  } else if ('89abcdefABCDEF'.includes(hex[0])) {
    hex = `00${hex}`;
  }
  return hex;
}

function hashHex(hex: string): string {
  return createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex').padStart(64, '0');
}

function toBig(hex: string): bigint {
  return BigInt(`0x${hex}`);
}

export const k = toBig(hashHex(`${padHex(N)}${padHex(g)}`));

/** The pool name part of a user pool id ("us-east-1_AbC" → "AbC"), which Cognito mixes into x and the claim. */
export function poolName(userPoolId: string): string {
  return userPoolId.split('_')[1] ?? userPoolId;
}

/** x = H(salt | H(poolName | username | ":" | password)) */
export function computeX(userPoolId: string, username: string, password: string, saltHex: string): bigint {
  const inner = createHash('sha256').update(`${poolName(userPoolId)}${username}:${password}`, 'utf8').digest('hex');
  return toBig(hashHex(padHex(saltHex) + inner));
}

function computeU(A: bigint, B: bigint): bigint {
  return toBig(hashHex(padHex(A) + padHex(B)));
}

/** HKDF-SHA256 of S with salt u, info "Caldera Derived Key" + 0x01, 16 bytes. */
function derivedKey(S: bigint, u: bigint): Buffer {
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
  return createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])])).digest().subarray(0, 16);
}

/** "Tue Nov 22 02:40:07 UTC 2026": the format Cognito expects in TIMESTAMP (day not zero-padded). */
export function srpTimestamp(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const time = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  return `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}

export function claimSignature(key: Buffer, userPoolId: string, username: string, secretBlock: string, timestamp: string): string {
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(poolName(userPoolId), 'utf8'), Buffer.from(username, 'utf8'), Buffer.from(secretBlock, 'base64'), Buffer.from(timestamp, 'utf8')]))
    .digest('base64');
}

function randomBig(bytes: number): bigint {
  return toBig(randomBytes(bytes).toString('hex'));
}

/** Client side, step 1: a secret a and the public A to send as SRP_A. */
export function srpClientStart(): { a: bigint; A: string } {
  for (;;) {
    const a = randomBig(128);
    const A = modPow(g, a, N);
    if (A % N !== 0n) {
      return { a, A: A.toString(16) };
    }
  }
}

/** Client side, step 2: the PASSWORD_VERIFIER answer from the challenge's SALT, SRP_B and SECRET_BLOCK. */
export function srpClientRespond(input: {
  a: bigint;
  A: string;
  userPoolId: string;
  username: string;
  password: string;
  salt: string;
  B: string;
  secretBlock: string;
  now: Date;
}): { signature: string; timestamp: string } {
  const A = toBig(input.A);
  const B = toBig(input.B);
  if (B % N === 0n) {
    throw new Error('The server sent an invalid SRP_B.');
  }
  const u = computeU(A, B);
  if (u === 0n) {
    throw new Error('The SRP exchange produced u = 0.');
  }
  const x = computeX(input.userPoolId, input.username, input.password, input.salt);
  const base = (B - ((k * modPow(g, x, N)) % N) + N) % N;
  const S = modPow(base, input.a + u * x, N);
  const timestamp = srpTimestamp(input.now);
  return { signature: claimSignature(derivedKey(S, u), input.userPoolId, input.username, input.secretBlock, timestamp), timestamp };
}

/** Server side (our local pool), step 1: salt, b and B for a user whose password it knows. */
export function srpServerStart(userPoolId: string, username: string, password: string): { salt: string; b: string; B: string } {
  const salt = randomBytes(16).toString('hex');
  const v = modPow(g, computeX(userPoolId, username, password, salt), N);
  for (;;) {
    const b = randomBig(128);
    const B = (k * v + modPow(g, b, N)) % N;
    if (B % N !== 0n) {
      return { salt, b: b.toString(16), B: B.toString(16) };
    }
  }
}

/** Server side, step 2: the signature a client who knows the password would have sent. */
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
  const A = toBig(input.A);
  if (A % N === 0n) {
    return undefined;
  }
  const B = toBig(input.B);
  const u = computeU(A, B);
  const v = modPow(g, computeX(input.userPoolId, input.username, input.password, input.salt), N);
  const S = modPow((A * modPow(v, u, N)) % N, toBig(input.b), N);
  return claimSignature(derivedKey(S, u), input.userPoolId, input.username, input.secretBlock, input.timestamp);
}

/** SECRET_HASH for clients with a secret: Base64(HMAC-SHA256(secret, username + clientId)). */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret).update(`${username}${clientId}`, 'utf8').digest('base64');
}
