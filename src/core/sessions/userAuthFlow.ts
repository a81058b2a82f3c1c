import type { Clock } from '../shared/clock';
import type { Translate } from '../shared/l10n';
import { secretHash, srpClientRespond, srpClientStart } from '../protocol/srp';
import { parseList, parseRequired, type AuthResponse } from './signInFlow';
import { isFirstFactor, type FirstFactor } from '../shared/vocabulary';

// The factor words live in the shared vocabulary (profiles name them without loading this flow and SRP).
export { FIRST_FACTORS, isFirstFactor, type FirstFactor } from '../shared/vocabulary';

/**
 * Choice-based sign-in (`InitiateAuth USER_AUTH`): the user names a preferred first factor, or the pool
 * answers SELECT_CHALLENGE with the factors it offers and the user picks one. Passwords, one-time codes by
 * email or SMS. Passkeys (WEB_AUTHN) need a browser's WebAuthn, so they are explained and sent to managed
 * login. Whatever the input already gives (scripted sign-in) is never asked for.
 */

export type UserAuthResponse = AuthResponse & { AvailableChallenges?: string[] };

export interface UserAuthApi {
  initiateAuth(input: { ClientId: string; AuthFlow: string; AuthParameters: Record<string, string> }): Promise<UserAuthResponse>;
  respondToAuthChallenge(input: { ClientId: string; ChallengeName: string; Session?: string; ChallengeResponses: Record<string, string> }): Promise<UserAuthResponse>;
}

/** Asks the user; undefined means cancelled. Only called for what the input does not give. */
export interface UserAuthAsker {
  /** A quick pick of the factors the pool offers (WEB_AUTHN included, so it can be explained). */
  chooseFactor(available: readonly FirstFactor[]): Promise<FirstFactor | undefined>;
  password(): Promise<string | undefined>;
  code(kind: 'EMAIL_OTP' | 'SMS_OTP', destination: string | undefined): Promise<string | undefined>;
  newPassword(requiredAttributes: readonly string[]): Promise<{ password: string; attributes: Record<string, string> } | undefined>;
}

export interface UserAuthInput {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly username: string;
  readonly clientSecret?: string;
  /** From the arguments (`challenge`) or the profile (`preferredChallenge`). */
  readonly preferred?: FirstFactor;
  /** Scripted: when set, this factor is chosen at SELECT_CHALLENGE without asking. */
  readonly scriptedFactor?: FirstFactor;
  readonly password?: string;
  readonly code?: string;
  readonly clock: Clock;
  /** Step-up (the profile's acrValues / maxAge): sent as TARGET_ACR_VALUES and MAX_AGE. */
  readonly acrValues?: readonly string[];
  readonly maxAge?: number;
}

export type UserAuthOutcome =
  | { readonly kind: 'tokens'; readonly tokens: { id: string; access: string; refresh?: string }; readonly factor?: FirstFactor }
  | { readonly kind: 'cancelled' }
  /** Passkeys cannot be answered from the editor: the caller explains and points at managed login. */
  | { readonly kind: 'webAuthn' }
  | { readonly kind: 'factorUnavailable'; readonly factor: FirstFactor; readonly available: readonly FirstFactor[] }
  | { readonly kind: 'unsupportedChallenge'; readonly challenge: string }
  | { readonly kind: 'noTokens' };

const MAX_STEPS = 8;

