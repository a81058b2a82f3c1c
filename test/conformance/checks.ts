/**
 * The pool suite's conformance part: checks whose answers can be compared between the local pool and the real
 * Amazon Cognito (`npm run test:pool -- --against https://cognito-idp.REGION.amazonaws.com --yes-create-resources`).
 * Each check makes Cognito API calls through a `Caller` (the AWS SDK, a recorded fake in unit tests, or the
 * dry run that prints them) and answers a short string: an error name and message, or a value. Nothing here
 * returns a token: answers name fingerprints or facts about tokens, never their values.
 */
import { createHash } from 'node:crypto';

// Answers are read from untyped JSON (the same code reads the SDK's, the fake's and the dry run's).
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment */

export type Caller = (operation: string, input: Record<string, unknown>) => Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Fixture {
  poolId: string;
  clientId: string;
  username: string;
  password: string;
  /** Every pool the run created, deleted at the end whatever happens. */
  createdPools: string[];
}

export interface Check {
  id: string;
  title: string;
  /** Why the check cannot run against the real service (it needs the local pool's clock or code endpoint). */
  localOnly?: string;
  run(call: Caller, fixture: Fixture): Promise<string>;
}

const fp = (value: unknown): string => createHash('sha256').update(String(value)).digest('hex').slice(0, 12);

