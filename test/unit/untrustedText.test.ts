import * as assert from 'node:assert/strict';
import { explainCognitoError } from '../../src/core/protocol/cognitoErrors';
import { formatMessage as t } from '../../src/core/shared/l10n';
import { forLog, forNotification, hiddenLengthAt, safeNotificationMessage, showHidden } from '../../src/core/shared/untrustedText';
import { escapeMarkdown } from '../../src/core/tokens/hoverMarkdown';
import { displayValue } from '../../src/core/tokens/inspection';
import { fakeRefreshToken, idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';
import { fingerprint } from '../../src/core/shared/fingerprint';

/**
 * What VS Code's notifications turn into a link (src/vs/base/common/linkedText.ts, `parseLinkedText`, used
 * by NotificationViewItem.parseNotificationMessage after it replaces CR/LF by spaces). Nothing else in a
 * notification is a link: no bare URLs, no backslash escapes.
 */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

function linksIn(notification: string): string[] {
  return [...notification.replace(/(\r\n|\n|\r)/gm, ' ').matchAll(VSCODE_LINK)].map((m) => m[2]);
}

const HOSTILE = [
  'Session expired, [sign in here](https://evil.example/login)',
  'Run [this](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D) to fix',
  '[open](file:///etc/passwd)',
  '[a]\u200b(https://evil.example)',
  '[a]\u202e(https://evil.example)',
  '[a]\t(https://evil.example)',
  '[a](https://evil.example "title")',
];

describe('untrusted text in notifications', () => {
  it('the hostile texts are links as they stand (the test can fail)', () => {
    assert.equal(linksIn(HOSTILE[0]).length, 1);
    assert.equal(linksIn(HOSTILE[1]).length, 1);
  });

  it('forNotification leaves no link VS Code would render, and keeps the words', () => {
    for (const text of HOSTILE) {
      const safe = forNotification(text);
      assert.deepEqual(linksIn(safe), [], safe);
      assert.deepEqual(linksIn(t('Sign-in to {0} failed: {1}', 'dev', safe)), [], safe);
    }
    assert.equal(forNotification(HOSTILE[0]), 'Session expired, [sign in here] (https://evil.example/login)');
  });

  it('a Cognito error message from a hostile endpoint becomes a message without links', () => {
    for (const name of ['NotAuthorizedException', 'InvalidParameterException', 'SomethingNew', 'InvalidPasswordException']) {
      const explained = explainCognitoError({ name, message: 'Denied, [sign in here](https://evil.example/login)' }, t, { profile: 'dev' });
      assert.deepEqual(linksIn(explained.message), [], explained.message);
      assert.match(explained.message, /sign in here/);
    }
  });

  it('strips control, bidi and invisible characters, collapses whitespace and cuts to 200 characters', () => {
    assert.equal(forNotification('  a\u202Eb\u2066c\u200Bd\u0007e\n\n\tf\u2028g\uFEFF '), 'a b c d e f g');
    assert.equal(forNotification(`x${'\u{E0041}'}y`), 'x y');
    const long = forNotification('word '.repeat(100));
    assert.ok(long.length <= 201 && long.endsWith('…'), long);
  });

  it('no token reaches the message or the log, even when the server echoes one back', () => {
    const jws = unsignedJwt(idTokenClaims(1_800_000_000));
    const jwe = fakeRefreshToken();
    const explained = explainCognitoError({ name: 'NotAuthorizedException', message: `Bad token ${jws} and ${jwe}` }, t, {});
    for (const text of [explained.message, explained.detail]) {
      for (const token of [jws, jwe]) {
        assert.ok(!text.includes(token.slice(0, 40)), `${fingerprint(token)} leaked`);
        assert.ok(!text.includes(token.split('.')[1] ?? token), `${fingerprint(token)} leaked`);
      }
    }
    assert.match(explained.detail, /^NotAuthorizedException: Bad token \[…\] and \[…\]$/);
  });

  it('the log line cannot be split into forged lines', () => {
    assert.equal(forLog('a\r\n[info] forged\u2028line'), 'a [info] forged line');
  });

  it('the notifier\'s last pass breaks links in a whole message', () => {
    assert.deepEqual(linksIn(safeNotificationMessage(t('Profile {0} saved.', HOSTILE[1]))), []);
    assert.equal(safeNotificationMessage('Signed in to dev as taro.'), 'Signed in to dev as taro.');
  });
});

describe('claims with bidi and invisible characters', () => {
  const spoof = 'admin\u202Egro.live@\u202Cexample.com';

  it('the hover shows them as escapes, never the characters themselves', () => {
    const markdown = escapeMarkdown(spoof);
    assert.ok(!/[\u202A-\u202E]/.test(markdown), markdown);
    assert.ok(markdown.includes('\\\\u202E') && markdown.includes('\\\\u202C'), markdown);
    for (const char of ['\u200B', '\u200F', '\u2066', '\u2069', '\uFEFF', '\u00AD', '\u061C', '\u0000', '\u007F', '\u009B']) {
      const shown = escapeMarkdown(`a${char}b`);
      assert.ok(!shown.includes(char), JSON.stringify(shown));
      assert.match(shown, /^a\\\\u[0-9A-F]{4}b$/, JSON.stringify(shown));
    }
    assert.equal(escapeMarkdown('a\u{E0041}b'), 'a\\\\u\\{E0041\\}b');
  });

  it('the hover leaves other text as it is (the fast path)', () => {
    for (const text of ['taro@example.com', 'テスト太郎', 'Ünïcödé 😀', 'a\tb']) {
      assert.equal(escapeMarkdown(text).replace(/\\/g, ''), text);
    }
  });

  it('the inspector and the tree show them as escapes', () => {
    assert.equal(displayValue(spoof, 4000), 'admin\\u202Egro.live@\\u202Cexample.com');
    assert.equal(displayValue(['a\u2067b', 'c\u2028d'], 4000), '["a\\u2067b","c\\u2028d"]');
    assert.equal(displayValue('plain', 4000), 'plain');
    assert.equal(showHidden('\u{E0001}x'), '\\u{E0001}x');
  });

  it('the hover\'s scan agrees with Unicode\'s format and control characters on every BMP code unit', () => {
    const hidden = /[\p{Cc}\p{Cf}]/u;
    const breaks = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x09]);
    for (let code = 0; code < 0xd800; code++) {
      const char = String.fromCharCode(code);
      const expected = hidden.test(char) && !breaks.has(code) ? 1 : 0;
      assert.equal(hiddenLengthAt(char, 0), expected, `U+${code.toString(16)}`);
    }
    for (let code = 0xe000; code <= 0xffff; code++) {
      assert.equal(hiddenLengthAt(String.fromCharCode(code), 0), hidden.test(String.fromCharCode(code)) ? 1 : 0, `U+${code.toString(16)}`);
    }
    for (const cp of [0x110bd, 0x1d173, 0xe0001, 0xe007f, 0x1f600, 0x10000]) {
      assert.equal(hiddenLengthAt(String.fromCodePoint(cp), 0), hidden.test(String.fromCodePoint(cp)) ? 2 : 0, `U+${cp.toString(16)}`);
    }
  });
});

