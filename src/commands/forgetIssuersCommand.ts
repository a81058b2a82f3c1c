import type { Services } from '../services';
import { t } from '../translate';

/**
 * `cognitoTokens.forgetTrustedIssuers`: forgets the issuers trusted in the inspector, so their keys are
 * fetched again only after the user confirms them again. Resolves to how many were forgotten, not which.
 */
export async function forgetIssuersCommand(services: Services): Promise<{ forgotten: number }> {
  const forgotten = await services.verifier.forgetIssuers();
  services.log.info(`[verify] forgot ${forgotten} trusted issuer(s)`);
  services.notifier.status(forgotten === 0 ? t('No trusted issuers to forget.') : t('Forgot {0} trusted issuers.', forgotten), 3000);
  return { forgotten };
}
