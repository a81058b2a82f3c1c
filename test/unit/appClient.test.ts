import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describedFromApi, issuerTypeOf, summarizeAppClient, type DescribedAppClient } from '../../src/core/appClient/appClientSummary';
import { describeAccess } from '../../src/core/appClient/describeAccess';
import { preflightFindings, type FindingCode, type PreflightContext } from '../../src/core/appClient/preflight';
import { formatMessage, type Translate } from '../../src/core/shared/l10n';
import { rotationRecord } from '../../src/core/sessions/rotationHistory';
import { testSession } from '../fixtures/sessions';
import { accessTokenClaims, fakeRefreshToken, idTokenClaims, unsignedJwt } from '../fixtures/tokenFactory';

const profile = { name: 'p', userPoolId: 'ap-northeast-1_AbCdEf123', clientId: '1example23456789abcdefghij' };
const context = (overrides: Partial<PreflightContext> = {}): PreflightContext => ({ profile: { authFlow: 'USER_SRP_AUTH' }, profileHasSecret: false, marginSeconds: 60, ...overrides });

/** An app client as DescribeUserPoolClient answers it (AWS's shape), with overrides. */
function api(client: Record<string, unknown> = {}, pool: Record<string, unknown> | undefined = { UserPoolTier: 'ESSENTIALS', IssuerConfiguration: { Type: 'ORIGINAL' } }): DescribedAppClient {
  return describedFromApi(pool, {
    ClientId: profile.clientId,
    ClientName: 'web',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
    RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
    AccessTokenValidity: 5,
    IdTokenValidity: 5,
    RefreshTokenValidity: 30,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    EnableTokenRevocation: true,
    ...client,
  }, undefined);
}

function codes(described: DescribedAppClient | undefined, ctx: PreflightContext = context(), extra: Partial<Parameters<typeof summarizeAppClient>[0]> = {}): FindingCode[] {
  const summary = summarizeAppClient({ profile: { ...profile, authFlow: ctx.profile.authFlow }, described, ...extra });
  return preflightFindings(summary, ctx, formatMessage).map((f) => f.code);
}

describe('app client summary', () => {
  it('reads AWS\'s DescribeUserPoolClient shape, counting the secret and never keeping its value', () => {
    const described = api({ ClientSecret: 'super-secret-value-1234567890' });
    const summary = summarizeAppClient({ profile, described });
    assert.deepEqual(summary.secretCount, { source: 'described', value: 1 });
    assert.deepEqual(summary.rotation, { source: 'described', value: true });
    assert.deepEqual(summary.graceSeconds, { source: 'described', value: 10 });
    assert.deepEqual(summary.accessTokenValidity, { source: 'described', value: { amount: 5, unit: 'minutes', ms: 300_000 } });
    assert.deepEqual(summary.featurePlan, { source: 'described', value: 'ESSENTIALS' });
    assert.ok(!JSON.stringify(summary).includes('super-secret'));
    assert.ok(!JSON.stringify(described).includes('super-secret'));
  });

  it('says "unknown" for what the pool does not report (no UserPoolTier or IssuerConfiguration) and defaults units as AWS does', () => {
    const summary = summarizeAppClient({ profile, described: describedFromApi({ Id: profile.userPoolId }, { AccessTokenValidity: 2, RefreshTokenValidity: 10 }, undefined) });
    assert.deepEqual(summary.featurePlan, { source: 'unknown' });
    assert.deepEqual(summary.issuerType, { source: 'unknown' });
    assert.deepEqual(summary.accessTokenValidity, { source: 'described', value: { amount: 2, unit: 'hours', ms: 7_200_000 } });
    assert.deepEqual(summary.refreshTokenValidity, { source: 'described', value: { amount: 10, unit: 'days', ms: 864_000_000 } });
    assert.deepEqual(summary.tokenExchangeFlows, { source: 'unknown' });
    assert.deepEqual(summary.authFlows, { source: 'unknown' });
  });

  it('without settings, reads what the tokens and refreshes reveal, marked as such', () => {
    const now = 1_800_000_000;
    const before = testSession({ refreshValidityMs: 30 * 86_400_000 });
    const after = { ...before, tokens: { id: unsignedJwt(idTokenClaims(now + 60, { iat: now, exp: now + 300 })), access: unsignedJwt(accessTokenClaims(now + 60, { iat: now, exp: now + 300 })), refresh: fakeRefreshToken() } };
    const record = rotationRecord({ before, after, method: 'rotation', at: now * 1000, graceSeconds: 10 });
    const summary = summarizeAppClient({ profile, session: after, records: [record] });
    assert.equal(summary.readFrom, 'tokens');
    assert.deepEqual(summary.rotation, { source: 'tokens', value: true });
    assert.deepEqual(summary.featurePlan, { source: 'tokens', value: 'ESSENTIALS_OR_PLUS' });
    assert.deepEqual(summary.issuerType, { source: 'tokens', value: 'ORIGINAL' });
    assert.deepEqual(summary.accessTokenValidity, { source: 'tokens', value: { amount: 5, unit: 'minutes', ms: 300_000 } });
    assert.deepEqual(summary.tokenRevocation, { source: 'tokens', value: true });
    assert.deepEqual(summary.authFlows, { source: 'tokens', value: ['ALLOW_USER_SRP_AUTH'] });
    assert.deepEqual(summary.secretCount, { source: 'unknown' });
    assert.ok(summary.readAttributes.source === 'tokens' && summary.readAttributes.value.includes('custom:department'));
  });

  it('reads the issuer type from iss: ORIGINAL, UPDATED (issuer-cognito-idp), or neither for a local pool', () => {
    assert.equal(issuerTypeOf('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab'), 'ORIGINAL');
    assert.equal(issuerTypeOf('https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab'), 'UPDATED');
    assert.equal(issuerTypeOf('https://issuer-cognito-idp.us-east-1.amazonaws.com.evil.example/us-east-1_Ab'), undefined);
    assert.equal(issuerTypeOf('http://127.0.0.1:9229/local_Ab'), undefined);
  });
});

