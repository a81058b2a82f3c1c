import { constants, createDiffieHellman, createHash, createHmac, createPublicKey, publicEncrypt, randomBytes, type DiffieHellman } from 'node:crypto';

/**
 * Cognito's variant of SRP-6a (USER_SRP_AUTH / PASSWORD_VERIFIER), as Amplify and
 * amazon-cognito-identity-js implement it: the 3072-bit group of RFC 5054, g = 2, SHA-256, hex padding
 * that keeps numbers positive, an HKDF-style key labelled "Caldera Derived Key", and a claim signed over
 * pool name + username + secret block + timestamp. Node's crypto (OpenSSL) and BigInt are all it needs.
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
const N_BYTES = N_HEX.length / 2;

/**
 * Secret exponents a and b: 280 bits. RFC 5054 (§2.5.3, §2.5.4) asks for at least 256; OpenSSL draws 280
 * for its own private keys in this very group (`getDiffieHellman('modp15')`), the group's strength being
 * about 128 bits. The reference clients draw 1024 bits; the size is each side's own choice, invisible in
 * the protocol, and a short one keeps every exponentiation short (see `npm run bench`).
 */
const SECRET_BYTES = 35;

/** The modulus as a JWK member, for the OpenSSL path of `modPow`. */
const N_BASE64URL = Buffer.from(N_HEX, 'hex').toString('base64url');

/**
 * base^exponent mod modulus. Modulo N, OpenSSL does the work: a raw ("no padding") RSA public operation
 * with modulus N and public exponent `exponent` computes exactly base^exponent mod N, about ten times
 * faster than BigInt. (`createDiffieHellman(N, base)` spends seconds validating a generator other than 2;
 * one (N, 2) object with `computeSecret(base)` is as fast, but which peer values it refuses is OpenSSL's
 * to decide per version. The RSA operation has one rule: the exponent must be below N.) Exponents not
 * below N take the BigInt path, so the answer never depends on which path ran. BoringSSL (Electron, so
 * VS Code desktop) refuses RSA exponents above 33 bits: after its first refusal this process stays on
 * the BigInt path.
 */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === N && exponent > 0n && exponent < N) {
    const reduced = ((base % N) + N) % N;
    const native = (opensslRefuses ? undefined : opensslModPowN(reduced, exponent)) ?? diffieHellmanModPowN(reduced, exponent);
    if (native !== undefined) {
      return native;
    }
  }
  return bigintModPow(base, exponent, modulus);
}

let opensslRefuses = false;
let dh: DiffieHellman | undefined;

/**
 * The second native path, for BoringSSL (Electron): one Diffie-Hellman object over (N, 2), whose
 * `computeSecret(peer)` is peer^privateKey mod N. Generator 2 makes creating it cheap. OpenSSL and
 * BoringSSL refuse "peer keys" outside 1 < peer < N-1; for those few values the BigInt path answers.
 */
function diffieHellmanModPowN(base: bigint, exponent: bigint): bigint | undefined {
  if (forcedNoDh) {
    return undefined;
  }
  try {
    dh ??= createDiffieHellman(Buffer.from(N_HEX, 'hex'), Buffer.from([2]));
    dh.setPrivateKey(Buffer.from(evenHex(exponent), 'hex'));
    return toBig(dh.computeSecret(Buffer.from(evenHex(base), 'hex')).toString('hex'));
  } catch {
    return undefined;
  }
}

/**
 * For tests and the bench: which native paths may run. `dh` is what Electron's BoringSSL leaves (it
 * refuses the RSA path), `none` is the BigInt path alone.
 */
export function allowNativePaths(paths: 'rsa+dh' | 'rsa' | 'dh' | 'none'): void {
  opensslRefuses = !paths.includes('rsa');
  forcedNoDh = !paths.includes('dh');
}
let forcedNoDh = false;

function opensslModPowN(base: bigint, exponent: bigint): bigint | undefined {
  try {
    const key = createPublicKey({ key: { kty: 'RSA', n: N_BASE64URL, e: Buffer.from(evenHex(exponent), 'hex').toString('base64url') }, format: 'jwk' });
    const out = publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, Buffer.from(base.toString(16).padStart(N_BYTES * 2, '0'), 'hex'));
    return toBig(out.toString('hex'));
  } catch {
    opensslRefuses = true;
    return undefined;
  }
}

/**
 * The BigInt path: 4-bit fixed windows, and for base 2 (g) a doubling instead of a multiplication.
 * Not constant-time; neither are the reference clients' BigIntegers.
 */
