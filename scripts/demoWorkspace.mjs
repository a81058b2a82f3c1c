// Writes the demo workspace that `npm start` opens: files holding fresh tokens to hover, in the places
// tokens turn up in real work (JSON, .http requests, .env, OAuth callback URLs, logs), plus a few broken ones.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './lib.mjs';

const require = createRequire(import.meta.url);

export function writeDemoWorkspace(folder, issuer, key) {
  const t = require(join(root, 'out', 'test', 'fixtures', 'tokenFactory.js'));
  const now = Math.floor(Date.now() / 1000);
  const id = t.signJwt(t.idTokenClaims(now, { iss: issuer }), key);
  const access = t.signJwt(t.accessTokenClaims(now, { iss: issuer, exp: now + 4 * 60 }), key);
  const expired = t.signJwt(t.accessTokenClaims(now - 7200, { iss: issuer }), key);
  const refresh = t.fakeRefreshToken();
  mkdirSync(folder, { recursive: true });
  const files = {
    'README.md': [
      '# Cognito Token Inspector demo',
      '',
      'Hover any token in these files. Then try the command palette: **Cognito: Decode JWT** and',
      '**Cognito: Verify JWT Signature** (the tokens are signed by a key that `npm start` serves on this machine).',
      '',
      '- `session.json`: an ID token (Japanese name and custom attribute), an access token about to expire, an expired one, a refresh token (encrypted)',
      '- `request.http`: a token after `Bearer `',
      '- `.env`: a token as a value',
      '- `callback.txt`: an OAuth callback URL with two tokens in its fragment',
      '- `server.log`: a long log line',
      '- `broken.txt`: things that only look like tokens, and a malformed one to decode from the palette',
      '- `local-user-pool.json`: the local user pool `npm start` runs, its app clients and the demo user',
      '',
      '## Sign in',
      '',
      'Open the **Cognito Tokens** view in the activity bar and sign in to **demo-rotating** as `demo` /',
      '`Demo-Passw0rd!` (profiles are in `.vscode/settings.json`). The ID, access and refresh tokens appear in',
      'the tree; open them in the inspector from there.',
      '',
    ].join('\n'),
    'session.json': `${JSON.stringify({ idToken: id, accessToken: access, expiredAccessToken: expired, refreshToken: refresh }, null, 2)}\n`,
    'request.http': `GET https://api.example.com/profile\nAuthorization: Bearer ${access}\nAccept: application/json\n`,
    '.env': `API_URL=https://api.example.com\nID_TOKEN=${id}\n`,
    'callback.txt': `http://localhost:3000/callback#id_token=${id}&access_token=${access}&expires_in=3600&token_type=Bearer\n`,
    'server.log': `${'2026-11-22T02:00:00Z DEBUG health ok '.repeat(2000)}Authorization: Bearer ${access} ${'tail '.repeat(2000)}\n`,
    'broken.txt': [
      'version 1.2.3 is not a token',
      'neither is a.b.c',
      'truncated: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4',
      `not JSON: ${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('not json').toString('base64url')}.c2ln`,
      '',
    ].join('\n'),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}