describe('an authorization code in a URL', () => {
  // Cognito's codes are UUIDs: too short to look like a token, yet with the PKCE verifier they become tokens.
  const code = '0f8c2e4a-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
  const url = `http://127.0.0.1:53682/callback?code=${code}&state=abc123`;

  it('is masked in notification values, whole notification messages and log lines', () => {
    for (const shown of [forNotification(`Sign-in failed at ${url}`), safeNotificationMessage(`The redirect ${url} was not expected.`), forLog(`redirect ${url}`)]) {
      assert.ok(!shown.includes(code), shown);
      assert.ok(shown.includes('code=[…]&state=abc123'), shown);
    }
  });

  it('is masked in a fragment, upper case, and percent-encoded inside another URL; other parameters stay', () => {
    assert.equal(forLog(`https://app.example/#code=${code}`), 'https://app.example/#code=[…]');
    assert.equal(forLog(`https://app.example/?CODE=${code}`), 'https://app.example/?CODE=[…]');
    const nested = forLog(`https://x.example/login?redirect_uri=http%3A%2F%2Flocalhost%2Fcb%3Fcode%3D${code}%26state%3Dz`);
    assert.ok(!nested.includes(code), nested);
    assert.ok(nested.includes('%3Fcode%3D[…]%26state%3Dz'), nested);
    assert.equal(forLog('https://x.example/?error_code=42&errorcode=7&client_id=abc'), 'https://x.example/?error_code=42&errorcode=7&client_id=abc');
  });

  it('masks the other credential parameters too', () => {
    const shown = forNotification('token_endpoint said: grant_type=refresh_token&refresh_token=r-123&client_secret=s3cr3t&code_verifier=v-1');
    for (const secret of ['r-123', 's3cr3t', 'v-1']) assert.ok(!shown.includes(secret), shown);
    assert.ok(shown.includes('grant_type=refresh_token'), 'a parameter that names a grant is not a secret');
  });
});