function claims(token: unknown): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(String(token).split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** An error as `Name: message`, the answer of a check that expects a refusal. */
export async function answerOf(promise: Promise<unknown>, ok: (value: any) => string): Promise<string> { // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    return ok(await promise);
  } catch (error) {
    const e = error as { name?: string; message?: string };
    return `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
  }
}

const signIn = (call: Caller, f: Fixture) => call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: f.clientId, AuthParameters: { USERNAME: f.username, PASSWORD: f.password } });

/** The pool, app client and user the checks share (article 000's set-up, with a given_name for article 001). */
export async function setUp(call: Caller, fixture: Fixture): Promise<void> {
  const pool = await call('CreateUserPool', { PoolName: `cti-conformance-${Date.now()}`, Schema: [{ Name: 'my-attribute', AttributeDataType: 'String', Mutable: true }] });
  fixture.poolId = String(pool.UserPool?.Id);
  fixture.createdPools.push(fixture.poolId);
  const client = await call('CreateUserPoolClient', { UserPoolId: fixture.poolId, ClientName: 'conformance', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } });
  fixture.clientId = String(client.UserPoolClient?.ClientId);
  await call('AdminCreateUser', { UserPoolId: fixture.poolId, Username: fixture.username, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'conformance@example.com' }, { Name: 'given_name', Value: 'Jane' }] });
  await call('AdminSetUserPassword', { UserPoolId: fixture.poolId, Username: fixture.username, Password: fixture.password, Permanent: true });
}

export async function tearDown(call: Caller, fixture: Fixture): Promise<void> {
  for (const id of fixture.createdPools.splice(0)) {
    await call('DeleteUserPool', { UserPoolId: id }).catch(() => undefined);
  }
}

export const CHECKS: Check[] = [
  {
    id: 'default-token-lifetime',
    title: 'ID and access tokens default to 60 minutes',
    run: async (call, f) => answerOf(signIn(call, f), (r) => `ExpiresIn ${r.AuthenticationResult?.ExpiresIn}; id exp-iat ${Number(claims(r.AuthenticationResult?.IdToken).exp) - Number(claims(r.AuthenticationResult?.IdToken).iat)}`),
  },
  {
    id: 'id-token-attributes',
    title: 'The ID token carries the attributes the client may read (given_name)',
    run: async (call, f) => answerOf(signIn(call, f), (r) => `given_name ${String(claims(r.AuthenticationResult?.IdToken).given_name)}`),
  },
  {
    id: 'write-attributes',
    title: 'UpdateUserAttributes outside WriteAttributes is refused',
    run: async (call, f) => {
      const tokens = await signIn(call, f);
      return answerOf(call('UpdateUserAttributes', { AccessToken: tokens.AuthenticationResult?.AccessToken, UserAttributes: [{ Name: 'custom:my-attribute', Value: 'hogepiyo' }] }), () => 'accepted');
    },
  },
  {
    id: 'refresh-validity-range',
    title: 'RefreshTokenValidity of 3,651 days is refused',
    run: async (call, f) => answerOf(call('CreateUserPoolClient', { UserPoolId: f.poolId, ClientName: 'too-long', RefreshTokenValidity: 3651 }), () => 'accepted'),
  },
  {
    id: 'access-validity-range',
    title: 'AccessTokenValidity of 4 minutes is refused',
    run: async (call, f) => answerOf(call('CreateUserPoolClient', { UserPoolId: f.poolId, ClientName: 'too-short', AccessTokenValidity: 4, TokenValidityUnits: { AccessToken: 'minutes' } }), () => 'accepted'),
  },
  {
    id: 'default-tier',
    title: 'New pools are on the Essentials plan',
    run: async (call, f) => answerOf(call('DescribeUserPool', { UserPoolId: f.poolId }), (r) => `UserPoolTier ${r.UserPool?.UserPoolTier}`),
  },
  {
    id: 'lite-refuses-rotation',
    title: 'A Lite pool refuses a rotating app client',
    run: async (call, f) => {
      const lite = await call('CreateUserPool', { PoolName: `cti-conformance-lite-${Date.now()}`, UserPoolTier: 'LITE' });
      f.createdPools.push(String(lite.UserPool?.Id));
      return answerOf(call('CreateUserPoolClient', { UserPoolId: lite.UserPool?.Id, ClientName: 'rotating', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], RefreshTokenRotation: { Feature: 'ENABLED' } }), () => 'accepted');
    },
  },
  {
    id: 'rotation',
    title: 'GetTokensFromRefreshToken rotates; the replaced token is refused (grace 0)',
    run: async (call, f) => {
      const first = (await signIn(call, f)).AuthenticationResult?.RefreshToken;
      const next = await call('GetTokensFromRefreshToken', { ClientId: f.clientId, RefreshToken: first });
      const rotated = next.AuthenticationResult?.RefreshToken && fp(next.AuthenticationResult.RefreshToken) !== fp(first) ? 'rotated' : 'not rotated';
      return `${rotated}; old token: ${await answerOf(call('GetTokensFromRefreshToken', { ClientId: f.clientId, RefreshToken: first }), () => 'accepted')}`;
    },
  },
  {
    id: 'refresh-token-auth-on-rotating-client',
    title: 'REFRESH_TOKEN_AUTH is refused on a rotating client',
    run: async (call, f) => {
      const token = (await signIn(call, f)).AuthenticationResult?.RefreshToken;
      return answerOf(call('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: f.clientId, AuthParameters: { REFRESH_TOKEN: token } }), () => 'accepted');
    },
  },
  {
    id: 'global-sign-out',
    title: 'After GlobalSignOut the refresh token is revoked',
    run: async (call, f) => {
      const tokens = (await signIn(call, f)).AuthenticationResult ?? {};
      await call('GlobalSignOut', { AccessToken: tokens.AccessToken });
      return answerOf(call('GetTokensFromRefreshToken', { ClientId: f.clientId, RefreshToken: tokens.RefreshToken }), () => 'accepted');
    },
  },
  {
    id: 'grace-period-expiry',
    title: 'A replaced refresh token stops working when its grace period ends',
    localOnly: 'needs the local pool\'s clock (POST /_local/clock) to pass the grace period without waiting',
    run: () => Promise.resolve('local only: checked by the pool suite'),
  },
  {
    id: 'code-endpoint',
    title: 'Sign-up codes are served at GET /_local/codes',
    localOnly: 'the code endpoint exists only on the local pool (AWS sends the code by email or SMS)',
    run: () => Promise.resolve('local only: checked by the pool suite'),
  },
];
