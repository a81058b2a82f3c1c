import * as assert from 'node:assert/strict';
import { decodeToken, looksLikeJwt, MAX_TOKEN_CHARS, normalizeTokenInput } from '../../src/core/tokens/jwt';
import { b64url, fakeRefreshToken, idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';

describe('decodeToken', () => {
  const now = 1_800_000_000;

  it('decodes header and payload of a JWS, with UTF-8 claims intact', () => {
    const result = decodeToken(unsignedJwt(idTokenClaims(now)));
    assert.equal(result.kind, 'jws');
    if (result.kind !== 'jws') return;
    assert.equal(result.header.alg, 'RS256');
    assert.equal(result.payload.name, '山田 太郎');
    assert.equal(result.payload['custom:department'], '開発部');
  });

  it('reads only the header of an encrypted token (JWE, five parts)', () => {
    const result = decodeToken(fakeRefreshToken());
    assert.equal(result.kind, 'jwe');
    assert.deepEqual(result.kind === 'jwe' && result.header, { cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' });
  });

  const failures: Array<[string, string, string, string?]> = [
    ['empty', '', 'empty'],
    ['two parts', `${b64url({ alg: 'HS256' })}.${b64url({})}`, 'wrongSegmentCount'],
    ['four parts', 'eyJh.eyJh.abc.def', 'wrongSegmentCount'],
    ['bad base64 in the payload', `${b64url({ alg: 'HS256' })}.pay*load.sig`, 'badBase64', 'payload'],
    ['an impossible base64 length', `${b64url({ alg: 'HS256' })}.abcde.sig`, 'badBase64', 'payload'],
    ['invalid UTF-8', `${b64url({ alg: 'HS256' })}.${Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url')}.sig`, 'badUtf8', 'payload'],
    ['non-JSON payload', `${b64url({ alg: 'HS256' })}.${b64url('not json')}.sig`, 'badJson', 'payload'],
    ['a JSON array payload', `${b64url({ alg: 'HS256' })}.${b64url([1, 2])}.sig`, 'notAnObject', 'payload'],
    ['a JSON string header', `${b64url('"x"')}.${b64url({})}.sig`, 'notAnObject', 'header'],
    ['an empty signature without alg none', `${b64url({ alg: 'RS256' })}.${b64url({})}.`, 'badBase64', 'signature'],
  ];
  for (const [name, token, code, part] of failures) {
    it(`explains ${name} as ${code}`, () => {
      const result = decodeToken(token);
      assert.equal(result.kind, 'invalid');
      if (result.kind !== 'invalid') return;
      assert.equal(result.code, code);
      assert.equal(result.part, part);
    });
  }

  it('refuses a 5 MB "token" at once, by length', () => {
    const huge = `${b64url({ alg: 'HS256' })}.${'A'.repeat(5 * 1024 * 1024)}.sig`;
    const result = decodeToken(huge);
    assert.equal(result.kind === 'invalid' && result.code, 'tooLarge');
    assert.ok(huge.length > MAX_TOKEN_CHARS);
  });

  it('accepts an unsecured token (alg none) with an empty signature', () => {
    const result = decodeToken(`${b64url({ alg: 'none' })}.${b64url({ sub: 'x' })}.`);
    assert.equal(result.kind, 'jws');
  });

  it('survives deeply nested JSON without throwing', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const result = decodeToken(`${b64url({ alg: 'HS256' })}.${b64url(`{"a":${deep}}`)}.sig`);
    assert.ok(result.kind === 'jws' || result.kind === 'invalid');
  });

  it('never puts token text into a failure detail', () => {
    const secret = 'SECRETSECRETSECRET';
    const result = decodeToken(`${b64url({ alg: 'HS256' })}.${b64url(`{"a": ${secret}}`)}.sig`);
    assert.equal(result.kind, 'invalid');
    assert.ok(!JSON.stringify(result).includes(secret));
  });
});

describe('looksLikeJwt and normalizeTokenInput', () => {
  it('rejects version numbers and plain dotted words', () => {
    for (const text of ['1.2.3', 'a.b.c', 'v10.20.30', 'example.com', 'eyJ', 'foo.bar.baz.qux']) {
      assert.equal(looksLikeJwt(text), false, text);
    }
  });

  it('accepts JWS and JWE shapes', () => {
    assert.ok(looksLikeJwt(unsignedJwt({ sub: 'x' })));
    assert.ok(looksLikeJwt(fakeRefreshToken()));
  });

  it('strips Bearer, an Authorization header name and quotes', () => {
    assert.equal(normalizeTokenInput('  Bearer abc.def.ghi '), 'abc.def.ghi');
    assert.equal(normalizeTokenInput('Authorization: Bearer abc.def.ghi'), 'abc.def.ghi');
    assert.equal(normalizeTokenInput('"abc.def.ghi"'), 'abc.def.ghi');
    assert.equal(normalizeTokenInput('bearer\tabc.def.ghi'), 'abc.def.ghi');
  });
});
