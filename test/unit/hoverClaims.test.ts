import * as assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/shared/clock';
import { formatMessage as t } from '../../src/core/shared/l10n';
import { escapeMarkdown, MAX_HOVER_CLAIMS, renderHoverMarkdown } from '../../src/core/tokens/hoverMarkdown';
import { inspectToken } from '../../src/core/tokens/inspection';
import { decodeToken, type DecodedToken } from '../../src/core/tokens/jwt';
import { idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';

const now = 1_800_000_000;
const options = { clock: new ManualClock(now * 1000), skewSeconds: 0, t, locale: 'en-US', timeZone: 'UTC' };

function hover(token: string): string {
  const decoded = decodeToken(token);
  assert.notEqual(decoded.kind, 'invalid');
  return renderHoverMarkdown(inspectToken(token, decoded as DecodedToken, options), t, 'command:cognitoTokens.decode');
}

/** The Markdown renderer ends a line at CR, LF, CRLF and the Unicode separators. */
function renderedLines(markdown: string): string[] {
  return markdown.split(/\r\n|[\r\n\u2028\u2029\u0085\v\f]/);
}

describe('hover shows every claim', () => {
  it('shows a non-Cognito token\'s own claims instead of "…and 2 more"', () => {
    const markdown = hover(unsignedJwt({ role: 'admin', note: 'hello', exp: now + 3600 }));
    assert.ok(markdown.includes('**role** admin'), markdown);
    assert.ok(markdown.includes('**note** hello'), markdown);
    assert.ok(!markdown.includes('more claims'), markdown);
  });

  it('puts key claims first with explanations, then the rest in token order', () => {
    const markdown = hover(unsignedJwt({ zeta: 1, ...idTokenClaims(now), alpha: 2 }));
    const at = (name: string) => markdown.indexOf(`**${escapeMarkdown(name)}**`);
    for (const name of ['token_use', 'sub', 'cognito:username', 'email', 'aud', 'iss', 'exp', 'zeta', 'alpha']) {
      assert.ok(at(name) >= 0, `${name} is shown`);
    }
    assert.ok(at('token_use') < at('sub') && at('sub') < at('exp'), 'key claims in their own order');
    assert.ok(at('exp') < at('zeta') && at('zeta') < at('alpha'), 'the rest after, as the token has them');
    assert.match(markdown, /\*\*sub\*\* [^\n]+ — \*Subject/);
  });

  it('cuts only past 60 claims and says how many are left', () => {
    const claims = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`c${i}`, i]));
    const sixty = hover(unsignedJwt(claims(MAX_HOVER_CLAIMS)));
    assert.ok(sixty.includes(`**c${MAX_HOVER_CLAIMS - 1}**`));
    assert.ok(!sixty.includes('more claims'));
    const many = hover(unsignedJwt(claims(MAX_HOVER_CLAIMS + 5)));
    assert.ok(!many.includes(`**c${MAX_HOVER_CLAIMS}**`));
    assert.ok(many.includes('…and 5 more claims in the inspector'), many);
  });
});

describe('hover claim names', () => {
  it('a claim with an empty name shows a visible placeholder, not `****` (a Markdown rule)', () => {
    const markdown = hover(unsignedJwt({ '': 'shadow', role: 'admin', exp: now + 3600 }));
    assert.ok(!markdown.includes('****'), markdown);
    assert.ok(markdown.includes(`***${escapeMarkdown('(empty name)')}*** shadow`), markdown);
    assert.ok(markdown.includes('**role** admin'), 'other claims unchanged');
  });

  it('a name of spaces is shown as such, not as an empty bold run', () => {
    const markdown = hover(unsignedJwt({ '   ': 'x', exp: now + 3600 }));
    assert.ok(!markdown.includes('**   **'), markdown);
    assert.ok(markdown.includes(`***${escapeMarkdown('(blank name: 3 spaces)')}*** x`), markdown);
  });
});

describe('hover escaping of line breaks', () => {
  it('a lone CR in kid does not start a heading line', () => {
    const kid = 'x\rSIGNATURE VERIFIED BY AWS\r===';
    const markdown = hover(unsignedJwt({ sub: 'u', exp: now + 3600 }, { alg: 'RS256', kid }));
    assert.ok(!markdown.includes('\r'), 'no CR left');
    const lines = renderedLines(markdown);
    assert.ok(!lines.some((line) => /^\s*(=+|-+|#)/.test(line)), 'no setext underline or ATX heading line');
    assert.ok(!lines.some((line) => line.trim() === 'SIGNATURE VERIFIED BY AWS'), 'claim text does not stand on its own line');
    assert.ok(lines.some((line) => line.includes('x SIGNATURE VERIFIED BY AWS ===')), 'shown inline, escaped');
  });

  it('every line-breaking character becomes a space in claim values (LS and PS a visible escape)', () => {
    for (const brk of ['\r', '\n', '\r\n', '\u2028', '\u2029', '\u0085', '\v', '\f']) {
      const markdown = hover(unsignedJwt({ note: `a${brk}    code block${brk}# heading`, exp: now + 3600 }));
      const noteLine = renderedLines(markdown).find((line) => line.startsWith('**note**'));
      const shown = brk === '\u2028' || brk === '\u2029' ? `\\\\u${brk.charCodeAt(0).toString(16)}    ` : '     ';
      assert.ok(noteLine?.includes(`a${shown}code block${shown.trimEnd() || ' '}\\# heading`), JSON.stringify({ brk, noteLine }));
      assert.ok(!renderedLines(markdown).some((line) => line.startsWith('    code') || line.startsWith('# heading')), JSON.stringify(brk));
    }
  });
});
