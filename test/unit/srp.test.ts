import * as assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import * as identityJs from 'amazon-cognito-identity-js';
import {
  allowNativePaths,
  bigintModPow,
  computeX,
  g,
  isValidSrpA,
  k,
  modPow,
  N,
  padHex,
  poolName,
  secretHash,
  srpClientRespond,
  srpClientStart,
  srpTimestamp,
} from '../../src/core/protocol/srp';
import { srpServerExpectedSignature, srpServerStart } from '../../local-cognito/srpServer';
import { fingerprint } from '../../src/core/shared/fingerprint';
import { unsignedJwt } from '../fixtures/tokenFactory';

// Known-answer tests against implementations we did not write: amazon-cognito-identity-js 6.3
// (AuthenticationHelper, DateHelper and CognitoUser, driven as they are, with their random `a` and their clock
// fixed) and Amplify v6's own SRP helpers. Our client must produce their PASSWORD_CLAIM_SIGNATURE byte for byte,
// and our server half (the local pool's) must accept what they send. Failures name values by fingerprint only.

/** The parts of amazon-cognito-identity-js these tests drive (its typings do not declare them). */
interface RefBigInteger {
  toString(radix: number): string;
}
type RefBigIntegerClass = new (hex: string, radix: number) => RefBigInteger;
interface RefHelper {
  N: RefBigInteger;
  smallAValue: RefBigInteger;
  largeAValue?: RefBigInteger;
  getLargeAValue(callback: (err: unknown, A: RefBigInteger) => void): void;
  getPasswordAuthenticationKey(username: string, password: string, B: RefBigInteger, salt: RefBigInteger, callback: (err: unknown, hkdf: Uint8Array) => void): void;
}
interface RefCognitoUser {
  client: { request(operation: string, params: Record<string, unknown>, callback: (err: unknown, data?: unknown) => void): void };
  authenticateUser(details: unknown, callbacks: { onSuccess(session: unknown): void; onFailure(err: unknown): void }): void;
}
interface IdentityJs {
  AuthenticationHelper: new (poolName: string) => RefHelper;
  DateHelper: new () => { getNowString(): string };
  CognitoUserPool: new (data: { UserPoolId: string; ClientId: string }) => unknown;
  CognitoUser: new (data: { Username: string; Pool: unknown }) => RefCognitoUser;
  AuthenticationDetails: new (data: { Username: string; Password: string }) => unknown;
}
const reference = identityJs as unknown as IdentityJs;

/** Amplify v6's SRP helpers, loaded from its CommonJS build (internal files its exports map does not list). */
interface AmplifyBigInteger {
  toString(radix: number): string;
}
type AmplifyBigIntegerClass = new (hex: string, radix: number) => AmplifyBigInteger;
interface AmplifySrp {
  AuthenticationHelper: new (input: { userPoolName: string; a: AmplifyBigInteger; g: AmplifyBigInteger; A: AmplifyBigInteger; N: AmplifyBigInteger }) => {
    getPasswordAuthenticationKey(input: { username: string; password: string; serverBValue: AmplifyBigInteger; salt: AmplifyBigInteger }): Promise<Uint8Array>;
  };
  BigInteger: AmplifyBigIntegerClass;
  getSignatureString(input: { userPoolName: string; username: string; challengeParameters: Record<string, string>; dateNow: string; hkdf: Uint8Array }): string;
  getNowString(): string;
}
function loadAmplifySrp(): AmplifySrp {
  const load = createRequire(__filename);
  const base = join(dirname(load.resolve('@aws-amplify/auth')), 'providers', 'cognito', 'utils', 'srp');
  const module = (path: string): Record<string, unknown> => load(join(base, path)) as Record<string, unknown>;
  return {
    AuthenticationHelper: module('AuthenticationHelper/AuthenticationHelper.js').default as AmplifySrp['AuthenticationHelper'],
    BigInteger: module('BigInteger/BigInteger.js').default as AmplifyBigIntegerClass,
    getSignatureString: module('getSignatureString.js').getSignatureString as AmplifySrp['getSignatureString'],
    getNowString: module('getNowString.js').getNowString as AmplifySrp['getNowString'],
  };
}

