import * as assert from 'node:assert/strict';
import { authorizeUrl, parseOAuthDomain, type OAuthDomain } from '../../src/core/protocol/oauth';
import { parseOAuthFields } from '../../src/core/sessions/oauthProfile';
import { signInUserAuth, type UserAuthApi } from '../../src/core/sessions/userAuthFlow';
import { ManualClock } from '../../src/core/shared/clock';

/**
 * Issue 16, step-up: a profile's acrValues and maxAge go out as TARGET_ACR_VALUES / MAX_AGE (USER_AUTH) and
 * acr_values / max_age (managed login), as https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-step-up-authentication.html names them.
 */
describe('step-up: acrValues and maxAge', () => {
  it('reads them from a profile, refusing values that are not ACR URIs or whole seconds', () => {
    assert.deepEqual(parseOAuthFields({ acrValues: ['urn:cognito:loa:3', 'urn:cognito:loa:2'], maxAge: 300 }, 'USER_AUTH'), { acrValues: ['urn:cognito:loa:3', 'urn:cognito:loa:2'], maxAge: 300 });
    for (const bad of [{ acrValues: 'urn:cognito:loa:3' }, { acrValues: ['a b'] }, { acrValues: ['<x>'] }, { maxAge: -1 }, { maxAge: 1.5 }, { maxAge: '60' }]) {
      assert.equal(parseOAuthFields(bad, 'USER_AUTH'), undefined, JSON.stringify(bad));
    }
  });

  it('puts acr_values and max_age on the authorize URL', () => {
    const domain = parseOAuthDomain('https://auth.example.com') as OAuthDomain;
    const url = new URL(authorizeUrl({ domain, clientId: 'c', redirectUri: 'http://127.0.0.1:1/cb', scopes: ['openid'], state: 's', codeChallenge: 'x', acrValues: ['urn:cognito:loa:3'], maxAge: 0 }));
    assert.equal(url.searchParams.get('acr_values'), 'urn:cognito:loa:3');
    assert.equal(url.searchParams.get('max_age'), '0');
    assert.equal(new URL(authorizeUrl({ domain, clientId: 'c', redirectUri: 'http://127.0.0.1:1/cb', scopes: [], state: 's', codeChallenge: 'x' })).searchParams.has('acr_values'), false);
  });

  it('sends TARGET_ACR_VALUES and MAX_AGE with USER_AUTH', async () => {
    let sent: Record<string, string> | undefined;
    const api = {
      initiateAuth: (input: { AuthParameters: Record<string, string> }) => {
        sent = input.AuthParameters;
        return Promise.resolve({ AuthenticationResult: { IdToken: 'i', AccessToken: 'a', RefreshToken: 'r' } });
      },
      respondToAuthChallenge: () => Promise.reject(new Error('not asked')),
    } as unknown as UserAuthApi;
    const asker = { password: () => Promise.resolve('pw') } as never;
    await signInUserAuth(api, { userPoolId: 'p', clientId: 'c', username: 'u', preferred: 'PASSWORD', clock: new ManualClock(0), acrValues: ['urn:cognito:loa:3'], maxAge: 60 }, asker);
    assert.equal(sent?.TARGET_ACR_VALUES, 'urn:cognito:loa:3');
    assert.equal(sent?.MAX_AGE, '60');
  });
});
