import * as assert from 'node:assert/strict';
import { MAX_TOKEN_CHARS } from '../../src/core/tokens/jwt';
import { findTokens, locateTokenAt } from '../../src/core/tokens/tokenLocator';
import { accessTokenClaims, idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';

describe('locateTokenAt', () => {
  const id = unsignedJwt(idTokenClaims(1_800_000_000));
  const access = unsignedJwt(accessTokenClaims(1_800_000_000));

  function at(line: string, token: string, offsetInToken = 10): ReturnType<typeof locateTokenAt> {
    return locateTokenAt(line, line.indexOf(token) + offsetInToken);
  }

  it('finds a token after Bearer', () => {
    const line = `Authorization: Bearer ${id}`;
    const found = at(line, id);
    assert.equal(found?.kind === 'token' && found.text, id);
  });

  it('finds a token inside a JSON string', () => {
    const line = `  "idToken": "${id}",`;
    assert.equal(at(line, id)?.kind === 'token' && (at(line, id) as { text: string }).text, id);
  });

  it('finds a token as a .env value', () => {
    const line = `ACCESS_TOKEN=${access}`;
    const found = at(line, access, 200);
    assert.equal(found?.kind === 'token' && found.text, access);
  });

  it('in a URL fragment, picks the token under the cursor, not its neighbour', () => {
    const line = `https://app.example.com/cb#id_token=${id}&access_token=${access}&token_type=Bearer`;
    const first = at(line, id, 5);
    const second = at(line, access, 5);
    assert.equal(first?.kind === 'token' && first.text, id);
    assert.equal(second?.kind === 'token' && second.text, access);
  });

  it('finds the token when the cursor sits just after its last character', () => {
    const line = `x ${id} y`;
    const found = locateTokenAt(line, line.indexOf(id) + id.length);
    assert.equal(found?.kind === 'token' && found.text, id);
  });

  it('drops a sentence-ending period', () => {
    const line = `The token is ${id}.`;
    const found = at(line, id);
    assert.equal(found?.kind === 'token' && found.text, id);
  });

  it('finds a token in the middle of a 1 MB log line', () => {
    const filler = 'x'.repeat(512 * 1024);
    const line = `${filler} token=${id} ${filler}`;
    const found = at(line, id, 100);
    assert.equal(found?.kind === 'token' && found.text, id);
  });

  it('reports a token-shaped run over the size limit instead of decoding it', () => {
    const line = `t=eyJhbGciOiJub25lIn0.${'A'.repeat(5 * 1024 * 1024)}.x`;
    const found = locateTokenAt(line, 10);
    assert.equal(found?.kind, 'tooLarge');
    assert.ok(found?.kind === 'tooLarge' && found.minimumLength > MAX_TOKEN_CHARS);
  });

  it('stays quiet inside a huge run that does not start like a token', () => {
    const line = 'Z'.repeat(3 * MAX_TOKEN_CHARS);
    assert.equal(locateTokenAt(line, MAX_TOKEN_CHARS * 2), undefined);
  });

  it('ignores version numbers, dotted words and whitespace', () => {
    for (const line of ['version 1.2.3 here', 'a.b.c', 'package.json.bak', '   ']) {
      assert.equal(locateTokenAt(line, 9 % Math.max(line.length, 1)), undefined, line);
    }
  });
});

describe('findTokens', () => {
  it('lists every token in a text once', () => {
    const a = unsignedJwt({ sub: 'a' });
    const b = unsignedJwt({ sub: 'b' });
    const found = findTokens(`first ${a}\n"second":"${b}" and 1.2.3`);
    assert.deepEqual(found.map((f) => f.text), [a, b]);
  });
});