/** Deterministic hex of `bytes` bytes from a label: test constants, not secrets. */
function constantHex(label: string, bytes: number): string {
  let out = '';
  for (let i = 0; out.length < bytes * 2; i++) {
    out += createHash('sha256').update(`${label}/${i}`).digest('hex');
  }
  return out.slice(0, bytes * 2);
}

/** Runs fn with `new Date()` and `Date.now()` fixed at `at`, as their DateHelper reads the clock. */
function withFixedClock<T>(at: number, fn: () => T): T {
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) {
        super(at);
      } else {
        super(...(args as [string]));
      }
    }
    static override now(): number {
      return at;
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
  try {
    return fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

function sameSignature(ours: string | undefined, theirs: string, what: string): void {
  assert.ok(ours === theirs, `${what}: ours ${ours === undefined ? 'undefined' : fingerprint(ours)} ≠ theirs ${fingerprint(theirs)}`);
}

const POOL_ID = 'ap-northeast-1_AbCdEf123';
const FIXED_AT = Date.UTC(2026, 10, 5, 3, 4, 5); // Thu Nov 5 03:04:05 UTC 2026: a one-digit day and hour
const SECRET_BLOCK = Buffer.from(constantHex('secret block', 96), 'hex').toString('base64');
// Their `a` is 128 bytes (what they draw); ours is 35. Both must work with either side.
const A_REFERENCE_SIZE = constantHex('a, 128 bytes', 128);
const A_OUR_SIZE = constantHex('a, 35 bytes', 35);

/** identity-js's AuthenticationHelper with its random a replaced by a constant, A recomputed by its own code. */
const helpers = new Map<string, { helper: RefHelper; BigInteger: RefBigIntegerClass; A: string }>();
function referenceHelper(userPoolId: string, aHex: string): { helper: RefHelper; BigInteger: RefBigIntegerClass; A: string } {
  const key = `${userPoolId} ${aHex}`;
  const cached = helpers.get(key);
  if (cached) {
    return cached; // its methods keep nothing between sign-ins but the last u, which each call recomputes
  }
  const helper = new reference.AuthenticationHelper(poolName(userPoolId));
  const BigInteger = helper.N.constructor as RefBigIntegerClass;
  helper.smallAValue = new BigInteger(aHex, 16);
  helper.largeAValue = undefined;
  let A = '';
  helper.getLargeAValue((err, value) => {
    assert.equal(err, null);
    A = value.toString(16); // what CognitoUser sends as SRP_A
  });
  helpers.set(key, { helper, BigInteger, A });
  return { helper, BigInteger, A };
}

/** PASSWORD_CLAIM_SIGNATURE exactly as CognitoUser.authenticateUserDefaultAuth builds it, with its DateHelper. */
function referenceSignature(ref: ReturnType<typeof referenceHelper>, userPoolId: string, username: string, password: string, salt: string, B: string): { signature: string; timestamp: string } {
  let hkdf: Uint8Array | undefined;
  // As CognitoUser: `new BigInteger(challengeParameters.SRP_B, 16)`, `new BigInteger(challengeParameters.SALT, 16)`.
  ref.helper.getPasswordAuthenticationKey(username, password, new ref.BigInteger(B, 16), new ref.BigInteger(salt, 16), (err, key) => {
    assert.equal(err, null);
    hkdf = key;
  });
  assert.ok(hkdf);
  const timestamp = withFixedClock(FIXED_AT, () => new reference.DateHelper().getNowString());
  const hash = new Sha256(hkdf);
  hash.update(
    Buffer.concat([Buffer.from(poolName(userPoolId), 'utf8'), Buffer.from(username, 'utf8'), Buffer.from(SECRET_BLOCK, 'base64'), Buffer.from(timestamp, 'utf8')]),
  );
  return { signature: Buffer.from(hash.digestSync()).toString('base64'), timestamp };
}

interface Case {
  name: string;
  salt: string;
  username: string;
  password: string;
  userPoolId?: string;
}

// Salts as a server may send them. The first rows are issue 8's bug: a salt whose hex starts with 00 and then a
// byte below 0x80 hashed differently from the reference, which reads SALT as a number before padding it.
const SALT_CASES: Case[] = [
  { name: '00 then a byte below 0x80', salt: `0012${constantHex('s1', 14)}`, username: 'taro', password: 'Correct-horse-1' },
  { name: '00 then 0x7f', salt: `007f${constantHex('s2', 14)}`, username: 'taro', password: 'Correct-horse-1' },
  { name: '0000 then a byte below 0x80', salt: `00003a${constantHex('s3', 13)}`, username: 'taro', password: 'Correct-horse-1' },
  { name: 'eight 00 bytes', salt: `0000000000000000${constantHex('s4', 8)}`, username: 'taro', password: 'Correct-horse-1' },
  { name: 'all zeros but the last byte', salt: `${'00'.repeat(15)}05`, username: 'taro', password: 'Correct-horse-1' },
  { name: '00 then a byte 0x80 or above', salt: `0080${constantHex('s5', 14)}`, username: 'taro', password: 'Correct-horse-1' },
  { name: 'top bit set (needs a 00 pad)', salt: `c3${constantHex('s6', 15)}`, username: 'taro', password: 'Correct-horse-1' },
  { name: 'top bit clear', salt: `5a${constantHex('s7', 15)}`, username: 'taro', password: 'Correct-horse-1' },
  { name: 'odd length, first digit 0 then < 8', salt: `07${constantHex('s8', 15).slice(1)}`, username: 'taro', password: 'Correct-horse-1' },
  { name: 'odd length, first digit above 7', salt: `b${constantHex('s9', 15)}`, username: 'taro', password: 'Correct-horse-1' },
  { name: 'odd length, first digit below 8', salt: `3${constantHex('s10', 15)}`, username: 'taro', password: 'Correct-horse-1' },
  { name: 'upper-case hex', salt: `004${constantHex('s11', 15).slice(1)}`.toUpperCase(), username: 'taro', password: 'Correct-horse-1' },
  { name: 'UTF-8 username and password', salt: `0001${constantHex('s12', 14)}`, username: 'ユーザー', password: 'pässwörd🔑' },
  { name: 'UTF-8, full-width and emoji', salt: `9e${constantHex('s13', 15)}`, username: 'ｔａｒｏ@例え.jp', password: '秘密の🔑パス word' },
  { name: 'another pool name', salt: `006${constantHex('s14', 15).slice(1)}`, username: 'hanako', password: 'Pa55-word', userPoolId: 'us-east-1_Zz9' },
];

describe('Cognito SRP', function () {
  this.timeout(60_000); // amazon-cognito-identity-js's BigInteger takes about 0.2 s per exponentiation
  it('pads hex as Java BigInteger does, reading strings as numbers', () => {
    assert.equal(padHex(0xabn), '00ab');
    assert.equal(padHex(0x7fn), '7f');
    assert.equal(padHex(0xfffn), '0fff');
    assert.equal(padHex(0n), '00');
    assert.equal(padHex('0012ab'), '12ab');
    assert.equal(padHex('0000ab'), '00ab');
    assert.equal(padHex('0080'), '0080');
    assert.equal(padHex('abc'), '0abc');
    assert.equal(padHex('07ab'), '07ab');
    assert.equal(padHex('0F'), '0f');
    assert.throws(() => padHex('12xy'), /not hexadecimal/);
  });

  it('computes k for the 3072-bit group as Cognito clients do', () => {
    // k = H(pad(N) | pad(g)), from amazon-cognito-identity-js's AuthenticationHelper.
    assert.equal(k.toString(16), '538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6');
    assert.equal(k.toString(16), (new reference.AuthenticationHelper('x') as unknown as { k: RefBigInteger }).k.toString(16));
  });

  it('takes the pool name after "_" as Amplify v6 does', () => {
    assert.equal(poolName('ap-northeast-1_AbCdEf123'), 'AbCdEf123');
    assert.equal(poolName('local_56Gxe9aP'), '56Gxe9aP');
    assert.equal(poolName('nounderscore'), ''); // Amplify: `split('_')[1] || ''`
  });

  it('modPow: the Diffie-Hellman path (what BoringSSL leaves) agrees with BigInt, edges included', function () {
    this.timeout(60_000);
    allowNativePaths('dh');
    try {
      const big = BigInt(`0x${constantHex('dh-exponent', 160)}`);
      for (const base of [0n, 1n, 2n, 3n, N - 2n, N - 1n, N, -7n, BigInt(`0x${constantHex('dh-base', 384)}`)]) {
        for (const exponent of [0n, 1n, 2n, big, big | 1n]) {
          assert.equal(modPow(base, exponent, N), bigintModPow(base, exponent, N), `base ${base.toString(16).slice(0, 8)}…`);
        }
      }
      // A whole sign-in on that path, judged by the server half.
      const server = srpServerStart('us-east-1_dhPath', 'dh-user', 'dh-password');
      const start = srpClientStart();
      const answer = srpClientRespond({ ...start, userPoolId: 'us-east-1_dhPath', username: 'dh-user', password: 'dh-password', salt: server.salt, B: server.B, secretBlock: 'c2VjcmV0', now: new Date() });
      const expected = srpServerExpectedSignature({ ...server, A: start.A, userPoolId: 'us-east-1_dhPath', username: 'dh-user', password: 'dh-password', secretBlock: 'c2VjcmV0', timestamp: answer.timestamp });
      assert.equal(answer.signature, expected);
    } finally {
      allowNativePaths('rsa+dh');
    }
  });

  it('modPow: OpenSSL and BigInt agree, including the edges OpenSSL refuses', function () {
    this.timeout(60_000);
    assert.equal(modPow(4n, 13n, 497n), 445n);
    assert.equal(modPow(2n, 0n, 7n), 1n);
    assert.equal(bigintModPow(2n, 10n, 1000n), 24n); // the doubling path, with its subtraction
    assert.equal(bigintModPow(9n, 3n, 7n), 1n); // 9 ≡ 2 (mod 7)
    assert.equal(bigintModPow(3n, 0x1234n, 1n), 0n);
    assert.equal(bigintModPow(-2n, 3n, 11n), 3n);
    const big = BigInt(`0x${constantHex('exponent', 160)}`);
    const bases = [0n, 1n, 2n, 3n, N - 1n, N, N + 5n, -7n, BigInt(`0x${constantHex('base', 384)}`)];
    const check = (base: bigint, exponent: bigint): void =>
      assert.equal(modPow(base, exponent, N), bigintModPow(base, exponent, N), `base ${base.toString(16).slice(0, 8)}…, exponent ${exponent.toString(16).slice(0, 8)}…`);
    for (const base of bases) {
      for (const exponent of [0n, 1n, 2n, 3n, big, big | 1n, big & ~1n]) {
        check(base, exponent);
      }
    }
    // Exponents OpenSSL refuses (not below N) and the largest it takes; BigInt is slow at this size, so fewer bases.
    for (const base of [2n, N - 1n, bases[8]]) {
      for (const exponent of [N - 1n, N, N + 2n]) {
        check(base, exponent);
      }
    }
  });

  it('formats TIMESTAMP exactly as identity-js DateHelper and Amplify v6 getNowString do', () => {
    const amplify = loadAmplifySrp();
    const moments = [FIXED_AT, Date.UTC(2026, 10, 2, 3, 4, 5), Date.UTC(2027, 0, 1, 0, 0, 0), Date.UTC(2026, 11, 31, 23, 59, 59), Date.UTC(2028, 1, 29, 9, 9, 9), Date.UTC(2026, 4, 10, 10, 10, 10)];
    for (const at of moments) {
      const theirs = withFixedClock(at, () => new reference.DateHelper().getNowString());
      assert.equal(srpTimestamp(new Date(at)), theirs);
      assert.equal(withFixedClock(at, () => amplify.getNowString()), theirs);
    }
    assert.equal(srpTimestamp(new Date(FIXED_AT)), 'Thu Nov 5 03:04:05 UTC 2026');
  });

  it('client and server agree on the password claim, and disagree on a wrong password', () => {
    const server = srpServerStart(POOL_ID, 'taro', 'Correct-horse-1');
    const client = srpClientStart();
    const now = new Date();
    const answer = srpClientRespond({ ...client, userPoolId: POOL_ID, username: 'taro', password: 'Correct-horse-1', salt: server.salt, B: server.B, secretBlock: SECRET_BLOCK, now });
    const expected = srpServerExpectedSignature({ ...server, userPoolId: POOL_ID, username: 'taro', password: 'Correct-horse-1', A: client.A, secretBlock: SECRET_BLOCK, timestamp: answer.timestamp });
    sameSignature(expected, answer.signature, 'our client, our server');
    const wrong = srpClientRespond({ ...client, userPoolId: POOL_ID, username: 'taro', password: 'wrong', salt: server.salt, B: server.B, secretBlock: SECRET_BLOCK, now });
    assert.notEqual(wrong.signature, expected);
  });

  it('the server refuses an SRP_A that is not hex or is 0 mod N', () => {
    assert.equal(isValidSrpA('zz'), false);
    assert.equal(isValidSrpA(''), false);
    assert.equal(isValidSrpA(N.toString(16)), false);
    assert.equal(isValidSrpA(`00${(N * 2n).toString(16)}`), false);
    assert.equal(isValidSrpA('2'), true);
    const server = srpServerStart(POOL_ID, 'taro', 'pw');
    const input = { ...server, userPoolId: POOL_ID, username: 'taro', password: 'pw', secretBlock: SECRET_BLOCK, timestamp: 'Thu Nov 5 03:04:05 UTC 2026' };
    assert.equal(srpServerExpectedSignature({ ...input, A: '0' }), undefined);
    assert.equal(srpServerExpectedSignature({ ...input, A: 'not hex' }), undefined);
  });

  it('x for a salt starting 00 then a byte below 0x80 is the reference x (issue 8 item 1)', () => {
    // The reference: x = H(padHex(new BigInteger(SALT, 16)) | H(poolName | username | ":" | password)).
    const salt = `0012${constantHex('x salt', 14)}`;
    const inner = createHash('sha256').update(`AbCdEf123taro:Correct-horse-1`, 'utf8').digest('hex');
    const referenceX = BigInt(`0x${createHash('sha256').update(Buffer.from(salt.slice(2) + inner, 'hex')).digest('hex')}`);
    assert.equal(computeX(POOL_ID, 'taro', 'Correct-horse-1', salt), referenceX);
  });

  describe('known answers against amazon-cognito-identity-js AuthenticationHelper', () => {

    for (const aHex of [A_REFERENCE_SIZE, A_OUR_SIZE]) {
      // Every salt with their a size; the first few again with ours (the size does not touch the encodings).
      for (const c of aHex === A_REFERENCE_SIZE ? SALT_CASES : SALT_CASES.slice(0, 4)) {
        it(`salt ${c.name}, a of ${aHex.length / 2} bytes: same signature; our server accepts theirs`, () => {
          const userPoolId = c.userPoolId ?? POOL_ID;
          const server = srpServerStart(userPoolId, c.username, c.password, { salt: c.salt });
          assert.equal(server.salt, c.salt);
          const ref = referenceHelper(userPoolId, aHex);
          const theirs = referenceSignature(ref, userPoolId, c.username, c.password, server.salt, server.B);
          assert.equal(theirs.timestamp, 'Thu Nov 5 03:04:05 UTC 2026');
          const ours = srpClientRespond({ a: BigInt(`0x${aHex}`), A: ref.A, userPoolId, username: c.username, password: c.password, salt: server.salt, B: server.B, secretBlock: SECRET_BLOCK, now: new Date(FIXED_AT) });
          assert.equal(ours.timestamp, theirs.timestamp);
          sameSignature(ours.signature, theirs.signature, 'our client vs identity-js');
          const expected = srpServerExpectedSignature({ ...server, A: ref.A, userPoolId, username: c.username, password: c.password, secretBlock: SECRET_BLOCK, timestamp: theirs.timestamp });
          sameSignature(expected, theirs.signature, 'our server vs identity-js');
          // A wrong password is still refused.
          const wrong = referenceSignature(ref, userPoolId, c.username, `${c.password}x`, server.salt, server.B);
          assert.notEqual(wrong.signature, expected);
        });
      }
    }

    describe('SRP_B shapes', () => {
      // b values found by a deterministic search so that B's hex starts as each row needs.
      const shapes: { name: string; test: (B: string) => boolean }[] = [
        { name: 'B with a zero top byte (short hex)', test: (B) => B.length <= 766 },
        { name: 'B with an odd hex length', test: (B) => B.length % 2 === 1 },
        { name: 'B with its top bit set', test: (B) => B.length === 768 && /^[89a-f]/.test(B) },
        { name: 'B with its top bit clear', test: (B) => B.length === 768 && /^[1-7]/.test(B) },
      ];
      const c = SALT_CASES[0];
      for (const shape of shapes) {
        it(`${shape.name}, sent as is and with leading 00s`, () => {
          let server: ReturnType<typeof srpServerStart> | undefined;
          for (let i = 0; i < 5000 && !server; i++) {
            const candidate = srpServerStart(POOL_ID, c.username, c.password, { salt: c.salt, b: constantHex(`b ${i}`, 35) });
            if (shape.test(candidate.B)) server = candidate;
          }
          assert.ok(server, `no b found for ${shape.name}`);
          const ref = referenceHelper(POOL_ID, A_REFERENCE_SIZE);
          for (const sentB of [server.B, `0000${server.B}`, `0${server.B}`, server.B.toUpperCase()]) {
            const theirs = referenceSignature(ref, POOL_ID, c.username, c.password, server.salt, sentB);
            const ours = srpClientRespond({ a: BigInt(`0x${A_REFERENCE_SIZE}`), A: ref.A, userPoolId: POOL_ID, username: c.username, password: c.password, salt: server.salt, B: sentB, secretBlock: SECRET_BLOCK, now: new Date(FIXED_AT) });
            sameSignature(ours.signature, theirs.signature, `our client vs identity-js (B sent as ${sentB.slice(0, 4)}…)`);
            const expected = srpServerExpectedSignature({ ...server, A: ref.A, userPoolId: POOL_ID, username: c.username, password: c.password, secretBlock: SECRET_BLOCK, timestamp: theirs.timestamp });
            sameSignature(expected, theirs.signature, 'our server vs identity-js');
          }
        });
      }
    });

    it('our server accepts what a whole identity-js CognitoUser sign-in sends (its clock, its random a)', async () => {
      // CognitoUser.authenticateUser as an app calls it; only its transport is replaced by our server half.
      const cases = [SALT_CASES[0], SALT_CASES[2], SALT_CASES[8], SALT_CASES[12]];
      for (const c of cases) {
        const pool = new reference.CognitoUserPool({ UserPoolId: POOL_ID, ClientId: 'client123' });
        const user = new reference.CognitoUser({ Username: c.username, Pool: pool });
        let server: ReturnType<typeof srpServerStart> | undefined;
        let srpA = '';
        let verdict: 'accepted' | 'refused' | undefined;
        user.client = {
          request(operation, params, callback) {
            if (operation === 'InitiateAuth') {
              srpA = (params.AuthParameters as Record<string, string>).SRP_A;
              server = srpServerStart(POOL_ID, c.username, c.password, { salt: c.salt });
              callback(null, { ChallengeName: 'PASSWORD_VERIFIER', Session: 's', ChallengeParameters: { SALT: server.salt, SRP_B: server.B, SECRET_BLOCK, USER_ID_FOR_SRP: c.username, USERNAME: c.username } });
              return;
            }
            assert.equal(operation, 'RespondToAuthChallenge');
            assert.ok(server);
            const responses = params.ChallengeResponses as Record<string, string>;
            assert.match(responses.TIMESTAMP, /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) [A-Z][a-z]{2} [1-9]\d? \d\d:\d\d:\d\d UTC \d{4}$/);
            const expected = srpServerExpectedSignature({ ...server, A: srpA, userPoolId: POOL_ID, username: responses.USERNAME, password: c.password, secretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK, timestamp: responses.TIMESTAMP });
            verdict = expected === responses.PASSWORD_CLAIM_SIGNATURE ? 'accepted' : 'refused';
            if (verdict === 'refused') {
              callback({ code: 'NotAuthorizedException', name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
              return;
            }
            const now = Math.floor(Date.now() / 1000);
            const claims = { sub: 'sub-1', exp: now + 3600, iat: now, 'cognito:username': c.username };
            callback(null, { ChallengeParameters: {}, AuthenticationResult: { IdToken: unsignedJwt(claims), AccessToken: unsignedJwt({ ...claims, token_use: 'access' }), RefreshToken: 'refresh', ExpiresIn: 3600, TokenType: 'Bearer' } });
          },
        };
        await new Promise<void>((resolve, reject) => {
          user.authenticateUser(new reference.AuthenticationDetails({ Username: c.username, Password: c.password }), {
            onSuccess: () => resolve(),
            onFailure: (err) => reject(new Error(`identity-js sign-in (salt ${c.name}) failed: ${(err as { code?: string }).code ?? 'error'}`)),
          });
        });
        assert.equal(verdict, 'accepted', c.name);
      }
    });
  });

  describe('known answers against Amplify v6 SRP helpers', () => {
    const amplify = loadAmplifySrp();
    for (const c of SALT_CASES) {
      it(`salt ${c.name}: same signature as Amplify v6; our server accepts it`, async () => {
        const userPoolId = c.userPoolId ?? POOL_ID;
        const server = srpServerStart(userPoolId, c.username, c.password, { salt: c.salt });
        const a = BigInt(`0x${A_OUR_SIZE}`);
        const A = modPow(g, a, N).toString(16);
        // As Amplify's getAuthenticationHelper + handlePasswordVerifierChallenge, with a and the date fixed.
        const helper = new amplify.AuthenticationHelper({
          userPoolName: poolName(userPoolId),
          a: new amplify.BigInteger(A_OUR_SIZE, 16),
          g: new amplify.BigInteger('2', 16),
          A: new amplify.BigInteger(A, 16),
          N: new amplify.BigInteger(N.toString(16), 16),
        });
        const hkdf = await helper.getPasswordAuthenticationKey({ username: c.username, password: c.password, serverBValue: new amplify.BigInteger(server.B, 16), salt: new amplify.BigInteger(server.salt, 16) });
        const timestamp = srpTimestamp(new Date(FIXED_AT));
        const theirs = amplify.getSignatureString({ userPoolName: poolName(userPoolId), username: c.username, challengeParameters: { SECRET_BLOCK }, dateNow: timestamp, hkdf });
        const ours = srpClientRespond({ a, A, userPoolId, username: c.username, password: c.password, salt: server.salt, B: server.B, secretBlock: SECRET_BLOCK, now: new Date(FIXED_AT) });
        sameSignature(ours.signature, theirs, 'our client vs Amplify v6');
        sameSignature(srpServerExpectedSignature({ ...server, A, userPoolId, username: c.username, password: c.password, secretBlock: SECRET_BLOCK, timestamp }), theirs, 'our server vs Amplify v6');
      });
    }
  });

  it('computes SECRET_HASH as documented', () => {
    const expected = createHmac('sha256', 'secret').update('taroclient').digest('base64');
    assert.equal(secretHash('secret', 'taro', 'client'), expected);
  });
});
