// The real-service mode of the pool suite (`npm run test:pool -- --against …`), without AWS: a recorded fake
// replays the answers Amazon Cognito gave, and the dry run prints every call.
import * as assert from 'node:assert/strict';
import type { Caller } from '../conformance/checks';
import { main } from '../conformance/main';
import { parseConformanceArgs, report, runChecks } from '../conformance/runner';

class CognitoError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** A recorded session: each call answers with what the service answered, in order; the calls are kept. */
function recordedFake(recording: Array<[string, Record<string, unknown> | CognitoError]>): { call: Caller; calls: string[] } {
  const calls: string[] = [];
  const call: Caller = (operation) => {
    calls.push(operation);
    const next = recording.shift();
    assert.ok(next, `unexpected call ${operation}`);
    assert.equal(next[0], operation, 'the calls come in the recorded order');
    return next[1] instanceof Error ? Promise.reject(next[1]) : Promise.resolve(next[1]);
  };
  return { call, calls };
}

const jwt = (claims: object): string => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const signedIn = (refresh: string) => ['InitiateAuth', { AuthenticationResult: { ExpiresIn: 3600, IdToken: jwt({ iat: 100, exp: 3700, given_name: 'Jane' }), AccessToken: jwt({}), RefreshToken: refresh } }] as [string, Record<string, unknown>];

function recording(): Array<[string, Record<string, unknown> | CognitoError]> {
  return [
    ['CreateUserPool', { UserPool: { Id: 'ap-northeast-1_AbC123' } }],
    ['CreateUserPoolClient', { UserPoolClient: { ClientId: 'abcdefghijklmnopqrstuvwxyz' } }],
    ['AdminCreateUser', {}],
    ['AdminSetUserPassword', {}],
    signedIn('r1'),
    signedIn('r2'),
    signedIn('r3'),
    ['UpdateUserAttributes', new CognitoError('NotAuthorizedException', 'A client attempted to write unauthorized attribute')],
    ['CreateUserPoolClient', new CognitoError('InvalidParameterException', 'Invalid range for token validity.')],
    ['CreateUserPoolClient', new CognitoError('InvalidParameterException', 'Invalid range for token validity.')],
    ['DescribeUserPool', { UserPool: { Id: 'ap-northeast-1_AbC123', UserPoolTier: 'ESSENTIALS' } }],
    ['CreateUserPool', { UserPool: { Id: 'ap-northeast-1_Lite1' } }],
    ['CreateUserPoolClient', new CognitoError('FeatureUnavailableInTierException', 'Refresh token rotation is not available in LITE.')],
    signedIn('r4'),
    ['GetTokensFromRefreshToken', { AuthenticationResult: { RefreshToken: 'r5' } }],
    ['GetTokensFromRefreshToken', new CognitoError('RefreshTokenReuseException', 'Refresh token has been used.')],
    signedIn('r6'),
    ['InitiateAuth', new CognitoError('NotAuthorizedException', 'Refresh Token Auth flow not enabled for this client')],
    signedIn('r7'),
    ['GlobalSignOut', {}],
    ['GetTokensFromRefreshToken', new CognitoError('NotAuthorizedException', 'Refresh Token has been revoked')],
    ['DeleteUserPool', {}],
    ['DeleteUserPool', {}],
  ];
}

describe('the pool suite against the real service (recorded fake, dry run)', () => {
  it('runs every check, skips the local-only ones with their reason, and deletes both pools', async () => {
    const fake = recordedFake(recording());
    const results = await runChecks(fake.call, 'real');
    assert.equal(fake.calls.filter((c) => c === 'DeleteUserPool').length, 2);
    const by = Object.fromEntries(results.map((r) => [r.id, r]));
    assert.equal(by['default-token-lifetime'].answer, 'ExpiresIn 3600; id exp-iat 3600');
    assert.equal(by['write-attributes'].answer, 'NotAuthorizedException: A client attempted to write unauthorized attribute');
    assert.equal(by['lite-refuses-rotation'].answer.split(':')[0], 'FeatureUnavailableInTierException');
    assert.match(by.rotation.answer, /^rotated; old token: RefreshTokenReuseException/);
    assert.match(by['grace-period-expiry'].skipped ?? '', /clock/);
    assert.match(by['code-endpoint'].skipped ?? '', /code endpoint/);
  });

  it('deletes what it created even when the set-up fails half-way', async () => {
    const fake = recordedFake([
      ['CreateUserPool', { UserPool: { Id: 'ap-northeast-1_AbC123' } }],
      ['CreateUserPoolClient', new CognitoError('AccessDeniedException', 'not allowed')],
      ['DeleteUserPool', {}],
    ]);
    await assert.rejects(runChecks(fake.call, 'real'), /not allowed/);
    assert.deepEqual(fake.calls, ['CreateUserPool', 'CreateUserPoolClient', 'DeleteUserPool']);
  });

  it('the report sets both answers side by side and marks differences', () => {
    const text = report(
      [{ id: 'a', title: 'A', answer: 'x' }, { id: 'b', title: 'B', answer: 'y' }, { id: 'c', title: 'C', answer: 'z' }],
      [{ id: 'a', title: 'A', answer: 'x' }, { id: 'b', title: 'B', answer: 'other' }, { id: 'c', title: 'C', answer: '', skipped: 'local only' }],
      'https://cognito-idp.ap-northeast-1.amazonaws.com',
    );
    assert.match(text, /\| a \| A \| x \| x \| same \|/);
    assert.match(text, /\| b \| B \| y \| other \| DIFFERENT \|/);
    assert.match(text, /\| c \| C \| z \| skipped: local only \| n\/a \|/);
  });

  it('accepts only a Region\'s Cognito endpoint', () => {
    assert.deepEqual(parseConformanceArgs(['--against', 'https://cognito-idp.ap-northeast-1.amazonaws.com', '--yes-create-resources']), { against: 'https://cognito-idp.ap-northeast-1.amazonaws.com', region: 'ap-northeast-1', dryRun: false, yes: true });
    assert.throws(() => parseConformanceArgs(['--against', 'http://127.0.0.1:9229']), /cognito-idp\.ap-northeast-1/);
    assert.equal(parseConformanceArgs([]), undefined);
  });

  it('without --yes-create-resources nothing is created; --dry-run prints every call, tear-down included, and no secret', async () => {
    const refused: string[] = [];
    assert.equal(await main(['--against', 'https://cognito-idp.eu-west-1.amazonaws.com'], (line) => refused.push(line)), 1);
    assert.match(refused.join('\n'), /Cost:/);
    assert.match(refused.join('\n'), /Nothing was created/);
    const printed: string[] = [];
    assert.equal(await main(['--against', 'https://cognito-idp.eu-west-1.amazonaws.com', '--dry-run'], (line) => printed.push(line)), 0);
    const calls = printed.filter((line) => line.startsWith('would call '));
    assert.equal(calls[0].split(' ')[2], 'CreateUserPool');
    assert.equal(calls.filter((line) => line.startsWith('would call DeleteUserPool ')).length, 2);
    assert.ok(calls.some((line) => line.startsWith('would call GlobalSignOut ')));
    assert.ok(!printed.join('\n').includes('Conformance-Passw0rd!'), 'the password is redacted');
  });
});
