import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { k, modPow, padHex, secretHash, srpClientRespond, srpClientStart, srpServerExpectedSignature, srpServerStart, srpTimestamp } from '../../src/core/protocol/srp';

describe('Cognito SRP', () => {
  it('pads hex as Java BigInteger does', () => {
    assert.equal(padHex(0xabn), '00ab');
    assert.equal(padHex(0x7fn), '7f');
    assert.equal(padHex(0xfffn), '0fff');
  });

  it('computes k for the 3072-bit group as Cognito clients do', () => {
    // k = H(pad(N) | pad(g)), from amazon-cognito-identity-js's AuthenticationHelper.
    assert.equal(k.toString(16), '538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6');
  });

  it('modPow matches small known values', () => {
    assert.equal(modPow(4n, 13n, 497n), 445n);
    assert.equal(modPow(2n, 0n, 7n), 1n);
  });

  it('formats TIMESTAMP like Cognito (day not padded)', () => {
    assert.equal(srpTimestamp(new Date(Date.UTC(2026, 10, 2, 3, 4, 5))), 'Mon Nov 2 03:04:05 UTC 2026');
  });

  it('client and server agree on the password claim, and disagree on a wrong password', () => {
    const pool = 'ap-northeast-1_AbCdEf123';
    const server = srpServerStart(pool, 'taro', 'Correct-horse-1');
    const client = srpClientStart();
    const secretBlock = Buffer.from('secret block').toString('base64');
    const now = new Date();
    const answer = srpClientRespond({ ...client, userPoolId: pool, username: 'taro', password: 'Correct-horse-1', salt: server.salt, B: server.B, secretBlock, now });
    const expected = srpServerExpectedSignature({ ...server, userPoolId: pool, username: 'taro', password: 'Correct-horse-1', A: client.A, secretBlock, timestamp: answer.timestamp });
    assert.equal(answer.signature, expected);
    const wrong = srpClientRespond({ ...client, userPoolId: pool, username: 'taro', password: 'wrong', salt: server.salt, B: server.B, secretBlock, now });
    assert.notEqual(wrong.signature, expected);
  });

  it('computes SECRET_HASH as documented', () => {
    const expected = createHmac('sha256', 'secret').update('taroclient').digest('base64');
    assert.equal(secretHash('secret', 'taro', 'client'), expected);
  });
});
