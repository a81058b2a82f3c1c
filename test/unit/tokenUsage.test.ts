import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { ManualClock } from '../../src/core/shared/clock';
import { formatMessage as t } from '../../src/core/shared/l10n';
import { activeProfile } from '../../src/core/usage/activeProfile';
import { accountLabel, parseScopes } from '../../src/core/usage/authScopes';
import { curlCommand, isUsableUrl, shellQuote, urlInLine } from '../../src/core/usage/curl';
import { expiredNotes } from '../../src/core/usage/inlineExpiry';
import { marginSeconds, refreshBeforeUse } from '../../src/core/usage/refreshDue';
import { exportingProfiles, profileVariable, terminalVariables } from '../../src/core/usage/terminalEnv';
import { matchProfiles } from '../../src/core/usage/tokenMatch';
import { unsignedJwt } from '../fixtures/tokenFactory';

const now = 1_800_000_000;
const iss = 'http://127.0.0.1:9229/local_abc';
const token = (claims: Record<string, unknown>) => unsignedJwt({ iss, exp: now + 3600, iat: now, ...claims });

describe('tokens for tasks: refresh before use', () => {
  it('refreshes when the token expires within the margin, or has no readable expiry', () => {
    assert.equal(refreshBeforeUse(token({ exp: now + 61 }), now * 1000, 60), false);
    assert.equal(refreshBeforeUse(token({ exp: now + 59 }), now * 1000, 60), true);
    assert.equal(refreshBeforeUse(token({ exp: now - 1 }), now * 1000, 60), true);
    assert.equal(refreshBeforeUse(token({ exp: 'never' }), now * 1000, 60), true);
  });

  it('takes the margin from the user value only, clamped, defaulting to 60', () => {
    assert.equal(marginSeconds(undefined), 60);
    assert.equal(marginSeconds('600'), 60);
    assert.equal(marginSeconds(1), 10);
    assert.equal(marginSeconds(1e9), 3600);
    assert.equal(marginSeconds(120), 120);
  });
});

describe('terminal variables', () => {
  const dev = { profile: 'dev-eu.1', id: 'ID-dev', access: 'AC-dev' };
  const prod = { profile: 'prod', id: 'ID-prod', access: 'AC-prod' };

  it('names variables after the profile, upper-cased, non-alphanumerics as _', () => {
    assert.equal(profileVariable('dev-eu.1', 'id'), 'COGNITO_DEV_EU_1_ID_TOKEN');
    assert.equal(profileVariable('ローカル', 'access'), 'COGNITO______ACCESS_TOKEN');
  });

  it('gives every exporting profile its pair and the active one the plain names', () => {
    const vars = terminalVariables([dev, prod], 'prod');
    assert.deepEqual(Object.fromEntries(vars), {
      COGNITO_DEV_EU_1_ID_TOKEN: 'ID-dev', COGNITO_DEV_EU_1_ACCESS_TOKEN: 'AC-dev',
      COGNITO_PROD_ID_TOKEN: 'ID-prod', COGNITO_PROD_ACCESS_TOKEN: 'AC-prod',
      COGNITO_ID_TOKEN: 'ID-prod', COGNITO_ACCESS_TOKEN: 'AC-prod',
    });
    assert.ok(!terminalVariables([dev], 'prod').has('COGNITO_ACCESS_TOKEN'), 'an active profile that does not export exports nothing');
  });

  it('leaves out names two profiles would share', () => {
    const vars = terminalVariables([{ profile: 'a-b', id: '1', access: '2' }, { profile: 'a_b', id: '3', access: '4' }], undefined);
    assert.equal(vars.size, 0);
  });

  it('only user-level entries can opt in', () => {
    assert.deepEqual([...exportingProfiles([{ name: 'dev', exportToTerminal: true }, { name: 'x', exportToTerminal: 'true' }, null, { name: 'y' }])], ['dev']);
    assert.equal(exportingProfiles(undefined).size, 0);
  });

  it('the active profile is the last changed while signed in, else the first signed in', () => {
    assert.equal(activeProfile('b', ['a', 'b']), 'b');
    assert.equal(activeProfile('c', ['a', 'b']), 'a');
    assert.equal(activeProfile(undefined, []), undefined);
  });
});

