import type { InspectorLabels } from '../shared/inspectorProtocol';
import { t } from '../translate';

/** The page cannot call `vscode.l10n.t`, so the host translates its labels and sends them along. */
export function inspectorLabels(): InspectorLabels {
  return {
    header: t('Header'),
    payload: t('Payload'),
    claim: t('Claim'),
    value: t('Value'),
    meaning: t('Meaning'),
    copyToken: t('Copy token'),
    copyBearer: t('Copy as Authorization header'),
    copyHeader: t('Copy header JSON'),
    copyPayload: t('Copy payload JSON'),
    showRaw: t('Show raw JSON'),
    hideRaw: t('Hide raw JSON'),
    verify: t('Verify signature'),
    verifying: t('Verifying…'),
    notChecked: t('Signature not checked. Verify fetches the issuer\'s public keys (JWKS) over the network.'),
    cognito: t('Amazon Cognito'),
    notes: t('Notes'),
    problems: t('Problems'),
    fingerprint: t('Fingerprint'),
    tokenUse: t('Token use'),
    region: t('Region'),
    userPool: t('User pool'),
    clientId: t('App client'),
    username: t('Username'),
    groups: t('Groups'),
    jwks: t('Keys (JWKS)'),
    issuerFormat: t('Issuer format'),
    signature: t('Signature'),
    copied: t('Copied'),
    history: t('Rotation history'),
    historyEmpty: t('No refresh yet. Each refresh of this profile is recorded here, with what changed.'),
  };
}