export function bigintModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  const b = ((base % modulus) + modulus) % modulus;
  if (exponent === 0n) {
    return 1n % modulus;
  }
  const bits = exponent.toString(2);
  if (b === 2n) {
    let result = 1n;
    for (const bit of bits) {
      result = (result * result) % modulus;
      if (bit === '1') {
        result <<= 1n;
        if (result >= modulus) result -= modulus;
      }
    }
    return result;
  }
  const table = [1n % modulus, b];
  for (let i = 2; i < 16; i++) {
    table.push((table[i - 1] * b) % modulus);
  }
  const padded = bits.padStart(Math.ceil(bits.length / 4) * 4, '0');
  let result = 1n;
  for (let i = 0; i < padded.length; i += 4) {
    if (i > 0) {
      for (let j = 0; j < 4; j++) result = (result * result) % modulus;
    }
    const digit = parseInt(padded.slice(i, i + 4), 2);
    if (digit !== 0) result = (result * table[digit]) % modulus;
  }
  return result;
}

function evenHex(value: bigint): string {
  const hex = value.toString(16);
  return hex.length % 2 === 1 ? `0${hex}` : hex;
}

/**
 * Hex of a non-negative number, padded to whole bytes, with a 00 byte when the top bit is set (Java's
 * BigInteger.toByteArray, the reference clients' `padHex`/`getPaddedHex`). A string is read as a
 * hexadecimal NUMBER first, as the reference clients do with SALT and SRP_B (`new BigInteger(s, 16)`):
 * "0012" pads to "12", not "0012". Padding the string as sent was issue 8's salt bug.
 */
export function padHex(value: bigint | string): string {
  const hex = evenHex(typeof value === 'bigint' ? value : parseHex(value));
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

/** A hexadecimal protocol value (SALT, SRP_A, SRP_B) as a number; leading zeros and case do not matter. */
export function parseHex(hex: string): bigint {
  if (!/^[0-9a-fA-F]+$/.test(hex)) {
    throw new Error('An SRP value is not hexadecimal.');
  }
  return BigInt(`0x${hex}`);
}

function hashHex(hex: string): string {
  return createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
}

function toBig(hex: string): bigint {
  return BigInt(`0x${hex}`);
}

export const k = toBig(hashHex(`${padHex(N)}${padHex(g)}`));

/**
 * The pool name part of a user pool id ("us-east-1_AbC" → "AbC"), which Cognito mixes into x and the
 * claim. Amplify v6 takes `userPoolId.split('_')[1] || ''`; amazon-cognito-identity-js the same part (it
 * refuses ids without "_"). So do we, down to the empty string.
 */
export function poolName(userPoolId: string): string {
  return userPoolId.split('_')[1] || '';
}

/** x = H(pad(salt) | H(poolName | username | ":" | password)), the strings in UTF-8, salt read as a number. */
export function computeX(userPoolId: string, username: string, password: string, saltHex: string): bigint {
  const inner = createHash('sha256').update(`${poolName(userPoolId)}${username}:${password}`, 'utf8').digest('hex');
  return toBig(hashHex(padHex(parseHex(saltHex)) + inner));
}

/** Shared with the server half (local-cognito/srpServer.ts). */
export function computeU(A: bigint, B: bigint): bigint {
  return toBig(hashHex(padHex(A) + padHex(B)));
}

/** HKDF-SHA256 of S with salt u, info "Caldera Derived Key" + 0x01, 16 bytes. */
/** Shared with the server half (local-cognito/srpServer.ts). */
export function derivedKey(S: bigint, u: bigint): Buffer {
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

/** A secret exponent in [1, 2^280). */
/** Shared with the server half (local-cognito/srpServer.ts). */
export function randomSecret(): bigint {
  for (;;) {
    const value = toBig(randomBytes(SECRET_BYTES).toString('hex'));
    if (value !== 0n) {
      return value;
    }
  }
}

/** Client side, step 1: a secret a and the public A to send as SRP_A. */
export function srpClientStart(): { a: bigint; A: string } {
  for (;;) {
    const a = randomSecret();
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
  const A = parseHex(input.A);
  const B = parseHex(input.B);
  if (B % N === 0n) {
    throw new Error('The server sent an invalid SRP_B.');
  }
  const u = computeU(A, B);
  if (u === 0n) {
    throw new Error('The SRP exchange produced u = 0.');
  }
  const x = computeX(input.userPoolId, input.username, input.password, input.salt);
  const base = (((B - k * modPow(g, x, N)) % N) + N) % N;
  const S = modPow(base, input.a + u * x, N);
  const timestamp = srpTimestamp(input.now);
  return { signature: claimSignature(derivedKey(S, u), input.userPoolId, input.username, input.secretBlock, timestamp), timestamp };
}

/** Whether SRP_A is one a server may answer: hexadecimal, and not 0 modulo N (RFC 5054 §2.5.4). */
export function isValidSrpA(A: string): boolean {
  return /^[0-9a-fA-F]+$/.test(A) && parseHex(A) % N !== 0n;
}

// SECRET_HASH has its own file (refresh and the OAuth flows need it, not SRP); kept here for SRP's callers.
export { secretHash } from './secretHash';
