import type { Translate } from '../shared/l10n';
import type { AppClientSummary, Fact, Validity } from './appClientSummary';

/** One line of "Pool and app client": a name, the value in words, and where it came from. */
export interface AppClientFactRow {
  readonly key: keyof AppClientSummary;
  readonly label: string;
  readonly value: string;
  readonly source: Fact<unknown>['source'];
}

function validityText(v: Validity, t: Translate): string {
  const unit = { seconds: t('seconds'), minutes: t('minutes'), hours: t('hours'), days: t('days') }[v.unit];
  return `${v.amount} ${unit}`;
}

/** The summary as rows for the tree and the inspector, in the order the issue lists them; a secret only as a count. */
export function appClientFactRows(s: AppClientSummary, t: Translate): AppClientFactRow[] {
  const unknown = t('unknown');
  const list = (v: readonly string[]): string => (v.length === 0 ? t('none') : v.join(', '));
  const yesNo = (v: boolean): string => (v ? t('on') : t('off'));
  const row = <T>(key: keyof AppClientSummary, label: string, fact: Fact<T>, show: (v: T) => string): AppClientFactRow => ({
    key,
    label,
    value: fact.source === 'unknown' ? unknown : show(fact.value),
    source: fact.source,
  });
  const plan = (v: string): string => (v === 'ESSENTIALS_OR_PLUS' ? t('Essentials or Plus (rotation or USER_AUTH works)') : v.charAt(0) + v.slice(1).toLowerCase());
  return [
    row('featurePlan', t('Feature plan'), s.featurePlan, plan),
    row('issuerType', t('Issuer type'), s.issuerType, (v) => v),
    row('clientName', t('App client name'), s.clientName, (v) => v),
    row('authFlows', t('Authentication flows'), s.authFlows, list),
    row('rotation', t('Refresh-token rotation'), s.rotation, yesNo),
    row('graceSeconds', t('Grace period'), s.graceSeconds, (v) => t('{0} s', v)),
    row('idTokenValidity', t('ID token validity'), s.idTokenValidity, (v) => validityText(v, t)),
    row('accessTokenValidity', t('Access token validity'), s.accessTokenValidity, (v) => validityText(v, t)),
    row('refreshTokenValidity', t('Refresh token validity'), s.refreshTokenValidity, (v) => validityText(v, t)),
    row('secretCount', t('Client secrets'), s.secretCount, (v) => (v === 0 ? t('none (public client)') : t('{0} (values never shown)', v))),
    row('tokenRevocation', t('Token revocation'), s.tokenRevocation, yesNo),
    row('readAttributes', t('Readable attributes'), s.readAttributes, list),
    row('writeAttributes', t('Writable attributes'), s.writeAttributes, list),
    row('oauthFlows', t('OAuth flows'), s.oauthFlows, list),
    row('scopes', t('Scopes'), s.scopes, list),
    row('callbackUrls', t('Callback URLs'), s.callbackUrls, list),
    row('logoutUrls', t('Sign-out URLs'), s.logoutUrls, list),
    row('tokenExchangeFlows', t('Token-exchange flows'), s.tokenExchangeFlows, list),
  ];
}

/** "(from the tokens)" and "(unknown)" marks, so a reader knows which facts were read and which inferred. */
export function sourceNote(source: Fact<unknown>['source'], t: Translate): string {
  return source === 'described' ? t('read with DescribeUserPool/DescribeUserPoolClient') : source === 'tokens' ? t('from the tokens') : t('not known without the app client\'s settings');
}
