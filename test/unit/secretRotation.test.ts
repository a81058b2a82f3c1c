import * as assert from 'node:assert/strict';
import { explainCognitoError, offeredCommand } from '../../src/core/protocol/cognitoErrors';
import { OAuthError } from '../../src/core/protocol/oauthFlows';
import { formatMessage as t } from '../../src/core/shared/l10n';

/** A client secret that stopped working after client-secret rotation: the message says so and offers the fix. */
describe('a failed client secret names rotation and offers cognitoTokens.setClientSecret', () => {
  it('"Unable to verify secret hash for client" (the API)', () => {
    const explained = explainCognitoError({ name: 'NotAuthorizedException', message: 'Unable to verify secret hash for client 1abc' }, t, { profile: 'dev' });
    assert.equal(explained.kind, 'secretHashMismatch');
    assert.match(explained.message, /rotated/);
    assert.match(explained.message, /Set Client Secret/);
    assert.equal(offeredCommand(explained.kind), 'cognitoTokens.setClientSecret');
  });

  it('invalid_client (the token endpoint)', () => {
    const explained = explainCognitoError(new OAuthError('invalidClient', 'Client authentication failed.'), t, { profile: 'dev' });
    assert.equal(explained.kind, 'secretHashMismatch');
    assert.match(explained.message, /rotated/);
    assert.equal(offeredCommand(explained.kind), 'cognitoTokens.setClientSecret');
  });

  it('a missing secret offers the command too; other failures offer nothing', () => {
    assert.equal(offeredCommand(explainCognitoError({ name: 'NotAuthorizedException', message: 'Client x is configured with secret but SECRET_HASH was not received' }, t).kind), 'cognitoTokens.setClientSecret');
    assert.equal(offeredCommand(explainCognitoError({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' }, t).kind), undefined);
  });
});
