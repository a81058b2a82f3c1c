import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  ListResourceServersCommand,
  UpdateUserPoolClientCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { makePool, rejectsWith, sdk } from './poolHelpers';

/** App-client OAuth settings and resource servers through the AWS SDK, validated as Cognito does. */
describe('local user pool: app-client OAuth settings and resource servers', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    await client.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://api.example.com', Name: 'Example API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] }));
  });
  after(() => pool.stop());

  it('creates, describes and lists resource servers', async () => {
    const described = await client.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://api.example.com' }));
    assert.deepEqual(described.ResourceServer?.Scopes, [{ ScopeName: 'read', ScopeDescription: 'Read' }]);
    await client.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'billing', Name: 'Billing', Scopes: [{ ScopeName: 'pay', ScopeDescription: 'Pay' }] }));
    const listed = await client.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 1 }));
    assert.equal(listed.ResourceServers?.length, 1);
    const rest = await client.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 10, NextToken: listed.NextToken }));
    assert.deepEqual([...(listed.ResourceServers ?? []), ...(rest.ResourceServers ?? [])].map((s) => s.Identifier).sort(), ['billing', 'https://api.example.com']);
    await rejectsWith(client.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'billing', Name: 'Again' })), 'InvalidParameterException', /already exists/);
    await rejectsWith(client.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'nothing' })), 'ResourceNotFoundException');
    await rejectsWith(client.send(new ListResourceServersCommand({ UserPoolId: 'local_nopool', MaxResults: 10 })), 'ResourceNotFoundException');
  });

  it('keeps OAuth settings on create and describe, and resets them on an update that omits them', async () => {
    const made = await client.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId, ClientName: 'web',
      AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'https://api.example.com/read'],
      CallbackURLs: ['http://localhost:3000/cb', 'myapp://cb'], LogoutURLs: ['https://app.example.com/bye'], SupportedIdentityProviders: ['COGNITO'],
    }));
    const clientId = made.UserPoolClient?.ClientId ?? '';
    const described = (await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).UserPoolClient;
    assert.deepEqual(described?.CallbackURLs, ['http://localhost:3000/cb', 'myapp://cb']);
    assert.deepEqual(described?.AllowedOAuthScopes, ['openid', 'https://api.example.com/read']);
    assert.deepEqual(described?.AllowedOAuthFlows, ['code']);
    assert.equal(described?.AllowedOAuthFlowsUserPoolClient, true);
    assert.deepEqual(described?.SupportedIdentityProviders, ['COGNITO']);
    assert.deepEqual(described?.LogoutURLs, ['https://app.example.com/bye']);

    await client.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId, ClientName: 'web' }));
    const reset = (await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).UserPoolClient;
    assert.equal(reset?.CallbackURLs, undefined, 'UpdateUserPoolClient resets what it is not given');
    assert.equal(reset?.AllowedOAuthFlowsUserPoolClient, false);
  });

  it('refuses what Cognito refuses', async () => {
    const create = (input: Record<string, unknown>): Promise<unknown> => client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'bad', ...input }));
    await rejectsWith(create({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: ['http://app.example.com/cb'] }), 'InvalidParameterException', /http is allowed only for http:\/\/localhost/);
    await rejectsWith(create({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: ['https://app.example.com/cb#x'] }), 'InvalidParameterException', /fragment/);
    await rejectsWith(create({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['nope/read'], CallbackURLs: ['https://app.example.com/cb'] }), 'ScopeDoesNotExistException');
    await rejectsWith(create({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['https://api.example.com/read'] }), 'InvalidOAuthFlowException', /client secret/);
    await rejectsWith(create({ GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials', 'code'], AllowedOAuthScopes: ['https://api.example.com/read'], CallbackURLs: ['https://a.example/cb'] }), 'InvalidOAuthFlowException', /along with/);
    await rejectsWith(create({ GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['openid'] }), 'InvalidOAuthFlowException', /custom scopes/);
    await rejectsWith(create({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'] }), 'InvalidOAuthFlowException', /CallbackURL/);
    await rejectsWith(create({ AllowedOAuthFlows: ['password'] }), 'InvalidParameterException', /allowedOAuthFlows/);
  });
});
