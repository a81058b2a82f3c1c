import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type RespondToAuthChallengeCommandOutput,
  type CreateUserPoolClientCommandInput,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import { secretHash, srpClientRespond, srpClientStart } from '../../src/core/protocol/srp';

export function sdk(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint, region: 'ap-northeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
}

export interface Fixture {
  poolId: string;
  clientId: string;
  clientSecret?: string;
}

export async function makePool(client: CognitoIdentityProviderClient): Promise<string> {
  const pool = await client.send(new CreateUserPoolCommand({ PoolName: `test-${Date.now()}` }));
  return pool.UserPool?.Id ?? '';
}

export async function makeClient(client: CognitoIdentityProviderClient, poolId: string, input: Omit<CreateUserPoolClientCommandInput, 'UserPoolId' | 'ClientName'> = {}): Promise<Fixture> {
  const made = await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'test', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'], ...input }));
  return { poolId, clientId: made.UserPoolClient?.ClientId ?? '', clientSecret: made.UserPoolClient?.ClientSecret };
}

export async function makeUser(client: CognitoIdentityProviderClient, poolId: string, username: string, password = 'Passw0rd!', permanent = true): Promise<void> {
  await client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, TemporaryPassword: password, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }));
  if (permanent) {
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
  }
}

export async function signIn(client: CognitoIdentityProviderClient, fixture: Fixture, username: string, password = 'Passw0rd!'): Promise<AuthenticationResultType> {
  const params: Record<string, string> = { USERNAME: username, PASSWORD: password };
  if (fixture.clientSecret) {
    params.SECRET_HASH = secretHash(fixture.clientSecret, username, fixture.clientId);
  }
  const result = await client.send(new InitiateAuthCommand({ ClientId: fixture.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: params }));
  assert.ok(result.AuthenticationResult, `signed in without a challenge (got ${result.ChallengeName})`);
  return result.AuthenticationResult;
}

/** Asserts that a call fails with this Cognito exception and a message matching `message`. */
export async function rejectsWith(promise: Promise<unknown>, name: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name, `${error.name}: ${error.message}`);
    if (message) assert.match(error.message, message);
    return true;
  });
}

export { totp } from '../fixtures/totp';

/** USER_SRP_AUTH with our SRP client: the answer to PASSWORD_VERIFIER (tokens or the next challenge). */
export async function srpSignIn(client: CognitoIdentityProviderClient, fixture: Fixture, username: string, password = 'Passw0rd!'): Promise<RespondToAuthChallengeCommandOutput> {
  const start = srpClientStart();
  const withHash = (params: Record<string, string>, name: string): Record<string, string> =>
    fixture.clientSecret ? { ...params, SECRET_HASH: secretHash(fixture.clientSecret, name, fixture.clientId) } : params;
  const challenge = await client.send(new InitiateAuthCommand({ ClientId: fixture.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: withHash({ USERNAME: username, SRP_A: start.A }, username) }));
  assert.equal(challenge.ChallengeName, 'PASSWORD_VERIFIER');
  const params = challenge.ChallengeParameters ?? {};
  const answer = srpClientRespond({ ...start, userPoolId: fixture.poolId, username: params.USER_ID_FOR_SRP, password, salt: params.SALT, B: params.SRP_B, secretBlock: params.SECRET_BLOCK, now: new Date() });
  return client.send(
    new RespondToAuthChallengeCommand({
      ClientId: fixture.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: challenge.Session,
      ChallengeResponses: withHash({ USERNAME: params.USER_ID_FOR_SRP, PASSWORD_CLAIM_SIGNATURE: answer.signature, PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK, TIMESTAMP: answer.timestamp }, params.USER_ID_FOR_SRP),
    }),
  );
}

/** A raw call to the pool's JSON API, for what the SDK hides (headers, status codes). */
export function post(endpoint: string, operation: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
