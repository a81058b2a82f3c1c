import type { Translate } from '../shared/l10n';
import type { ExplainedFailure, FailureKind } from './failure';
import type { OAuthFailure } from './oauth';
import { OAuthError } from './oauthFlows';
import { explainOAuthFailure } from './oauthMessages';
import { forLog } from '../shared/untrustedText';

/** Token-endpoint failures under the kinds commands already resolve to, so scripts see one vocabulary. */
const KIND: Partial<Record<OAuthFailure, FailureKind>> = {
  invalidGrant: 'refreshInvalid',
  invalidClient: 'secretHashMismatch',
  unauthorizedClient: 'flowNotEnabled',
  unsupportedGrantType: 'flowNotEnabled',
  invalidScope: 'invalidParameter',
  invalidRequest: 'invalidParameter',
  serverError: 'unknown',
};

/** An OAuthError explained like a Cognito API error; undefined for anything else. */
export function explainOAuthError(error: unknown, t: Translate): ExplainedFailure | undefined {
  if (!(error instanceof OAuthError)) return undefined;
  return { kind: KIND[error.failure] ?? 'unknown', message: explainOAuthFailure(error.failure, t, { grant: error.grant }), detail: forLog(`OAuthError ${error.failure}: ${error.detail}`) };
}
