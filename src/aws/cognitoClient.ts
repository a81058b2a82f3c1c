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
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type AdminInitiateAuthCommandInput,
  type AdminRespondToAuthChallengeCommandInput,
  type InitiateAuthCommandInput,
  type RespondToAuthChallengeCommandInput,
  type TimeUnitsType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Profile } from '../core/profiles';
import type { CognitoAuthApi } from '../core/signInFlow';

export interface CognitoApi extends CognitoAuthApi {
  /** The app client's refresh-token lifetime in ms, if it can be read (needs credentials; local pools need none). */
  refreshValidityMs(): Promise<number | undefined>;
  dispose(): void;
}

const UNIT_MS: Record<TimeUnitsType, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

function isLoopback(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

export function createCognitoApi(profile: Profile, abortSignal?: AbortSignal): CognitoApi {
  const client = new CognitoIdentityProviderClient({
    region: profile.region,
    endpoint: profile.endpoint,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000 },
    // Local pools accept any credentials; AWS needs real ones only for admin calls.
    ...(isLoopback(profile.endpoint) ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : profile.awsProfile ? { profile: profile.awsProfile } : {}),
  });
  const options = { abortSignal };
  return {
    initiateAuth: async (input) => (await client.send(new InitiateAuthCommand(input as InitiateAuthCommandInput), options)),
    adminInitiateAuth: async (input) => (await client.send(new AdminInitiateAuthCommand(input as AdminInitiateAuthCommandInput), options)),
    respondToAuthChallenge: async (input) => (await client.send(new RespondToAuthChallengeCommand(input as RespondToAuthChallengeCommandInput), options)),
    adminRespondToAuthChallenge: async (input) => (await client.send(new AdminRespondToAuthChallengeCommand(input as AdminRespondToAuthChallengeCommandInput), options)),
    refreshValidityMs: async () => {
      // Without credentials this fails (or waits on the credential chain): only try where it can work.
      if (!isLoopback(profile.endpoint) && profile.authFlow !== 'ADMIN_USER_PASSWORD_AUTH') {
        return undefined;
      }
      try {
        const described = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: profile.userPoolId, ClientId: profile.clientId }), options);
        const app = described.UserPoolClient;
        const unit = app?.TokenValidityUnits?.RefreshToken ?? 'days';
        return (app?.RefreshTokenValidity ?? 30) * UNIT_MS[unit];
      } catch {
        return undefined;
      }
    },
    dispose: () => client.destroy(),
  };
}
