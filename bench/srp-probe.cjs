// SRP (USER_SRP_AUTH) halves, ours beside amazon-cognito-identity-js in one process and one run.
// Client half: everything a client computes for one sign-in (secret a and SRP_A, then the PASSWORD_VERIFIER
// signature from SALT, SRP_B and SECRET_BLOCK). Server half: what our local pool computes (salt, b, SRP_B, then
// the expected signature). Needs the compiled out/ tree (scripts/bench.mjs compiles first). Prints JSON.
// Usage: node bench/srp-probe.cjs [ourRounds] [referenceRounds]
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const root = join(__dirname, '..');
const srp = require(join(root, 'out/src/core/protocol/srp.js'));
// The server half lives with the pool (local-cognito/srpServer.ts): only the pool runs it.
const { srpServerStart, srpServerExpectedSignature } = require(join(root, 'out/local-cognito/srpServer.js'));
const { AuthenticationHelper, DateHelper } = require('amazon-cognito-identity-js');
const { Sha256 } = require('@aws-crypto/sha256-js');

const ourRounds = Number(process.argv[2] ?? 200);
const referenceRounds = Number(process.argv[3] ?? 15);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

const userPoolId = 'ap-northeast-1_BenchPool1';
const username = 'taro';
const password = 'Correct-horse-1';
const secretBlock = randomBytes(64).toString('base64');

function time(rounds, warmUp, fn) {
  for (let i = 0; i < Math.min(warmUp, rounds); i++) fn();
  const samples = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(ms(start));
  }
  return median(samples);
}

/** Checks a client's answer with our server half, so a broken half cannot post a figure. */
function check(server, A, answer, who) {
  const expected = srpServerExpectedSignature({ ...server, A, userPoolId, username, password, secretBlock, timestamp: answer.timestamp });
  if (expected !== answer.signature) throw new Error(`${who}: the server half refused the client half's signature`);
}

const server = srpServerStart(userPoolId, username, password);

// Ours: srpClientStart + srpClientRespond, as signInFlow calls them.
let last;
const ours = time(ourRounds, 20, () => {
  const start = srp.srpClientStart();
  last = { A: start.A, answer: srp.srpClientRespond({ ...start, userPoolId, username, password, salt: server.salt, B: server.B, secretBlock, now: new Date() }) };
});
check(server, last.A, last.answer, 'ours');

// Ours again with a 128-byte a, the size the reference clients draw (ours draws 35 bytes; see srp.ts).
const ours128 = time(Math.min(ourRounds, 60), 5, () => {
  const a = BigInt(`0x${randomBytes(128).toString('hex')}`);
  const A = srp.modPow(srp.g, a, srp.N).toString(16);
  last = { A, answer: srp.srpClientRespond({ a, A, userPoolId, username, password, salt: server.salt, B: server.B, secretBlock, now: new Date() }) };
});
check(server, last.A, last.answer, 'ours, 128-byte a');

// amazon-cognito-identity-js: what CognitoUser.authenticateUserDefaultAuth computes around its two requests.
const reference = time(referenceRounds, 2, () => {
  const helper = new AuthenticationHelper(userPoolId.split('_')[1]); // draws a, computes A
  let A;
  helper.getLargeAValue((err, value) => {
    if (err) throw err;
    A = value.toString(16);
  });
  const BigInteger = helper.N.constructor;
  let hkdf;
  helper.getPasswordAuthenticationKey(username, password, new BigInteger(server.B, 16), new BigInteger(server.salt, 16), (err, key) => {
    if (err) throw err;
    hkdf = key;
  });
  const timestamp = new DateHelper().getNowString();
  const hash = new Sha256(hkdf);
  hash.update(Buffer.concat([Buffer.from(userPoolId.split('_')[1], 'utf8'), Buffer.from(username, 'utf8'), Buffer.from(secretBlock, 'base64'), Buffer.from(timestamp, 'utf8')]));
  last = { A, answer: { signature: Buffer.from(hash.digestSync()).toString('base64'), timestamp } };
});
check(server, last.A, last.answer, 'amazon-cognito-identity-js');

// Our server half: srpServerStart at InitiateAuth, srpServerExpectedSignature at RespondToAuthChallenge.
const client = srp.srpClientStart();
const serverHalf = time(ourRounds, 20, () => {
  const started = srpServerStart(userPoolId, username, password);
  srpServerExpectedSignature({ ...started, A: client.A, userPoolId, username, password, secretBlock, timestamp: 'Thu Nov 5 03:04:05 UTC 2026' });
});

// Ours where the RSA path is refused, as Electron's BoringSSL (VS Code desktop) refuses RSA exponents above
// 33 bits: srp.ts then uses its Diffie-Hellman path. Then the BigInt path alone, the last resort.
const electronRounds = Math.min(ourRounds, 100);
srp.allowNativePaths('dh');
const oursDh = time(electronRounds, 5, () => {
  const start = srp.srpClientStart();
  last = { A: start.A, answer: srp.srpClientRespond({ ...start, userPoolId, username, password, salt: server.salt, B: server.B, secretBlock, now: new Date() }) };
});
check(server, last.A, last.answer, 'ours, Diffie-Hellman path');
srp.allowNativePaths('none');
const bigintRounds = Math.min(ourRounds, 40);
const oursBigInt = time(bigintRounds, 3, () => {
  const start = srp.srpClientStart();
  last = { A: start.A, answer: srp.srpClientRespond({ ...start, userPoolId, username, password, salt: server.salt, B: server.B, secretBlock, now: new Date() }) };
});
check(server, last.A, last.answer, 'ours, BigInt path');
const serverBigInt = time(bigintRounds, 3, () => {
  const started = srpServerStart(userPoolId, username, password);
  srpServerExpectedSignature({ ...started, A: client.A, userPoolId, username, password, secretBlock, timestamp: 'Thu Nov 5 03:04:05 UTC 2026' });
});
srp.allowNativePaths('rsa+dh');

process.stdout.write(
  JSON.stringify({ ourRounds, referenceRounds, bigintRounds, clientOursMs: ours, clientOursDhPathMs: oursDh, clientOurs128ByteAMs: ours128, clientIdentityJsMs: reference, serverOursMs: serverHalf, clientOursBigIntMs: oursBigInt, serverOursBigIntMs: serverBigInt }),
);
