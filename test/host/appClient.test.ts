import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AppClientView } from '../../src/appClient/appClientService';
import { activateExtension, testPool } from './helpers';

type Described = (AppClientView & { profile: string }) | undefined;

/**
 * "Pool and app client" against the suite's local user pool: a rotating client, a classic one with a secret,
 * and a Lite pool with a misconfigured client. The pool reports no UserPoolTier today (that lands with the
 * pool's feature plans): where it does not, the plan is "unknown" and the Lite findings are not expected; the
 * same for IssuerConfiguration (UPDATED) and its finding.
 */
describe('pool and app client: settings explained and preflight findings', function () {
  this.timeout(60_000);
  const pool = testPool();
  const names = ['ac-rot', 'ac-classic-secret', 'ac-lite'];
  let classicSecret = '';
  let lite: { poolId: string; clientId: string; tier?: string; issuer?: string; rotation: boolean; userAuth: boolean } | undefined;

  before(async () => {
    await activateExtension();
    // Loaded here, not at the top: the activation suite checks that nothing loaded the AWS SDK before it ran.
    const { CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand, DescribeUserPoolCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const sdk = new CognitoIdentityProviderClient({ endpoint: pool.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      const classic = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: pool.poolId, ClientName: 'classic-with-secret', GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
      classicSecret = classic.UserPoolClient?.ClientSecret ?? '';
      assert.ok(classicSecret.length > 0, 'the pool generated a secret');
      const created = await sdk.send(new CreateUserPoolCommand({ PoolName: 'lite-pool', UserPoolTier: 'LITE', IssuerConfiguration: { Type: 'UPDATED' } }));
      const litePoolId = created.UserPool?.Id ?? '';
      const described = (await sdk.send(new DescribeUserPoolCommand({ UserPoolId: litePoolId }))).UserPool;
      const tier = described?.UserPoolTier;
      const issuer = described?.IssuerConfiguration?.Type;
      // On a pool that enforces plans, Lite refuses rotation and USER_AUTH (FeatureUnavailableInTierException):
      // the most misconfigured client the pool accepts is kept.
      const attempts = [
        { rotation: true, userAuth: true },
        { rotation: false, userAuth: true },
        { rotation: false, userAuth: false },
      ];
      for (const attempt of attempts) {
        try {
          const client = await sdk.send(
            new CreateUserPoolClientCommand({
              UserPoolId: litePoolId,
              ClientName: 'lite-misconfigured',
              ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', ...(attempt.userAuth ? ['ALLOW_USER_AUTH' as const] : [])],
              ...(attempt.rotation ? { RefreshTokenRotation: { Feature: 'ENABLED' as const, RetryGracePeriodSeconds: 5 } } : {}),
            }),
          );
          lite = { poolId: litePoolId, clientId: client.UserPoolClient?.ClientId ?? '', tier, issuer, ...attempt };
          break;
        } catch (error) {
          assert.equal((error as Error).name, 'FeatureUnavailableInTierException', String(error));
        }
      }
      assert.ok(lite, 'a client was created in the Lite pool');
      const classicId = classic.UserPoolClient?.ClientId ?? '';
      const base = { region: 'local', endpoint: pool.endpoint, authFlow: 'USER_PASSWORD_AUTH' };
      const config = vscode.workspace.getConfiguration('cognitoTokens');
      const existing = config.get<Array<{ name: string }>>('profiles', []).filter((p) => !names.includes(p.name));
      await config.update(
        'profiles',
        [
          ...existing,
          { ...base, name: 'ac-rot', userPoolId: pool.poolId, clientId: pool.clients.rotating.clientId },
          { ...base, name: 'ac-classic-secret', userPoolId: pool.poolId, clientId: classicId },
          // The profile signs in with USER_PASSWORD_AUTH, which the Lite pool's client does not allow.
          { ...base, name: 'ac-lite', userPoolId: lite.poolId, clientId: lite.clientId },
        ],
        vscode.ConfigurationTarget.Global,
      );
    } finally {
      sdk.destroy();
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('cognitoTokens.setClientSecret', { profile: 'ac-classic-secret', secret: '' });
    const config = vscode.workspace.getConfiguration('cognitoTokens');
    await config.update('profiles', config.get<Array<{ name: string }>>('profiles', []).filter((p) => !names.includes(p.name)), vscode.ConfigurationTarget.Global);
  });

  const describeClient = async (profile: string): Promise<NonNullable<Described>> => {
    const result = await vscode.commands.executeCommand<Described>('cognitoTokens.describeAppClient', { profile });
    assert.ok(result, 'describeAppClient resolved to a summary');
    return result;
  };
  const codes = (view: AppClientView): string[] => view.findings.map((f) => f.code).sort();

  it('the rotating client: read with DescribeUserPoolClient, rotation on with a 10 s grace, 5-minute tokens, no secret, no findings', async () => {
    const view = await describeClient('ac-rot');
    const s = view.summary;
    assert.equal(s.readFrom, 'describe');
    assert.deepEqual(s.rotation, { source: 'described', value: true });
    assert.deepEqual(s.graceSeconds, { source: 'described', value: 10 });
    assert.deepEqual(s.accessTokenValidity, { source: 'described', value: { amount: 5, unit: 'minutes', ms: 300_000 } });
    assert.deepEqual(s.refreshTokenValidity, { source: 'described', value: { amount: 30, unit: 'days', ms: 30 * 86_400_000 } });
    assert.deepEqual(s.secretCount, { source: 'described', value: 0 });
    assert.deepEqual(s.tokenRevocation, { source: 'described', value: true });
    // What the pool does not report (UserPoolTier, IssuerConfiguration) is "unknown", never guessed.
    assert.ok(s.featurePlan.source === 'unknown' || s.featurePlan.value === 'ESSENTIALS', JSON.stringify(s.featurePlan));
    assert.deepEqual(codes(view), []);
  });

  it('the classic client with a secret: a secret the profile lacks is found; once set, it is not; the value never appears', async () => {
    const before = await describeClient('ac-classic-secret');
    assert.deepEqual(before.summary.secretCount, { source: 'described', value: 1 });
    assert.deepEqual(before.summary.rotation, { source: 'described', value: false });
    assert.ok(before.summary.authFlows.source === 'described' && before.summary.authFlows.value.includes('ALLOW_REFRESH_TOKEN_AUTH'));
    assert.deepEqual(codes(before), ['secretOnPublicProfile']);
    assert.ok(!JSON.stringify(before).includes(classicSecret), 'the summary holds no secret value');
    await vscode.commands.executeCommand('cognitoTokens.setClientSecret', { profile: 'ac-classic-secret', secret: classicSecret });
    const after = await describeClient('ac-classic-secret');
    assert.deepEqual(codes(after), []);
    assert.ok(!JSON.stringify(after).includes(classicSecret));
  });

  it('the Lite pool\'s misconfigured client: the flow it does not allow, and (where the pool reports its plan) what Lite lacks', async () => {
    assert.ok(lite);
    const view = await describeClient('ac-lite');
    const reportsLite = lite.tier === 'LITE';
    const expected = ['authFlowNotAllowed', ...(reportsLite && lite.rotation ? ['rotationOnLite'] : []), ...(reportsLite && lite.userAuth ? ['userAuthOnLite'] : []), ...(lite.issuer === 'UPDATED' ? ['updatedIssuerConsumers'] : [])].sort();
    assert.deepEqual(codes(view), expected);
    assert.deepEqual(view.summary.featurePlan, reportsLite ? { source: 'described', value: 'LITE' } : { source: 'unknown' });
    const flow = view.findings.find((f) => f.code === 'authFlowNotAllowed');
    assert.match(flow?.message ?? '', /ALLOW_USER_PASSWORD_AUTH/);
    assert.equal(flow?.severity, 'error');
  });

  it('the tree shows "Pool and app client" under each profile, with its findings', async () => {
    const rows = await (await activateExtension()).exports.view();
    const start = rows.findIndex((row) => row.depth === 0 && row.label === 'ac-lite');
    assert.ok(start >= 0);
    const next = rows.findIndex((row, i) => i > start && row.depth === 0);
    const under = rows.slice(start + 1, next < 0 ? undefined : next);
    const node = under.find((row) => row.contextValue === 'appClient');
    assert.ok(node, 'the node is there, signed out or not');
    assert.match(node.description ?? '', /error/);
    assert.ok(under.some((row) => row.contextValue === 'finding.error' && /ALLOW_USER_PASSWORD_AUTH/.test(row.label)));
    assert.ok(under.some((row) => row.contextValue === 'appFact.described' && row.label === 'Authentication flows'));
  });
});
