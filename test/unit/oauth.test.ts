import * as assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import {
  authorizeUrl,
  codeChallengeS256,
  createCodeVerifier,
  createState,
  logoutUrl,
  parseCallback,
  parseOAuthDomain,
  parseRedirectUri,
  printable,
  type OAuthDomain,
} from '../../src/core/protocol/oauth';
import { explainOAuthFailure } from '../../src/core/protocol/oauthMessages';
import { formatMessage } from '../../src/core/shared/l10n';
import { forLog } from '../../src/core/shared/untrustedText';

const domain = parseOAuthDomain('https://demo.auth.ap-northeast-1.amazoncognito.com') as OAuthDomain;

describe('PKCE (S256)', () => {
  it('matches the test vector of RFC 7636 Appendix B', () => {
    assert.equal(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('matches openid-client\'s calculatePKCECodeChallenge for fresh verifiers', async () => {
    for (let i = 0; i < 20; i++) {
      const verifier = createCodeVerifier();
      assert.equal(codeChallengeS256(verifier), await oidc.calculatePKCECodeChallenge(verifier));
    }
  });

  it('makes 43-character unreserved verifiers that differ every time, and refuses malformed ones', () => {
    const a = createCodeVerifier();
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a, createCodeVerifier());
    assert.throws(() => codeChallengeS256('short'));
    assert.throws(() => codeChallengeS256(`${'a'.repeat(42)} `));
  });

  it('makes unguessable states', () => {
    const states = new Set(Array.from({ length: 50 }, () => createState()));
    assert.equal(states.size, 50);
    assert.ok([...states].every((s) => s.length >= 32));
  });
});

describe('managed-login domain', () => {
  it('accepts Cognito prefix domains, custom https domains and http on loopback only', () => {
    assert.deepEqual(parseOAuthDomain('https://demo.auth.ap-northeast-1.amazoncognito.com/'), { origin: 'https://demo.auth.ap-northeast-1.amazoncognito.com', kind: 'cognito' });
    assert.deepEqual(parseOAuthDomain('https://login.example.com'), { origin: 'https://login.example.com', kind: 'custom' });
    assert.deepEqual(parseOAuthDomain('http://127.0.0.1:9229'), { origin: 'http://127.0.0.1:9229', kind: 'loopback' });
    assert.deepEqual(parseOAuthDomain('http://localhost:9229'), { origin: 'http://localhost:9229', kind: 'loopback' });
    assert.deepEqual(parseOAuthDomain('http://[::1]:9229'), { origin: 'http://[::1]:9229', kind: 'loopback' });
  });

  it('refuses plain http elsewhere, paths, queries, credentials and other schemes', () => {
    assert.equal(parseOAuthDomain('http://login.example.com'), 'domainNotHttps');
    assert.equal(parseOAuthDomain('http://127.0.0.1.evil.example'), 'domainNotHttps');
    assert.equal(parseOAuthDomain('https://login.example.com/oauth2/token?x='), 'domainHasPath');
    assert.equal(parseOAuthDomain('https://login.example.com/#x'), 'domainHasPath');
    assert.equal(parseOAuthDomain('https://user:pw@login.example.com'), 'domainInvalid');
    assert.equal(typeof parseOAuthDomain('javascript:alert(1)'), 'string');
    assert.equal(parseOAuthDomain('ftp://login.example.com'), 'domainNotHttps');
    assert.equal(parseOAuthDomain('not a url'), 'domainInvalid');
  });

  it('does not call a look-alike host a Cognito domain', () => {
    assert.deepEqual(parseOAuthDomain('https://demo.auth.us-east-1.amazoncognito.com.evil.example'), { origin: 'https://demo.auth.us-east-1.amazoncognito.com.evil.example', kind: 'custom' });
  });
});

describe('redirect URI', () => {
  it('loopback with an explicit port is answered by a listener', () => {
    assert.deepEqual(parseRedirectUri('http://localhost:53682/callback'), { kind: 'loopback', uri: 'http://localhost:53682/callback', host: 'localhost', port: 53682, path: '/callback' });
    assert.equal(parseRedirectUri('http://localhost/callback'), 'redirectNeedsPort');
  });

  it('the editor\'s own scheme goes to the URI handler; anything else is refused', () => {
    assert.deepEqual(parseRedirectUri('vscode://cognito-token-inspector.cognito-token-inspector/oauth-callback'), {
      kind: 'uriHandler',
      uri: 'vscode://cognito-token-inspector.cognito-token-inspector/oauth-callback',
      path: '/oauth-callback',
    });
    assert.equal(parseRedirectUri('https://example.com/callback'), 'redirectNotLoopback');
    assert.equal(parseRedirectUri('http://192.168.1.2:8080/callback'), 'redirectNotLoopback');
    assert.equal(parseRedirectUri('myapp://callback'), 'redirectNotLoopback');
  });
});

describe('authorize URL', () => {
  it('carries what openid-client\'s buildAuthorizationUrl puts in the same request', () => {
    const request = { domain, clientId: 'client1', redirectUri: 'http://localhost:53682/callback', scopes: ['openid', 'email', 'api/read'], state: 's-1', codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' };
    const ours = new URL(authorizeUrl(request));
    const config = new oidc.Configuration({ issuer: domain.origin, authorization_endpoint: `${domain.origin}/oauth2/authorize` }, 'client1');
    const theirs = oidc.buildAuthorizationUrl(config, {
      redirect_uri: request.redirectUri,
      scope: request.scopes.join(' '),
      state: request.state,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    });
    assert.equal(ours.origin + ours.pathname, theirs.origin + theirs.pathname);
    const sorted = (u: URL): string[] => [...u.searchParams.entries()].map(([k, v]) => `${k}=${v}`).sort();
    assert.deepEqual(sorted(ours), sorted(theirs));
  });

  it('names a federated provider when the profile has one', () => {
    const url = new URL(authorizeUrl({ domain, clientId: 'c', redirectUri: 'http://localhost:1/cb', scopes: [], state: 's', codeChallenge: 'x', identityProvider: 'Google' }));
    assert.equal(url.searchParams.get('identity_provider'), 'Google');
    assert.equal(url.searchParams.has('scope'), false);
  });

  it('logout URL names the client and where to come back to', () => {
    const url = new URL(logoutUrl(domain, 'c', 'http://localhost:1/signed-out'));
    assert.equal(url.pathname, '/logout');
    assert.equal(url.searchParams.get('client_id'), 'c');
    assert.equal(url.searchParams.get('logout_uri'), 'http://localhost:1/signed-out');
  });
});

describe('callback', () => {
  const q = (text: string): URLSearchParams => new URLSearchParams(text);

  it('returns the code when the state is ours', () => {
    assert.deepEqual(parseCallback(q('code=abc&state=s1'), 's1'), { kind: 'code', code: 'abc' });
  });

  it('ignores code and error when the state is missing or not ours', () => {
    assert.equal((parseCallback(q('code=abc&state=other'), 's1') as { failure: string }).failure, 'stateMismatch');
    assert.equal((parseCallback(q('code=abc'), 's1') as { failure: string }).failure, 'stateMismatch');
    assert.equal((parseCallback(q('error=access_denied'), 's1') as { failure: string }).failure, 'stateMismatch');
  });

  it('cleans error texts with the shared untrusted-text rules', () => {
    const cases = ['plain', 'line1\r\nline2', 'a\u202Eevil\u200B b', `echo ${'x'.repeat(60)} back`, 'y'.repeat(300)];
    for (const text of cases) assert.equal(printable(text), forLog(text, 200));
    assert.equal(printable('a\u202Eb\r\nc'), 'a b c');
    assert.doesNotMatch(printable(`token ${'A'.repeat(50)}`), /A{40}/);
  });

  it('maps Cognito\'s errors to our failures and keeps the description printable', () => {
    const cases: Array<[string, string]> = [
      ['redirect_mismatch', 'redirectMismatch'],
      ['invalid_scope', 'invalidScope'],
      ['unauthorized_client', 'unauthorizedClient'],
      ['access_denied', 'accessDenied'],
      ['invalid_request', 'invalidRequest'],
      ['something_new', 'other'],
    ];
    for (const [error, failure] of cases) {
      const outcome = parseCallback(q(`error=${error}&error_description=line1%0D%0Aline2&state=s1`), 's1');
      assert.equal(outcome.kind, 'failed');
      assert.equal((outcome as { failure: string }).failure, failure);
      assert.doesNotMatch((outcome as { detail: string }).detail, /[\r\n]/);
    }
    assert.equal((parseCallback(q('state=s1'), 's1') as { failure: string }).failure, 'noCode');
  });

  it('explains each failure in words that name what to change', () => {
    assert.match(explainOAuthFailure('redirectMismatch', formatMessage, { redirectUri: 'http://localhost:1/cb' }), /http:\/\/localhost:1\/cb.*callback URLs/);
    assert.match(explainOAuthFailure('invalidScope', formatMessage, { scopes: ['api/read'] }), /api\/read/);
    assert.match(explainOAuthFailure('accessDenied', formatMessage), /denied/);
    assert.match(explainOAuthFailure('timeout', formatMessage, { redirectUri: 'http://localhost:1/cb' }), /redirect_mismatch/);
    assert.match(explainOAuthFailure('unauthorizedClient', formatMessage, { grant: 'client_credentials' }), /client_credentials/);
  });
});
