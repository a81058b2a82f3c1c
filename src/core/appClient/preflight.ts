/**
 * Preflight: what in the app client's (and pool's) settings will make this profile's sign-in or refresh fail,
 * or surprise, said in plain words with the fix. One function per rule, each fed only the facts it needs, so
 * a fact that is unknown (no credentials to describe the client) produces no finding rather than a guess.
 *
 * Sources: rotation needs ALLOW_REFRESH_TOKEN_AUTH off and Essentials or Plus
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html); the UPDATED issuer
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html) is
 * not accepted by ALB authentication or API Gateway Cognito authorizers (../shared/docs/cognito-facts.md); callback
 * URLs must match exactly (DG authorization-endpoint.html).
 */
import type { Translate } from '../shared/l10n';
import type { AppClientSummary } from './appClientSummary';

export type FindingSeverity = 'error' | 'warning' | 'info';

export type FindingCode =
  | 'rotationWithRefreshTokenAuth'
  | 'rotationOnLite'
  | 'userAuthOnLite'
  | 'authFlowNotAllowed'
  | 'secretOnPublicProfile'
  | 'secretProfileOnPublicClient'
  | 'redirectNotCallback'
  | 'accessWithinRefreshMargin'
  | 'updatedIssuerConsumers'
  | 'refreshShorterThanMargin'
  | 'settingsNotRead';

export interface Finding {
  readonly code: FindingCode;
  readonly severity: FindingSeverity;
  readonly message: string;
}

export interface PreflightContext {
  readonly profile: { readonly authFlow?: string; readonly redirectUri?: string; readonly refreshMethod?: string };
  /** The profile holds a client secret in secret storage. */
  readonly profileHasSecret: boolean;
  /** The auto-refresh margin in seconds (the user's setting, clamped as auto-refresh clamps it). */
  readonly marginSeconds: number;
  /** The editor's own managed-login callback, used when the profile names no redirect URI. */
  readonly defaultRedirectUri?: string;
}

const has = (fact: AppClientSummary['authFlows'], flow: string): boolean | undefined => (fact.source === 'unknown' ? undefined : fact.value.includes(flow));

/** The ExplicitAuthFlows entry each of our sign-in flows needs (API_InitiateAuth.html); OAuth flows need AllowedOAuthFlows. */
export function requiredFlow(authFlow: string | undefined): { readonly explicit?: string; readonly oauth?: string } {
  switch (authFlow ?? 'USER_SRP_AUTH') {
    case 'MANAGED_LOGIN':
      return { oauth: 'code' };
    case 'CLIENT_CREDENTIALS':
      return { oauth: 'client_credentials' };
    default:
      return { explicit: `ALLOW_${authFlow ?? 'USER_SRP_AUTH'}` };
  }
}

type Rule = (s: AppClientSummary, c: PreflightContext, t: Translate) => Finding | undefined;

