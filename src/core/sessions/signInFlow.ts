import type { Clock } from '../shared/clock';
import { secretHash, srpClientRespond, srpClientStart } from '../protocol/srp';
import type { AuthFlow } from '../shared/vocabulary';
import type { Profile } from './profiles';

/**
 * Sign-in as a state machine over Cognito's InitiateAuth / RespondToAuthChallenge, independent of the
 * AWS SDK and of VS Code: the editor passes an API (the SDK, lazily loaded) and an asker (input boxes,
 * or command arguments), tests pass fakes or the local user pool.
 */
export interface AuthResponse {
  AuthenticationResult?: { AccessToken?: string; IdToken?: string; RefreshToken?: string; ExpiresIn?: number };
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
}

export interface CognitoAuthApi {
  initiateAuth(input: { ClientId: string; AuthFlow: string; AuthParameters: Record<string, string> }): Promise<AuthResponse>;
  adminInitiateAuth(input: { UserPoolId: string; ClientId: string; AuthFlow: string; AuthParameters: Record<string, string> }): Promise<AuthResponse>;
  respondToAuthChallenge(input: { ClientId: string; ChallengeName: string; Session?: string; ChallengeResponses: Record<string, string> }): Promise<AuthResponse>;
  adminRespondToAuthChallenge(input: { UserPoolId: string; ClientId: string; ChallengeName: string; Session?: string; ChallengeResponses: Record<string, string> }): Promise<AuthResponse>;
}

export type MfaKind = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';

/** Answers challenges; undefined means the user cancelled. */
export interface ChallengeAsker {
  newPassword(requiredAttributes: readonly string[]): Promise<{ password: string; attributes: Record<string, string> } | undefined>;
  mfaCode(kind: MfaKind, destination: string | undefined): Promise<string | undefined>;
  selectMfa(options: readonly string[]): Promise<string | undefined>;
}

export class SignInError extends Error {
  constructor(
    readonly kind: 'unsupportedChallenge' | 'noTokens' | 'tooManyChallenges',
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

export type SignInOutcome =
  | { readonly kind: 'tokens'; readonly tokens: { id: string; access: string; refresh?: string }; readonly authFlow: AuthFlow }
  | { readonly kind: 'cancelled' };

export interface SignInInput {
  readonly profile: Profile;
  readonly username: string;
  readonly password: string;
  readonly clientSecret?: string;
  readonly clock: Clock;
}

const MAX_CHALLENGES = 8;

export async function signIn(api: CognitoAuthApi, input: SignInInput, asker: ChallengeAsker): Promise<SignInOutcome> {
  const { profile } = input;
  const flow: AuthFlow = profile.authFlow ?? 'USER_SRP_AUTH';
  const admin = flow === 'ADMIN_USER_PASSWORD_AUTH';
  const hash = (username: string): Record<string, string> =>
    input.clientSecret ? { SECRET_HASH: secretHash(input.clientSecret, username, profile.clientId) } : {};

  let response: AuthResponse;
  let srp: { a: bigint; A: string } | undefined;
  if (flow === 'USER_SRP_AUTH') {
    srp = srpClientStart();
    response = await api.initiateAuth({ ClientId: profile.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: input.username, SRP_A: srp.A, ...hash(input.username) } });
  } else if (admin) {
    response = await api.adminInitiateAuth({
      UserPoolId: profile.userPoolId,
      ClientId: profile.clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: input.username, PASSWORD: input.password, ...hash(input.username) },
    });
  } else {
    response = await api.initiateAuth({ ClientId: profile.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: input.username, PASSWORD: input.password, ...hash(input.username) } });
  }

  for (let step = 0; step < MAX_CHALLENGES; step++) {
    const result = response.AuthenticationResult;
    if (result) {
      if (!result.IdToken || !result.AccessToken) {
        throw new SignInError('noTokens', 'the response had no ID or access token');
      }
      return { kind: 'tokens', tokens: { id: result.IdToken, access: result.AccessToken, refresh: result.RefreshToken }, authFlow: flow };
    }
    const challenge = response.ChallengeName ?? '';
    const params = response.ChallengeParameters ?? {};
    // Cognito identifies the user by USER_ID_FOR_SRP in challenges (the real username behind an alias).
    const user = params.USER_ID_FOR_SRP ?? params.USERNAME ?? input.username;
    const answers = await answer(challenge, params, user);
    if (answers === undefined) {
      return { kind: 'cancelled' };
    }
    const responses = { USERNAME: user, ...answers, ...hash(user) };
    response = admin
      ? await api.adminRespondToAuthChallenge({ UserPoolId: profile.userPoolId, ClientId: profile.clientId, ChallengeName: challenge, Session: response.Session, ChallengeResponses: responses })
      : await api.respondToAuthChallenge({ ClientId: profile.clientId, ChallengeName: challenge, Session: response.Session, ChallengeResponses: responses });
  }
  throw new SignInError('tooManyChallenges', `more than ${MAX_CHALLENGES} challenges`);

  async function answer(challenge: string, params: Record<string, string>, user: string): Promise<Record<string, string> | undefined> {
    switch (challenge) {
      case 'PASSWORD_VERIFIER': {
        if (!srp) {
          throw new SignInError('unsupportedChallenge', challenge);
        }
        const { signature, timestamp } = srpClientRespond({
          ...srp,
          userPoolId: profile.userPoolId,
          username: user,
          password: input.password,
          salt: params.SALT,
          B: params.SRP_B,
          secretBlock: params.SECRET_BLOCK,
          now: new Date(input.clock.now()),
        });
        return { PASSWORD_CLAIM_SIGNATURE: signature, PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK, TIMESTAMP: timestamp };
      }
      case 'NEW_PASSWORD_REQUIRED': {
        const required = parseRequired(params.requiredAttributes);
        const reply = await asker.newPassword(required);
        if (!reply) return undefined;
        const attributes = Object.fromEntries(Object.entries(reply.attributes).map(([name, value]) => [`userAttributes.${name}`, value]));
        return { NEW_PASSWORD: reply.password, ...attributes };
      }
      case 'SOFTWARE_TOKEN_MFA':
      case 'SMS_MFA':
      case 'EMAIL_OTP': {
        const code = await asker.mfaCode(challenge, params.CODE_DELIVERY_DESTINATION);
        if (code === undefined) return undefined;
        const key = challenge === 'SOFTWARE_TOKEN_MFA' ? 'SOFTWARE_TOKEN_MFA_CODE' : challenge === 'SMS_MFA' ? 'SMS_MFA_CODE' : 'EMAIL_OTP_CODE';
        return { [key]: code };
      }
      case 'SELECT_MFA_TYPE': {
        const options = parseList(params.MFAS_CAN_CHOOSE);
        const choice = await asker.selectMfa(options);
        return choice === undefined ? undefined : { ANSWER: choice };
      }
      default:
        throw new SignInError('unsupportedChallenge', challenge || '(none)');
    }
  }
}

/** A JSON list of strings inside a challenge parameter (Cognito sends lists as JSON text); [] when it is not one. */
export function parseList(text: string | undefined): string[] {
  try {
    const value: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** "requiredAttributes": ["userAttributes.name"] → ["name"] */
export function parseRequired(text: string | undefined): string[] {
  return parseList(text).map((name) => name.replace(/^userAttributes\./, ''));
}
