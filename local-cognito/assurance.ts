/**
 * `acr` and `amr`: how strongly a user authenticated and with which methods
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-step-up-authentication.html:
 * `acr` e.g. `urn:cognito:loa:3`, `amr` e.g. `["pwd","otp","mfa"]`, a target asked with TARGET_ACR_VALUES /
 * MAX_AGE in USER_AUTH or acr_values / max_age at /oauth2/authorize, "an ordered list of target
 * authentication levels"; levels Level1 to Level4, API_AcrLevelConfigType.html).
 * The guide's table of which methods meet which level was not at hand; the local pool's reading, listed in
 * docs/local-user-pool.md: one factor (a password, SRP, or an email one-time code) is level 1, two factors
 * (password then an MFA code) level 3; levels 2 and 4 (passkeys) are not reachable here.
 */
import { invalidParameter } from './errors';

export interface Assurance {
  /** Methods completed so far, in order (RFC 8176 names: pwd, otp, mfa). */
  amr: string[];
  /** TARGET_ACR_VALUES / acr_values, in the order given. */
  targets?: string[];
}

export const NO_ASSURANCE: Assurance = { amr: [] };

export function levelName(level: number): string {
  return `urn:cognito:loa:${level}`;
}

/** The level the completed methods reach: 3 with MFA, 1 with one factor, 0 with none. */
export function reachedLevel(amr: readonly string[]): number {
  return amr.includes('mfa') ? 3 : amr.length > 0 ? 1 : 0;
}

/** One more method completed; a second factor makes it MFA. */
export function withMethod(assurance: Assurance | undefined, method: string): Assurance {
  const amr = [...(assurance?.amr ?? [])];
  if (!amr.includes(method)) amr.push(method);
  const factors = amr.filter((m) => m !== 'mfa');
  if (factors.length >= 2 && !amr.includes('mfa')) amr.push('mfa');
  return { ...assurance, amr };
}

/**
 * The `acr` to report: the first target (in the caller's order) the user met, else the level reached.
 * A target that names no level this pool knows is never met.
 */
export function acrFor(assurance: Assurance): string | undefined {
  const reached = reachedLevel(assurance.amr);
  if (reached === 0) return undefined;
  const met = (assurance.targets ?? []).find((target) => {
    const match = /^urn:cognito:loa:([1-4])$/.exec(target);
    return match !== null && Number(match[1]) <= reached;
  });
  return met ?? levelName(reached);
}

/**
 * TARGET_ACR_VALUES (space-separated, like OIDC acr_values) and MAX_AGE (seconds) from a sign-in request.
 * Every sign-in here authenticates the user afresh (there is no single sign-on session to reuse), so any
 * MAX_AGE is met; it is checked for form only.
 */
export function requestedAssurance(targets: string | undefined, maxAge: string | undefined, names = { targets: 'TARGET_ACR_VALUES', maxAge: 'MAX_AGE' }): Assurance {
  if (maxAge !== undefined && maxAge !== '' && !/^\d{1,10}$/.test(maxAge)) {
    throw invalidParameter(`${names.maxAge} must be a number of seconds (0 or more).`);
  }
  const list = (targets ?? '').split(' ').filter((value) => value !== '');
  if (list.some((value) => value.length > 64)) {
    throw invalidParameter(`${names.targets} values must be at most 64 characters.`);
  }
  return list.length > 0 ? { amr: [], targets: list } : { amr: [] };
}
