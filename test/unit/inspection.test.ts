import * as assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/shared/clock';
import { renderHoverMarkdown, escapeMarkdown } from '../../src/core/tokens/hoverMarkdown';
import { describeDecodeFailure, inspectToken } from '../../src/core/tokens/inspection';
import { decodeToken, type DecodedToken } from '../../src/core/tokens/jwt';
import { formatMessage as t } from '../../src/core/shared/l10n';
import { safeStringify } from '../../src/core/shared/safeJson';
import { b64url, fakeRefreshToken, idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';

const now = 1_800_000_000;
const clock = new ManualClock(now * 1000);
const options = { clock, skewSeconds: 0, t, locale: 'en-US', timeZone: 'UTC' };

function decoded(token: string): DecodedToken {
  const result = decodeToken(token);
  assert.notEqual(result.kind, 'invalid');
  return result as DecodedToken;
}

describe('inspectToken', () => {
  it('describes a Cognito ID token: title, pool, times, explanations', () => {
    const token = unsignedJwt(idTokenClaims(now));
    const inspection = inspectToken(token, decoded(token), options);
    assert.equal(inspection.title, 'Cognito ID token');
    assert.equal(inspection.expiry.text, 'expires in 60 min');
    assert.equal(inspection.cognito?.userPoolId, 'ap-northeast-1_AbCdEf123');
    assert.equal(inspection.cognito?.jwksUrl, 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_AbCdEf123/.well-known/jwks.json');
    const exp = inspection.payload.find((row) => row.name === 'exp');
    assert.equal(exp?.time?.relative, 'in 60 min');
    assert.match(exp?.explanation ?? '', /Expiration/);
    assert.ok(inspection.notes.some((note) => note.includes('aud is the app client id')));
    assert.equal(inspection.fingerprint.length, 12);
    assert.ok(!JSON.stringify(inspection).includes(token), 'the inspection never carries the token');
  });

  it('flags numbers where strings belong and strings where numbers belong', () => {
    const token = unsignedJwt({ iss: 42, sub: 'x', exp: 'tomorrow', iat: 1e20 });
    const inspection = inspectToken(token, decoded(token), options);
    assert.equal(inspection.problems.length, 3);
    assert.match(inspection.payload.find((row) => row.name === 'exp')?.problem ?? '', /should be a number/);
    assert.match(inspection.payload.find((row) => row.name === 'iat')?.problem ?? '', /out of range/);
    assert.match(inspection.payload.find((row) => row.name === 'iss')?.problem ?? '', /should be a string/);
    assert.equal(inspection.expiry.state, 'noExpiry');
    assert.equal(inspection.expiry.text, 'expiry unknown: exp is not a valid date');
  });

  it('warns about unsigned tokens', () => {
    const token = `${b64url({ alg: 'none' })}.${b64url({ sub: 'x' })}.`;
    assert.match(inspectToken(token, decoded(token), options).problems[0], /unsigned/);
  });

  it('shows an encrypted token as not readable', () => {
    const token = fakeRefreshToken();
    const inspection = inspectToken(token, decoded(token), options);
    assert.equal(inspection.kind, 'jwe');
    assert.equal(inspection.payload.length, 0);
    assert.match(inspection.notes[0], /Contents not readable/);
  });
});

describe('hover markdown', () => {
  it('escapes hostile claims so nothing renders as HTML or links', () => {
    const hostile = '<img src=x onerror=alert(1)> [click](command:workbench.action.quit) **bold** `code`';
    const token = unsignedJwt({ sub: hostile, 'cognito:username': hostile, token_use: 'id', iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x' });
    const markdown = renderHoverMarkdown(inspectToken(token, decoded(token), options), t, 'command:cognitoTokens.decode');
    assert.ok(!/(^|[^\\])[<>]/.test(markdown), 'every < and > is escaped');
    assert.ok(!markdown.includes('](command:workbench'), markdown);
    assert.ok(markdown.includes('\\<img src=x onerror=alert\\(1\\)\\>'));
    assert.ok(markdown.includes('[Open in inspector](command:cognitoTokens.decode)'));
  });

  it('shows Japanese names as written and the key times', () => {
    const token = unsignedJwt(idTokenClaims(now));
    const markdown = renderHoverMarkdown(inspectToken(token, decoded(token), options), t, undefined);
    assert.ok(markdown.includes('山田 太郎'));
    assert.ok(markdown.includes('開発部'));
    assert.ok(markdown.includes('**exp** 2027\\-01\\-15 09\\:00\\:00 UTC'), markdown);
    assert.ok(markdown.includes('in 60 min'));
  });

  it('escapeMarkdown leaves no unescaped markup character', () => {
    assert.equal(escapeMarkdown('a*b_c<d>'), 'a\\*b\\_c\\<d\\>');
  });
});

describe('describeDecodeFailure', () => {
  it('says what is wrong in plain words', () => {
    const result = decodeToken(`${b64url({ alg: 'HS256' })}.${b64url('nope')}.sig`);
    assert.equal(result.kind, 'invalid');
    if (result.kind === 'invalid') {
      assert.match(describeDecodeFailure(result, t), /The payload is not valid JSON/);
    }
  });
});

describe('safeStringify', () => {
  it('cuts hostile nesting instead of overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const text = safeStringify(deep, { maxDepth: 5 });
    assert.equal(text, '[[[[[[…]]]]]]');
  });

  it('matches JSON.stringify on ordinary values', () => {
    const value = { a: [1, 'two', { three: true }], b: null, c: '日本語' };
    assert.equal(safeStringify(value, { indent: 2 }), JSON.stringify(value, null, 2));
    assert.equal(safeStringify(value), JSON.stringify(value));
  });

  it('stops at the length limit', () => {
    assert.ok(safeStringify({ big: 'x'.repeat(10_000) }, { maxLength: 100 }).length <= 102);
  });
});
