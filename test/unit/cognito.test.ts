import * as assert from 'node:assert/strict';
import { cognitoFacts, parseCognitoIssuer } from '../../src/core/tokens/cognitoIssuer';
import { accessTokenClaims, CLIENT_ID, idTokenClaims } from '../fixtures/tokenFactory';

describe('Cognito recognition', () => {
  it('reads region and pool id from the ORIGINAL issuer', () => {
    assert.deepEqual(parseCognitoIssuer('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example'), {
      issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example',
      region: 'us-east-1',
      userPoolId: 'us-east-1_example',
      format: 'original',
    });
  });

  it('reads the UPDATED issuer (issuer-cognito-idp, a hyphen) and not the dotted host that does not exist', () => {
    const parsed = parseCognitoIssuer('https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc123');
    assert.equal(parsed?.format, 'updated');
    assert.equal(parsed?.region, 'eu-west-1');
    assert.equal(parsed?.userPoolId, 'eu-west-1_Abc123');
    assert.equal(parseCognitoIssuer('https://issuer.cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc123'), undefined);
  });

  it('takes no look-alike of either format for Cognito', () => {
    for (const iss of [
      'https://issuer-cognito-idp.eu-west-1.amazonaws.com.evil.example/eu-west-1_Abc123',
      'https://xissuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc123',
      'https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc123/',
      'https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc123?x=1',
      'http://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc123',
      'https://issuer-cognito-idp.EU-WEST-1.amazonaws.com/eu-west-1_Abc123',
      'https://issuer-cognito-idp.eu-west-1.amazonaws.com@evil.example/eu-west-1_Abc123',
      'https://cognito-idp-issuer.eu-west-1.amazonaws.com/eu-west-1_Abc123',
      'https://issuer-cognito-idp.eu_west_1.amazonaws.com/eu-west-1_Abc123',
      'https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc/123',
    ]) {
      assert.equal(parseCognitoIssuer(iss), undefined, iss);
    }
  });

  it('recognises a local pool by its pool id', () => {
    const parsed = parseCognitoIssuer('http://127.0.0.1:9229/us-east-1_LocalPool');
    assert.equal(parsed?.format, 'local');
    assert.equal(parsed?.userPoolId, 'us-east-1_LocalPool');
  });

  it('recognises cognito-local pool ids (local_…) on local issuers only', () => {
    const parsed = parseCognitoIssuer('http://127.0.0.1:34839/local_56Gxe9aP');
    assert.equal(parsed?.userPoolId, 'local_56Gxe9aP');
    assert.equal(parsed?.region, 'local');
    assert.equal(parseCognitoIssuer('https://cognito-idp.local.amazonaws.com/local_56Gxe9aP'), undefined);
  });

  it('does not take other issuers for Cognito', () => {
    for (const iss of ['https://accounts.google.com', 'https://cognito-idp.us-east-1.amazonaws.com.evil.com/us-east-1_x', 42, undefined]) {
      assert.equal(parseCognitoIssuer(iss), undefined, String(iss));
    }
    assert.equal(cognitoFacts({ iss: 'https://login.example.com', sub: 'x' }), undefined);
  });

  it('takes the app client from aud in ID tokens and client_id in access tokens', () => {
    const now = 1_800_000_000;
    assert.equal(cognitoFacts(idTokenClaims(now))?.clientId, CLIENT_ID);
    assert.equal(cognitoFacts(accessTokenClaims(now, { aud: 'something-else' }))?.clientId, CLIENT_ID);
    const access = cognitoFacts(accessTokenClaims(now));
    assert.deepEqual(access?.scopes, ['aws.cognito.signin.user.admin', 'openid']);
    assert.equal(access?.username, 'taro');
    assert.deepEqual(cognitoFacts(idTokenClaims(now))?.customAttributes, ['custom:department']);
  });
});