const rules: Rule[] = [
  function rotationWithRefreshTokenAuth(s, _c, t) {
    if (s.rotation.source === 'unknown' || !s.rotation.value || has(s.authFlows, 'ALLOW_REFRESH_TOKEN_AUTH') !== true) return undefined;
    return { code: 'rotationWithRefreshTokenAuth', severity: 'error', message: t('Refresh-token rotation is on while ALLOW_REFRESH_TOKEN_AUTH is allowed. Cognito refuses this combination: remove ALLOW_REFRESH_TOKEN_AUTH from the app client\'s authentication flows, and refresh with GetTokensFromRefreshToken.') };
  },
  function rotationOnLite(s, _c, t) {
    if (s.featurePlan.source === 'unknown' || s.featurePlan.value !== 'LITE' || s.rotation.source === 'unknown' || !s.rotation.value) return undefined;
    return { code: 'rotationOnLite', severity: 'error', message: t('Refresh-token rotation is on, but the user pool is on the Lite plan, which has no rotation. Move the pool to Essentials or Plus, or turn rotation off.') };
  },
  function userAuthOnLite(s, c, t) {
    if (s.featurePlan.source === 'unknown' || s.featurePlan.value !== 'LITE') return undefined;
    if (c.profile.authFlow !== 'USER_AUTH' && has(s.authFlows, 'ALLOW_USER_AUTH') !== true) return undefined;
    return { code: 'userAuthOnLite', severity: 'error', message: t('Choice-based sign-in (USER_AUTH) is used, but the user pool is on the Lite plan, which does not offer it. Move the pool to Essentials or Plus, or sign in with USER_SRP_AUTH.') };
  },
  function authFlowNotAllowed(s, c, t) {
    const needed = requiredFlow(c.profile.authFlow);
    if (needed.explicit !== undefined) {
      if (s.authFlows.source !== 'described' || s.authFlows.value.includes(needed.explicit)) return undefined;
      // ADMIN_NO_SRP_AUTH is the legacy name of ALLOW_ADMIN_USER_PASSWORD_AUTH.
      if (needed.explicit === 'ALLOW_ADMIN_USER_PASSWORD_AUTH' && s.authFlows.value.includes('ADMIN_NO_SRP_AUTH')) return undefined;
      return { code: 'authFlowNotAllowed', severity: 'error', message: t('This profile signs in with {0}, but the app client does not allow {1}. Add {1} to the app client\'s authentication flows, or change the profile\'s sign-in flow.', c.profile.authFlow ?? 'USER_SRP_AUTH', needed.explicit) };
    }
    if (s.oauthFlows.source !== 'described' || needed.oauth === undefined || s.oauthFlows.value.includes(needed.oauth)) return undefined;
    return { code: 'authFlowNotAllowed', severity: 'error', message: t('This profile signs in with {0}, but the app client does not allow the OAuth grant {1}. Turn on OAuth for the app client and allow {1}, or change the profile\'s sign-in flow.', c.profile.authFlow ?? '', needed.oauth) };
  },
  function secretOnPublicProfile(s, c, t) {
    if (s.secretCount.source === 'unknown' || s.secretCount.value === 0 || c.profileHasSecret) return undefined;
    return { code: 'secretOnPublicProfile', severity: 'error', message: t('The app client has a client secret, but this profile has none, so Cognito will answer "Unable to verify secret hash". Run "Cognito: Set Client Secret" for this profile, or use an app client without a secret (a public client) for an editor.') };
  },
  function secretProfileOnPublicClient(s, c, t) {
    if (s.secretCount.source === 'unknown' || s.secretCount.value > 0 || !c.profileHasSecret) return undefined;
    return { code: 'secretProfileOnPublicClient', severity: 'warning', message: t('This profile holds a client secret, but the app client has none: Cognito refuses a SECRET_HASH for a client without a secret. Remove the profile\'s client secret (Set Client Secret with an empty value).') };
  },
  function redirectNotCallback(s, c, t) {
    if (c.profile.authFlow !== 'MANAGED_LOGIN' || s.callbackUrls.source !== 'described') return undefined;
    const redirect = c.profile.redirectUri ?? c.defaultRedirectUri;
    if (redirect === undefined || s.callbackUrls.value.includes(redirect)) return undefined;
    return { code: 'redirectNotCallback', severity: 'error', message: t('Managed login will redirect to {0}, which is not one of the app client\'s callback URLs, so sign-in ends with redirect_mismatch. Add it to the callback URLs exactly as written, or set the profile\'s redirect URI to one of them.', redirect) };
  },
  function accessWithinRefreshMargin(s, c, t) {
    const access = s.accessTokenValidity;
    if (access.source === 'unknown' || access.value.ms > c.marginSeconds * 1000) return undefined;
    return { code: 'accessWithinRefreshMargin', severity: 'warning', message: t('Access tokens live {0} s, no longer than the auto-refresh margin of {1} s: every new token is already due, so auto-refresh would run at every check. Lower cognitoTokens.autoRefreshMarginSeconds, or lengthen the app client\'s access-token validity.', Math.round(access.value.ms / 1000), c.marginSeconds) };
  },
  function updatedIssuerConsumers(s, _c, t) {
    if (s.issuerType.source === 'unknown' || s.issuerType.value !== 'UPDATED') return undefined;
    // We cannot see which services check these tokens: said as information, not as a problem.
    return { code: 'updatedIssuerConsumers', severity: 'info', message: t('The pool uses the UPDATED issuer (issuer-cognito-idp…). Application Load Balancer authentication and API Gateway Cognito authorizers do not accept it: if these tokens go to either, use the ORIGINAL issuer or a JWT authorizer configured with this issuer.') };
  },
  function refreshShorterThanMargin(s, c, t) {
    const refresh = s.refreshTokenValidity;
    if (refresh.source === 'unknown' || refresh.value.ms > c.marginSeconds * 1000) return undefined;
    return { code: 'refreshShorterThanMargin', severity: 'warning', message: t('Refresh tokens live {0} s, no longer than the auto-refresh margin of {1} s: the session ends before auto-refresh can help. Lengthen the app client\'s refresh-token validity, or lower cognitoTokens.autoRefreshMarginSeconds.', Math.round(refresh.value.ms / 1000), c.marginSeconds) };
  },
  function settingsNotRead(s, _c, t) {
    if (s.readFrom === 'describe') return undefined;
    const why = s.notDescribed === 'failed' ? t('DescribeUserPoolClient failed') : s.notDescribed === 'notConfirmed' ? t('this workspace profile is not confirmed') : t('no AWS credentials for this profile');
    return { code: 'settingsNotRead', severity: 'info', message: t('The app client\'s settings could not be read ({0}): what is shown comes from the tokens and refreshes only, and checks that need the settings were skipped. Set the profile\'s awsProfile (or AWS credentials in the environment) with cognito-idp:DescribeUserPoolClient and DescribeUserPool to see them.', why) };
  },
];

/** Every finding for this profile and app client, errors first. */
export function preflightFindings(summary: AppClientSummary, context: PreflightContext, t: Translate): Finding[] {
  const order: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };
  return rules
    .map((rule) => rule(summary, context, t))
    .filter((finding): finding is Finding => finding !== undefined)
    .sort((a, b) => order[a.severity] - order[b.severity]);
}