describe('preflight findings (one test per code)', () => {
  it('a well-configured rotating client has none', () => {
    assert.deepEqual(codes(api()), []);
  });

  it('rotationWithRefreshTokenAuth: rotation on while ALLOW_REFRESH_TOKEN_AUTH is allowed', () => {
    assert.deepEqual(codes(api({ ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })), ['rotationWithRefreshTokenAuth']);
    assert.deepEqual(codes(api({ ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], RefreshTokenRotation: { Feature: 'DISABLED' } })), []);
  });

  it('rotationOnLite: rotation on a Lite pool', () => {
    assert.deepEqual(codes(api({}, { UserPoolTier: 'LITE' })), ['rotationOnLite']);
  });

  it('userAuthOnLite: USER_AUTH allowed or used on a Lite pool', () => {
    assert.deepEqual(codes(api({ RefreshTokenRotation: { Feature: 'DISABLED' }, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH'] }, { UserPoolTier: 'LITE' })), ['userAuthOnLite']);
    assert.deepEqual(codes(api({ RefreshTokenRotation: { Feature: 'DISABLED' }, ExplicitAuthFlows: ['ALLOW_USER_AUTH'] }, { UserPoolTier: 'PLUS' }), context({ profile: { authFlow: 'USER_AUTH' } })), []);
  });

  it('authFlowNotAllowed: the profile\'s flow is not in the client\'s flows (or its OAuth grants)', () => {
    assert.deepEqual(codes(api(), context({ profile: { authFlow: 'USER_PASSWORD_AUTH' } })), ['authFlowNotAllowed']);
    assert.deepEqual(codes(api({ ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH'] }), context({ profile: { authFlow: 'ADMIN_USER_PASSWORD_AUTH' } })), []);
    assert.deepEqual(codes(api({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'] }), context({ profile: { authFlow: 'CLIENT_CREDENTIALS' } })), ['authFlowNotAllowed']);
  });

  it('secretOnPublicProfile and secretProfileOnPublicClient: a secret on one side only', () => {
    assert.deepEqual(codes(api({ ClientSecret: 'x'.repeat(40) })), ['secretOnPublicProfile']);
    assert.deepEqual(codes(api({ ClientSecret: 'x'.repeat(40) }), context({ profileHasSecret: true })), []);
    assert.deepEqual(codes(api(), context({ profileHasSecret: true })), ['secretProfileOnPublicClient']);
  });

  it('redirectNotCallback: managed login redirects to a URL that is not a callback URL', () => {
    const oauth = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], CallbackURLs: ['http://localhost:45678/callback'] };
    assert.deepEqual(codes(api(oauth), context({ profile: { authFlow: 'MANAGED_LOGIN', redirectUri: 'http://localhost:45679/callback' } })), ['redirectNotCallback']);
    assert.deepEqual(codes(api(oauth), context({ profile: { authFlow: 'MANAGED_LOGIN', redirectUri: 'http://localhost:45678/callback' } })), []);
    assert.deepEqual(codes(api(oauth), context({ profile: { authFlow: 'MANAGED_LOGIN' }, defaultRedirectUri: 'vscode://cognito-devtools.cognito-token-inspector/oauth-callback' })), ['redirectNotCallback']);
  });

  it('accessWithinRefreshMargin: access tokens that live no longer than the auto-refresh margin', () => {
    assert.deepEqual(codes(api(), context({ marginSeconds: 300 })), ['accessWithinRefreshMargin']);
    assert.deepEqual(codes(api(), context({ marginSeconds: 299 })), []);
  });

  it('updatedIssuerConsumers: the UPDATED issuer, said as information about ALB and API Gateway', () => {
    const summary = summarizeAppClient({ profile, described: api({}, { UserPoolTier: 'PLUS', IssuerConfiguration: { Type: 'UPDATED' } }) });
    const findings = preflightFindings(summary, context(), formatMessage);
    assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['updatedIssuerConsumers', 'info']]);
    assert.match(findings[0].message, /API Gateway/);
  });

  it('refreshShorterThanMargin: refresh tokens that end before auto-refresh could help', () => {
    assert.deepEqual(codes(api({ AccessTokenValidity: 1, TokenValidityUnits: { AccessToken: 'hours', RefreshToken: 'minutes' }, RefreshTokenValidity: 30 }), context({ marginSeconds: 1800 })), ['refreshShorterThanMargin']);
  });

  it('settingsNotRead: without the settings, says why, and judges nothing it cannot see', () => {
    assert.deepEqual(codes(undefined, context({ profileHasSecret: true }), { notDescribed: 'noCredentials' }), ['settingsNotRead']);
  });

  it('every finding message has a Japanese translation', () => {
    const ja = JSON.parse(readFileSync(join(__dirname, '../../../l10n/bundle.l10n.ja.json'), 'utf8')) as Record<string, string>;
    const templates: string[] = [];
    const record: Translate = (message, ...args) => {
      templates.push(message);
      return formatMessage(message, ...args);
    };
    const cases: Array<[DescribedAppClient | undefined, PreflightContext]> = [
      [api({ ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH'], ClientSecret: 'x'.repeat(40), AccessTokenValidity: 1, RefreshTokenValidity: 1, TokenValidityUnits: { AccessToken: 'minutes', RefreshToken: 'minutes' } }, { UserPoolTier: 'LITE', IssuerConfiguration: { Type: 'UPDATED' } }), context({ marginSeconds: 120 })],
      [api({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['implicit'], CallbackURLs: [] }), context({ profile: { authFlow: 'MANAGED_LOGIN', redirectUri: 'http://localhost:1/cb' }, profileHasSecret: true })],
      [undefined, context()],
    ];
    const seen = new Set<string>();
    for (const [described, ctx] of cases) {
      for (const notDescribed of ['noCredentials', 'failed', 'notConfirmed'] as const) {
        for (const f of preflightFindings(summarizeAppClient({ profile: { ...profile, authFlow: ctx.profile.authFlow }, described, notDescribed }), ctx, record)) seen.add(f.code);
      }
    }
    assert.equal(seen.size, 11, `codes seen: ${[...seen].join(', ')}`);
    for (const template of templates) assert.ok(ja[template], `no Japanese for: ${template}`);
  });
});

describe('describe access', () => {
  it('describes a local pool, a profile naming an AWS profile, or with credentials in the environment; nothing else', () => {
    assert.equal(describeAccess({ endpoint: 'http://127.0.0.1:9229' }, {}, true), 'allowed');
    assert.equal(describeAccess({ awsProfile: 'dev' }, {}, true), 'allowed');
    assert.equal(describeAccess({}, { AWS_ACCESS_KEY_ID: 'AKIA' }, true), 'allowed');
    assert.equal(describeAccess({}, {}, true), 'noCredentials');
    assert.equal(describeAccess({ endpoint: 'http://127.0.0.1:9229' }, {}, false), 'notConfirmed');
  });
});
