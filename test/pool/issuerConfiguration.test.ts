import { CreateUserPoolCommand, DescribeUserPoolCommand, UpdateUserPoolCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { payload } from './oauthHelpers';
import { makeClient, makeUser, rejectsWith, sdk, signIn } from './poolHelpers';

/**
 * IssuerConfiguration (API_IssuerConfigurationType.html): ORIGINAL or UPDATED on Create/UpdateUserPool,
 * reported by DescribeUserPool. The local pool serves its one loopback issuer for both.
 */
describe('local user pool: IssuerConfiguration', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
  });
  after(() => pool.stop());

  it('a new pool reports ORIGINAL and the ESSENTIALS plan by default', async () => {
    const created = await client.send(new CreateUserPoolCommand({ PoolName: `issuer-${Date.now()}` }));
    assert.equal(created.UserPool?.IssuerConfiguration?.Type, 'ORIGINAL');
    const described = await client.send(new DescribeUserPoolCommand({ UserPoolId: created.UserPool?.Id }));
    assert.equal(described.UserPool?.IssuerConfiguration?.Type, 'ORIGINAL');
    assert.equal(described.UserPool?.UserPoolTier, 'ESSENTIALS');
  });

  it('switches ORIGINAL → UPDATED → ORIGINAL, keeps the type across an update that omits it, and tokens from before the switch stay valid', async () => {
    const created = await client.send(new CreateUserPoolCommand({ PoolName: `switch-${Date.now()}`, IssuerConfiguration: { Type: 'UPDATED' } }));
    const poolId = created.UserPool?.Id ?? '';
    assert.equal(created.UserPool?.IssuerConfiguration?.Type, 'UPDATED');
    const app = await makeClient(client, poolId);
    await makeUser(client, poolId, 'iris');
    const before = await signIn(client, app, 'iris');

    await client.send(new UpdateUserPoolCommand({ UserPoolId: poolId, IssuerConfiguration: { Type: 'ORIGINAL' } }));
    assert.equal((await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.IssuerConfiguration?.Type, 'ORIGINAL');
    await client.send(new UpdateUserPoolCommand({ UserPoolId: poolId, MfaConfiguration: 'OFF' }));
    assert.equal((await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.IssuerConfiguration?.Type, 'ORIGINAL', 'an update without IssuerConfiguration keeps it');

    const after = await signIn(client, app, 'iris');
    // One loopback issuer for both types: the switch changes what Describe reports, not `iss`.
    assert.equal(payload(after.IdToken ?? '').iss, `${pool.endpoint}/${poolId}`);
    assert.equal(payload(before.IdToken ?? '').iss, payload(after.IdToken ?? '').iss);
    const jwks = await fetch(`${pool.endpoint}/${poolId}/.well-known/jwks.json`);
    assert.equal(jwks.status, 200);
  });

  it('refuses an unknown issuer type and leaves the pool as it was', async () => {
    const created = await client.send(new CreateUserPoolCommand({ PoolName: `bad-${Date.now()}`, IssuerConfiguration: { Type: 'UPDATED' } }));
    const poolId = created.UserPool?.Id ?? '';
    await rejectsWith(client.send(new UpdateUserPoolCommand({ UserPoolId: poolId, IssuerConfiguration: { Type: 'DOTTED' as never } })), 'InvalidParameterException', /ORIGINAL, UPDATED/);
    assert.equal((await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.IssuerConfiguration?.Type, 'UPDATED');
    await rejectsWith(client.send(new CreateUserPoolCommand({ PoolName: 'bad', IssuerConfiguration: { Type: 'issuer.cognito-idp' as never } })), 'InvalidParameterException');
  });
});
