// The local pool keeps Cognito's rules for token lifetimes, attributes, validity ranges and feature plans
// (issue 17, items 1–5), and client-secret rotation. Each rule cites its AWS page in local-cognito/.
import {
  AddCustomAttributesCommand,
  AddUserPoolClientSecretCommand,
  AdminUpdateUserAttributesCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  ListUserPoolClientSecretsCommand,
  UpdateUserAttributesCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import { jwtDecode } from 'jwt-decode';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { makeClient, makePool, makeUser, rejectsWith, sdk, signIn } from './poolHelpers';

describe('local user pool: Cognito rules (lifetimes, attributes, validity ranges, plans, secret rotation)', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    await client.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'my-attribute', AttributeDataType: 'String', Mutable: true }] }));
  });
  after(() => pool.stop());

  async function userWithName(username: string): Promise<void> {
    await makeUser(client, poolId, username);
    await client.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: username, UserAttributes: [{ Name: 'given_name', Value: 'Jane' }, { Name: 'family_name', Value: 'Doe' }, { Name: 'email', Value: `${username}@example.com` }, { Name: 'email_verified', Value: 'true' }] }));
  }

  it('1. ID and access tokens live 60 minutes unless the client says otherwise (ExpiresIn 3600)', async () => {
    const fixture = await makeClient(client, poolId);
    await makeUser(client, poolId, 'sixty');
    const tokens = await signIn(client, fixture, 'sixty');
    assert.equal(tokens.ExpiresIn, 3600);
    for (const token of [tokens.AccessToken, tokens.IdToken]) {
      const claims = jwtDecode<{ exp: number; iat: number }>(token ?? '');
      assert.equal(claims.exp - claims.iat, 3600);
    }
    const refreshed = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: fixture.clientId, RefreshToken: tokens.RefreshToken }));
    assert.equal(refreshed.AuthenticationResult?.ExpiresIn, 3600);
    // An explicit validity without units is in hours, AWS's default unit for ID and access tokens.
    const hours = await makeClient(client, poolId, { AccessTokenValidity: 2, IdTokenValidity: 1 });
    const hourTokens = await signIn(client, hours, 'sixty');
    assert.equal(hourTokens.ExpiresIn, 7200);
    const id = jwtDecode<{ exp: number; iat: number }>(hourTokens.IdToken ?? '');
    assert.equal(id.exp - id.iat, 3600);
  });

  it('2. the ID token carries every attribute the client may read (given_name…), and only those', async () => {
    await userWithName('jane');
    const all = await makeClient(client, poolId);
    const claims = jwtDecode<Record<string, unknown>>((await signIn(client, all, 'jane')).IdToken ?? '');
    assert.equal(claims.given_name, 'Jane');
    assert.equal(claims.family_name, 'Doe');
    assert.equal(claims.email, 'jane@example.com');
    assert.equal(claims.email_verified, true);
    const narrow = await makeClient(client, poolId, { ReadAttributes: ['email'] });
    const few = jwtDecode<Record<string, unknown>>((await signIn(client, narrow, 'jane')).IdToken ?? '');
    assert.equal(few.email, 'jane@example.com');
    assert.equal(few.given_name, undefined);
    assert.equal(few.email_verified, undefined);
    assert.equal(typeof few.sub, 'string');
  });

  it('3. WriteAttributes bounds UpdateUserAttributes; ReadAttributes bounds GetUser', async () => {
    await userWithName('writer');
    const readOnly = await makeClient(client, poolId, { ReadAttributes: ['email', 'given_name'], WriteAttributes: ['given_name'] });
    const tokens = await signIn(client, readOnly, 'writer');
    await rejectsWith(
      client.send(new UpdateUserAttributesCommand({ AccessToken: tokens.AccessToken, UserAttributes: [{ Name: 'custom:my-attribute', Value: 'hogepiyo' }] })),
      'NotAuthorizedException',
      /A client attempted to write unauthorized attribute/,
    );
    await client.send(new UpdateUserAttributesCommand({ AccessToken: tokens.AccessToken, UserAttributes: [{ Name: 'given_name', Value: 'Janet' }] }));
    const user = await client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    assert.deepEqual(user.UserAttributes?.map((a) => a.Name).sort(), ['email', 'given_name', 'sub']);
    assert.equal(user.UserAttributes?.find((a) => a.Name === 'given_name')?.Value, 'Janet');
    // Without WriteAttributes a client writes standard attributes only; naming the custom one makes it writable.
    const plain = await makeClient(client, poolId);
    const plainTokens = await signIn(client, plain, 'writer');
    await rejectsWith(client.send(new UpdateUserAttributesCommand({ AccessToken: plainTokens.AccessToken, UserAttributes: [{ Name: 'custom:my-attribute', Value: 'x' }] })), 'NotAuthorizedException', /unauthorized attribute/);
    await client.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: plain.clientId, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], WriteAttributes: ['custom:my-attribute', 'given_name'] }));
    await client.send(new UpdateUserAttributesCommand({ AccessToken: plainTokens.AccessToken, UserAttributes: [{ Name: 'custom:my-attribute', Value: 'hogepiyo' }] }));
    const after = await client.send(new GetUserCommand({ AccessToken: plainTokens.AccessToken }));
    assert.equal(after.UserAttributes?.find((a) => a.Name === 'custom:my-attribute')?.Value, 'hogepiyo');
  });

  it('4. validity ranges are checked with TokenValidityUnits (InvalidParameterException outside)', async () => {
    await rejectsWith(makeClient(client, poolId, { RefreshTokenValidity: 3651 }), 'InvalidParameterException', /RefreshTokenValidity/);
    await rejectsWith(makeClient(client, poolId, { RefreshTokenValidity: 59, TokenValidityUnits: { RefreshToken: 'minutes' } }), 'InvalidParameterException', /60 minutes to 3,650 days/);
    await rejectsWith(makeClient(client, poolId, { AccessTokenValidity: 4, TokenValidityUnits: { AccessToken: 'minutes' } }), 'InvalidParameterException', /5 minutes to 1 day/);
    await rejectsWith(makeClient(client, poolId, { IdTokenValidity: 25 }), 'InvalidParameterException', /IdTokenValidity/);
    await rejectsWith(makeClient(client, poolId, { AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'days' } }), 'InvalidParameterException', /AccessTokenValidity/);
    const ok = await makeClient(client, poolId, { RefreshTokenValidity: 3650, AccessTokenValidity: 1, IdTokenValidity: 5, TokenValidityUnits: { AccessToken: 'days', IdToken: 'minutes' } });
    await rejectsWith(
      client.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: ok.clientId, IdTokenValidity: 86401, TokenValidityUnits: { IdToken: 'seconds' } })),
      'InvalidParameterException',
      /IdTokenValidity/,
    );
  });

  it('5. feature plans: UserPoolTier defaults to ESSENTIALS; Lite refuses rotation, USER_AUTH, token exchange and access-token customisation', async () => {
    const described = await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    assert.equal(described.UserPool?.UserPoolTier, 'ESSENTIALS');
    const lite = await client.send(new CreateUserPoolCommand({ PoolName: 'lite', UserPoolTier: 'LITE' }));
    const liteId = lite.UserPool?.Id ?? '';
    assert.equal(lite.UserPool?.UserPoolTier, 'LITE');
    assert.equal((await client.send(new DescribeUserPoolCommand({ UserPoolId: liteId }))).UserPool?.UserPoolTier, 'LITE');
    const create = (input: object) => client.send(new CreateUserPoolClientCommand({ UserPoolId: liteId, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], ...input }));
    await rejectsWith(create({ RefreshTokenRotation: { Feature: 'ENABLED' } }), 'FeatureUnavailableInTierException', /rotation/);
    await rejectsWith(create({ ExplicitAuthFlows: ['ALLOW_USER_AUTH'] }), 'FeatureUnavailableInTierException', /USER_AUTH/);
    await rejectsWith(create({ ExplicitAuthFlows: ['ALLOW_TOKEN_EXCHANGE_IMPERSONATION'] }), 'FeatureUnavailableInTierException', /Token exchange/);
    await rejectsWith(
      client.send(new UpdateUserPoolCommand({ UserPoolId: liteId, LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: 'arn:aws:lambda:local:000000000000:function:x' } } })),
      'FeatureUnavailableInTierException',
      /customisation/,
    );
    const plain = await create({});
    await rejectsWith(
      client.send(new UpdateUserPoolClientCommand({ UserPoolId: liteId, ClientId: plain.UserPoolClient?.ClientId, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], RefreshTokenRotation: { Feature: 'ENABLED' } })),
      'FeatureUnavailableInTierException',
    );
    // Essentials (the default) and Plus allow rotation; moving the pool to Essentials lifts the refusal.
    await client.send(new UpdateUserPoolCommand({ UserPoolId: liteId, UserPoolTier: 'ESSENTIALS' }));
    await create({ RefreshTokenRotation: { Feature: 'ENABLED' } });
    await rejectsWith(client.send(new CreateUserPoolCommand({ PoolName: 'x', UserPoolTier: 'GOLD' as 'LITE' })), 'InvalidParameterException', /userPoolTier/);
  });

  it('client-secret rotation: two active secrets, values never listed, the last one cannot go', async () => {
    const confidential = await makeClient(client, poolId, { GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], RefreshTokenRotation: { Feature: 'ENABLED' } });
    await makeUser(client, poolId, 'rotor');
    const original = confidential.clientSecret ?? '';
    const listed = await client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: confidential.clientId }));
    assert.equal(listed.ClientSecrets?.length, 1);
    const originalId = listed.ClientSecrets?.[0].ClientSecretId ?? '';
    const added = await client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: confidential.clientId }));
    const second = added.ClientSecretDescriptor?.ClientSecretValue ?? '';
    assert.ok(second.length >= 24);
    const both = await client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: confidential.clientId }));
    assert.equal(both.ClientSecrets?.length, 2);
    assert.ok(both.ClientSecrets?.every((secret) => secret.ClientSecretValue === undefined && secret.ClientSecretCreateDate instanceof Date));
    await rejectsWith(client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: confidential.clientId, ClientSecret: 'x'.repeat(30) })), 'LimitExceededException');
    // Both secrets work: SECRET_HASH at sign-in and ClientSecret on GetTokensFromRefreshToken.
    for (const secret of [original, second]) {
      const tokens = await signIn(client, { ...confidential, clientSecret: secret }, 'rotor');
      const refreshed = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: confidential.clientId, ClientSecret: secret, RefreshToken: tokens.RefreshToken }));
      assert.ok(refreshed.AuthenticationResult?.RefreshToken);
    }
    await client.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: confidential.clientId, ClientSecretId: originalId }));
    await rejectsWith(signIn(client, confidential, 'rotor'), 'NotAuthorizedException', /Unable to verify secret hash for client/);
    await signIn(client, { ...confidential, clientSecret: second }, 'rotor');
    const [last] = (await client.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: confidential.clientId }))).ClientSecrets ?? [];
    await rejectsWith(client.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: confidential.clientId, ClientSecretId: last.ClientSecretId })), 'InvalidParameterException', /last remaining secret/);
    // A custom secret (24–64 characters) is accepted and its value not echoed back.
    const custom = await client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: confidential.clientId, ClientSecret: 'Custom_secret+value_0123456789' }));
    assert.equal(custom.ClientSecretDescriptor?.ClientSecretValue, undefined);
    await signIn(client, { ...confidential, clientSecret: 'Custom_secret+value_0123456789' }, 'rotor');
    await rejectsWith(client.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: (await makeClient(client, poolId)).clientId })), 'InvalidParameterException', /no client secret/);
  });
});