describe('authentication provider scopes', () => {
  it('reads profile:NAME and id_token, and refuses what it does not know', () => {
    assert.deepEqual(parseScopes(['profile:dev']), { ok: true, profile: 'dev', tokenType: 'access' });
    assert.deepEqual(parseScopes(['id_token', 'profile:dev']), { ok: true, profile: 'dev', tokenType: 'id' });
    assert.deepEqual(parseScopes(undefined), { ok: true, profile: undefined, tokenType: 'access' });
    assert.equal(parseScopes(['profile:a', 'profile:b']).ok, false);
    assert.equal(parseScopes(['openid']).ok, false);
    assert.equal(accountLabel('demo', 'dev'), 'demo (dev)');
  });
});

describe('tokens in files: which profile issued them', () => {
  const session = { profile: 'local', clientId: 'client-1', tokens: { id: token({ token_use: 'id', aud: 'client-1' }), access: token({ token_use: 'access', client_id: 'client-1' }) } };

  it('matches issuer and app client (aud for ID tokens, client_id for access tokens)', () => {
    assert.deepEqual(matchProfiles({ iss, token_use: 'access', client_id: 'client-1' }, [session]), [{ profile: 'local', tokenType: 'access' }]);
    assert.deepEqual(matchProfiles({ iss, token_use: 'id', aud: 'client-1' }, [session]), [{ profile: 'local', tokenType: 'id' }]);
  });

  it('does not match another pool, another client, or a token that is not Cognito\'s', () => {
    assert.deepEqual(matchProfiles({ iss: 'http://127.0.0.1:9229/local_other', token_use: 'access', client_id: 'client-1' }, [session]), []);
    assert.deepEqual(matchProfiles({ iss, token_use: 'access', client_id: 'client-2' }, [session]), []);
    assert.deepEqual(matchProfiles({ iss, token_use: 'id', client_id: 'client-1' }, [session]), [], 'an ID token is matched by aud');
    assert.deepEqual(matchProfiles({ iss, client_id: 'client-1' }, [session]), []);
  });
});

describe('inline expiry notes', () => {
  const clock = new ManualClock(now * 1000);

  it('notes expired tokens only, after the token, in the hover\'s words', () => {
    const expired = token({ exp: now - 7200 });
    const valid = token({});
    const notes = expiredNotes([{ line: 3, text: `a=${expired} b=${valid}` }, { line: 4, text: 'no tokens' }], clock, 0, t);
    assert.deepEqual(notes, [{ line: 3, end: 2 + expired.length, text: 'expired 2 h ago' }]);
  });

  it('honours the clock skew and skips huge lines', () => {
    assert.equal(expiredNotes([{ line: 0, text: token({ exp: now - 10 }) }], clock, 30, t).length, 0);
    assert.equal(expiredNotes([{ line: 0, text: `${'x'.repeat(70_000)} ${token({ exp: now - 7200 })}` }], clock, 0, t).length, 0);
  });
});

describe('copy as curl', () => {
  it('single-quotes untrusted URLs so the shell runs nothing from them', () => {
    const hostile = "https://x.example/a'; touch /tmp/pwned-cti; echo '$(id)`id`";
    const quoted = shellQuote(hostile);
    // The shell itself is the judge: the quoted word comes back unchanged, and nothing ran.
    assert.equal(execFileSync('sh', ['-c', `printf %s ${quoted}`]).toString(), hostile);
  });

  it('builds the command with the header and the URL', () => {
    assert.equal(curlCommand('T0K', 'https://api.example/items?a=1&b=2'), "curl -H 'Authorization: Bearer T0K' 'https://api.example/items?a=1&b=2'");
  });

  it('finds the URL under the cursor, else the first on the line; refuses control characters', () => {
    const line = 'GET https://a.example/one then "https://b.example/two".';
    assert.equal(urlInLine(line, line.indexOf('b.example')), 'https://b.example/two');
    assert.equal(urlInLine(line, 0), 'https://a.example/one');
    assert.equal(urlInLine('nothing here'), undefined);
    assert.equal(isUsableUrl('https://a.example/\nrm -rf ~'), false);
    assert.equal(isUsableUrl('file:///etc/passwd'), false);
  });
});
