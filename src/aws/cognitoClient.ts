// The core speaks in plain strings (challenge and flow names); the SDK's enums are the same strings.
/**
 * The AWS SDK side of the extension, bundled separately as dist/aws.js and required on first use, so
 * activation never loads the SDK. One place builds the client: endpoint override, timeouts, retries,
 * credentials (only the admin flow needs them).
 */
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientSecretsCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  UpdateUserAttributesCommand,
  RespondToAuthChallengeCommand,
  type AdminInitiateAuthCommandInput,
  type AdminRespondToAuthChallengeCommandInput,
  type InitiateAuthCommandInput,
  type RespondToAuthChallengeCommandInput,
  type TimeUnitsType,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoTarget } from '../core/sessions/binding';
import { isLoopbackUrl } from '../core/shared/loopback';
import type { RefreshApi } from '../core/sessions/refreshFlow';
import type { AuthFlow } from '../core/shared/vocabulary';
import type { CognitoAuthApi } from '../core/sessions/signInFlow';
import { describedFromApi, type DescribedAppClient } from '../core/appClient/appClientSummary';

export interface CognitoApi extends CognitoAuthApi, RefreshApi {
  /** The app client's refresh-token lifetime in ms, if it can be read (needs credentials; local pools need none). */
  refreshValidityMs(): Promise<number | undefined>;
  /** The app client's rotation grace period in seconds, if it can be read. */
  graceSeconds(): Promise<number | undefined>;
  revokeToken(refreshToken: string, clientSecret?: string): Promise<void>;
  globalSignOut(accessToken: string): Promise<void>;
  getUser(accessToken: string): Promise<{ username: string; attributes: Record<string, string> }>;
  updateUserAttributes(accessToken: string, attributes: Record<string, string>): Promise<void>;
  /**
   * DescribeUserPool + DescribeUserPoolClient (+ ListUserPoolClientSecrets where answered), reduced to the
   * described shape: the client secret's value is dropped here, at the edge, and only counted. Throws when the
   * app client cannot be described (no credentials, no permission).
   */
  describeAppClient(): Promise<DescribedAppClient>;
  dispose(): void;
}

const UNIT_MS: Record<TimeUnitsType, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };


/** Where the client sends (a session's binding, or a profile) and how it authenticates admin calls. */
export interface ClientTarget extends CognitoTarget {
  readonly authFlow?: AuthFlow;
  /** For ADMIN_USER_PASSWORD_AUTH: a named profile from ~/.aws/config. */
  readonly awsProfile?: string;
}

export function createCognitoApi(profile: ClientTarget, abortSignal?: AbortSignal): CognitoApi {
  const client = new CognitoIdentityProviderClient({
    region: profile.region,
    endpoint: profile.endpoint,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000 },
    // Local pools accept any credentials; AWS needs real ones only for admin calls.
    ...(isLoopbackUrl(profile.endpoint) ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : profile.awsProfile ? { profile: profile.awsProfile } : {}),
  });
  const options = { abortSignal };
  let described: Promise<UserPoolClientType | undefined> | undefined;
  /** The app client's settings, read once; needs credentials, so only tried where it can work. */
  const describe = (): Promise<UserPoolClientType | undefined> =>
    (described ??=
      !isLoopbackUrl(profile.endpoint) && profile.authFlow !== 'ADMIN_USER_PASSWORD_AUTH'
        ? Promise.resolve(undefined)
        : client
            .send(new DescribeUserPoolClientCommand({ UserPoolId: profile.userPoolId, ClientId: profile.clientId }), options)
            .then((result) => result.UserPoolClient)
            .catch(() => undefined));
  return {
    initiateAuth: async (input) => (await client.send(new InitiateAuthCommand(input as InitiateAuthCommandInput), options)),
    adminInitiateAuth: async (input) => (await client.send(new AdminInitiateAuthCommand(input as AdminInitiateAuthCommandInput), options)),
    respondToAuthChallenge: async (input) => (await client.send(new RespondToAuthChallengeCommand(input as RespondToAuthChallengeCommandInput), options)),
    adminRespondToAuthChallenge: async (input) => (await client.send(new AdminRespondToAuthChallengeCommand(input as AdminRespondToAuthChallengeCommandInput), options)),
    refreshValidityMs: async () => {
      const app = await describe();
      if (!app) return undefined;
      const unit = app.TokenValidityUnits?.RefreshToken ?? 'days';
      return (app.RefreshTokenValidity ?? 30) * UNIT_MS[unit];
    },
    graceSeconds: async () => (await describe())?.RefreshTokenRotation?.RetryGracePeriodSeconds,
    getTokensFromRefreshToken: async (input) => client.send(new GetTokensFromRefreshTokenCommand(input), options),
    revokeToken: async (refreshToken, clientSecret) => {
      await client.send(new RevokeTokenCommand({ Token: refreshToken, ClientId: profile.clientId, ClientSecret: clientSecret }), options);
    },
    globalSignOut: async (accessToken) => {
      await client.send(new GlobalSignOutCommand({ AccessToken: accessToken }), options);
    },
    getUser: async (accessToken) => {
      const user = await client.send(new GetUserCommand({ AccessToken: accessToken }), options);
      return { username: user.Username ?? '', attributes: Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name ?? '', a.Value ?? ''])) };
    },
    updateUserAttributes: async (accessToken, attributes) => {
      await client.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })) }), options);
    },
    describeAppClient: async () => {
      const ids = { UserPoolId: profile.userPoolId, ClientId: profile.clientId };
      const app = await client.send(new DescribeUserPoolClientCommand(ids), options);
      // The pool and the secrets list are extras: a role allowed only DescribeUserPoolClient still gets the client.
      const pool = await client.send(new DescribeUserPoolCommand({ UserPoolId: profile.userPoolId }), options).then((r) => r.UserPool, () => undefined);
      const listed = await client.send(new ListUserPoolClientSecretsCommand(ids), options).then((r) => r.ClientSecrets?.length, () => undefined);
      return describedFromApi(pool, app.UserPoolClient, listed);
    },
    dispose: () => client.destroy(),
  };
}