export async function signInUserAuth(api: UserAuthApi, input: UserAuthInput, asker: UserAuthAsker): Promise<UserAuthOutcome> {
  const hash = (username: string): Record<string, string> => (input.clientSecret ? { SECRET_HASH: secretHash(input.clientSecret, username, input.clientId) } : {});
  let srp: { a: bigint; A: string } | undefined;
  let password = input.password;
  let codeUsed = false;
  let factor: FirstFactor | undefined = input.preferred;

  const ensurePassword = async (): Promise<string | undefined> => (password ??= await asker.password());
  /** What a chosen first factor needs up front: PASSWORD sends the password, PASSWORD_SRP starts SRP. */
  const factorParameters = async (chosen: FirstFactor): Promise<Record<string, string> | undefined> => {
    if (chosen === 'PASSWORD') {
      const value = await ensurePassword();
      return value === undefined ? undefined : { PASSWORD: value };
    }
    if (chosen === 'PASSWORD_SRP') {
      if ((await ensurePassword()) === undefined) return undefined;
      srp = srpClientStart();
      return { SRP_A: srp.A };
    }
    return {};
  };

  if (factor === 'WEB_AUTHN') return { kind: 'webAuthn' };
  const start: Record<string, string> = { USERNAME: input.username, ...hash(input.username) };
  // Step-up (DG cognito-user-pools-step-up-authentication.html): an ordered list of target levels, and a freshness.
  if (input.acrValues !== undefined && input.acrValues.length > 0) start.TARGET_ACR_VALUES = input.acrValues.join(' ');
  if (input.maxAge !== undefined) start.MAX_AGE = String(input.maxAge);
  if (factor) {
    const extra = await factorParameters(factor);
    if (extra === undefined) return { kind: 'cancelled' };
    Object.assign(start, { PREFERRED_CHALLENGE: factor }, extra);
  }
  let response = await api.initiateAuth({ ClientId: input.clientId, AuthFlow: 'USER_AUTH', AuthParameters: start });

  for (let step = 0; step < MAX_STEPS; step++) {
    const result = response.AuthenticationResult;
    if (result) {
      if (!result.IdToken || !result.AccessToken) return { kind: 'noTokens' };
      return { kind: 'tokens', tokens: { id: result.IdToken, access: result.AccessToken, refresh: result.RefreshToken }, factor };
    }
    const challenge = response.ChallengeName ?? '';
    const params = response.ChallengeParameters ?? {};
    const user = params.USER_ID_FOR_SRP ?? params.USERNAME ?? input.username;
    let answers: Record<string, string> | undefined;
    switch (challenge) {
      case 'SELECT_CHALLENGE': {
        const available = availableFactors(response);
        const wanted = input.scriptedFactor;
        if (wanted && !available.includes(wanted)) return { kind: 'factorUnavailable', factor: wanted, available };
        const chosen = wanted ?? (await asker.chooseFactor(available));
        if (chosen === undefined) return { kind: 'cancelled' };
        if (chosen === 'WEB_AUTHN') return { kind: 'webAuthn' };
        factor = chosen;
        const extra = await factorParameters(chosen);
        if (extra === undefined) return { kind: 'cancelled' };
        answers = { ANSWER: chosen, ...extra };
        break;
      }
      case 'PASSWORD_VERIFIER': {
        if (!srp || password === undefined) return { kind: 'unsupportedChallenge', challenge };
        const { signature, timestamp } = srpClientRespond({
          ...srp,
          userPoolId: input.userPoolId,
          username: user,
          password,
          salt: params.SALT,
          B: params.SRP_B,
          secretBlock: params.SECRET_BLOCK,
          now: new Date(input.clock.now()),
        });
        answers = { PASSWORD_CLAIM_SIGNATURE: signature, PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK, TIMESTAMP: timestamp };
        break;
      }
      case 'EMAIL_OTP':
      case 'SMS_OTP': {
        // A scripted code answers the first code challenge only: a second one means it was not accepted.
        const code = input.code !== undefined && !codeUsed ? input.code : await asker.code(challenge, params.CODE_DELIVERY_DESTINATION);
        codeUsed = true;
        if (code === undefined) return { kind: 'cancelled' };
        answers = { [challenge === 'EMAIL_OTP' ? 'EMAIL_OTP_CODE' : 'SMS_OTP_CODE']: code };
        break;
      }
      case 'NEW_PASSWORD_REQUIRED': {
        const reply = await asker.newPassword(parseRequired(params.requiredAttributes));
        if (!reply) return { kind: 'cancelled' };
        answers = { NEW_PASSWORD: reply.password, ...Object.fromEntries(Object.entries(reply.attributes).map(([k, v]) => [`userAttributes.${k}`, v])) };
        break;
      }
      case 'WEB_AUTHN':
        return { kind: 'webAuthn' };
      default:
        return { kind: 'unsupportedChallenge', challenge: challenge || '(none)' };
    }
    response = await api.respondToAuthChallenge({
      ClientId: input.clientId,
      ChallengeName: challenge,
      Session: response.Session,
      ChallengeResponses: { USERNAME: user, ...answers, ...hash(user) },
    });
  }
  return { kind: 'unsupportedChallenge', challenge: 'too many challenges' };
}

/** AvailableChallenges as the SDK returns it (top level), or as a JSON list in ChallengeParameters. */
export function availableFactors(response: UserAuthResponse): FirstFactor[] {
  const raw = response.AvailableChallenges ?? parseList(response.ChallengeParameters?.AvailableChallenges);
  return raw.filter(isFirstFactor);
}


/** Quick-pick labels and details for the factors, and the WEB_AUTHN explanation. */
export function describeFactor(factor: FirstFactor, t: Translate): { label: string; detail: string } {
  switch (factor) {
    case 'PASSWORD':
      return { label: t('Password'), detail: t('Sends the password to Cognito over TLS (USER_AUTH PASSWORD).') };
    case 'PASSWORD_SRP':
      return { label: t('Password (SRP)'), detail: t('Proves the password without sending it (USER_AUTH PASSWORD_SRP).') };
    case 'EMAIL_OTP':
      return { label: t('One-time code by email'), detail: t('Cognito emails a code; no password needed.') };
    case 'SMS_OTP':
      return { label: t('One-time code by SMS'), detail: t('Cognito texts a code; no password needed.') };
    case 'WEB_AUTHN':
      return { label: t('Passkey'), detail: t('Needs a browser: use a MANAGED_LOGIN profile for passkeys.') };
  }
}

export function explainWebAuthn(t: Translate): string {
  return t('Passkeys (WEB_AUTHN) need a browser\'s WebAuthn, which the editor cannot offer. Add a profile with authFlow MANAGED_LOGIN for this app client and sign in there with the passkey.');
}
