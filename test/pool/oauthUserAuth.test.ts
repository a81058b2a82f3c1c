import {
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type ChallengeNameType,
  type CognitoIdentityProviderClient,
  type InitiateAuthCommandOutput,
  type RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import { secretHash, srpClientRespond, srpClientStart } from '../../src/core/protocol/srp';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { applySeed } from '../../local-cognito/seed';
import { makeClient, makePool, makeUser, rejectsWith, sdk, type Fixture } from './poolHelpers';

/** Choice-based sign-in (InitiateAuth USER_AUTH) through the AWS SDK. */
describe('local user pool: choice-based sign-in (USER_AUTH)', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;
  let app: Fixture;
  let secret: Fixture;

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    app = await makeClient(client, poolId, { ExplicitAuthFlows: ['ALLOW_USER_AUTH'] });
    secret = await makeClient(client, poolId, { ExplicitAuthFlows: ['ALLOW_USER_AUTH'], GenerateSecret: true });
    await makeUser(client, poolId, 'aoi');
  });
  after(() => pool.stop());

  const start = (params: Record<string, string>, fixture = app): Promise<InitiateAuthCommandOutput> =>
    client.send(new InitiateAuthCommand({ ClientId: fixture.clientId, AuthFlow: 'USER_AUTH', AuthParameters: params }));
  const respond = (challenge: ChallengeNameType, session: string | undefined, responses: Record<string, string>, fixture = app): Promise<RespondToAuthChallengeCommandOutput> =>
    client.send(new RespondToAuthChallengeCommand({ ClientId: fixture.clientId, ChallengeName: challenge, Session: session, ChallengeResponses: responses }));

  async function latestCode(username: string): Promise<string> {
    const response = await fetch(`${pool.endpoint}/_local/codes?userPoolId=${poolId}&username=${username}`);
    assert.equal(response.status, 200, 'the pool shows the code it sent');
    const { latest, codes } = (await response.json()) as { latest: string; codes: Array<{ purpose: string }> };
    assert.equal(codes.at(-1)?.purpose, 'sign-in');
    return latest;
  }

  it('signs in with PREFERRED_CHALLENGE PASSWORD in one call', async () => {
    const result = await start({ USERNAME: 'aoi', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Passw0rd!' });
    assert.ok(result.AuthenticationResult?.AccessToken);
    assert.ok(result.AuthenticationResult?.RefreshToken);
    await rejectsWith(start({ USERNAME: 'aoi', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'wrong' }), 'NotAuthorizedException');
  });

  it('offers SELECT_CHALLENGE without a preference and answers EMAIL_OTP with the code', async () => {
    const offered = await start({ USERNAME: 'aoi' });
    assert.equal(offered.ChallengeName, 'SELECT_CHALLENGE');
    assert.deepEqual(offered.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    const otp = await respond('SELECT_CHALLENGE', offered.Session, { USERNAME: 'aoi', ANSWER: 'EMAIL_OTP' });
    assert.equal(otp.ChallengeName, 'EMAIL_OTP');
    assert.equal(otp.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, 'EMAIL');
    assert.equal(otp.ChallengeParameters?.CODE_DELIVERY_DESTINATION, 'a***@e***');
    const done = await respond('EMAIL_OTP', otp.Session, { USERNAME: 'aoi', EMAIL_OTP_CODE: await latestCode('aoi') });
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it('answers SELECT_CHALLENGE with PASSWORD', async () => {
    const offered = await start({ USERNAME: 'aoi' });
    await rejectsWith(respond('SELECT_CHALLENGE', offered.Session, { USERNAME: 'aoi', ANSWER: 'PASSWORD' }), 'InvalidParameterException', /PASSWORD/);
    const again = await start({ USERNAME: 'aoi' });
    const done = await respond('SELECT_CHALLENGE', again.Session, { USERNAME: 'aoi', ANSWER: 'PASSWORD', PASSWORD: 'Passw0rd!' });
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it('sends the code set in advance with POST /_local/codes', async () => {
    await fetch(`${pool.endpoint}/_local/codes`, { method: 'POST', body: JSON.stringify({ userPoolId: poolId, username: 'aoi', code: '424242' }) });
    const otp = await start({ USERNAME: 'aoi', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    const done = await respond('EMAIL_OTP', otp.Session, { USERNAME: 'aoi', EMAIL_OTP_CODE: '424242' });
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it('refuses a wrong one-time code', async () => {
    const otp = await start({ USERNAME: 'aoi', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    assert.equal(otp.ChallengeName, 'EMAIL_OTP');
    const code = await latestCode('aoi');
    await rejectsWith(respond('EMAIL_OTP', otp.Session, { USERNAME: 'aoi', EMAIL_OTP_CODE: code === '000000' ? '111111' : '000000' }), 'CodeMismatchException');
  });

  it('answers SELECT_CHALLENGE with PASSWORD_SRP through the SRP verifier', async () => {
    const offered = await start({ USERNAME: 'aoi' });
    const srp = srpClientStart();
    const verifier = await respond('SELECT_CHALLENGE', offered.Session, { USERNAME: 'aoi', ANSWER: 'PASSWORD_SRP', SRP_A: srp.A });
    assert.equal(verifier.ChallengeName, 'PASSWORD_VERIFIER');
    const params = verifier.ChallengeParameters ?? {};
    const answer = srpClientRespond({ ...srp, userPoolId: poolId, username: params.USER_ID_FOR_SRP ?? '', password: 'Passw0rd!', salt: params.SALT ?? '', B: params.SRP_B ?? '', secretBlock: params.SECRET_BLOCK ?? '', now: new Date() });
    const done = await respond('PASSWORD_VERIFIER', verifier.Session, { USERNAME: 'aoi', PASSWORD_CLAIM_SIGNATURE: answer.signature, PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK ?? '', TIMESTAMP: answer.timestamp });
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it('checks SECRET_HASH and ALLOW_USER_AUTH', async () => {
    await rejectsWith(start({ USERNAME: 'aoi' }, secret), 'NotAuthorizedException', /SECRET_HASH/);
    const offered = await start({ USERNAME: 'aoi', SECRET_HASH: secretHash(secret.clientSecret ?? '', 'aoi', secret.clientId) }, secret);
    assert.equal(offered.ChallengeName, 'SELECT_CHALLENGE');
    const plain = await makeClient(client, poolId);
    await rejectsWith(start({ USERNAME: 'aoi' }, plain), 'InvalidParameterException', /USER_AUTH flow not enabled/);
  });

  it('lets a seeded passwordless user sign in by email code only', async () => {
    const seeded = await applySeed({ userPools: [{ name: 'passwordless', clients: [{ key: 'app', ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_AUTH'] }], users: [{ username: 'hikari', attributes: { email: 'hikari@example.com', email_verified: 'true' } }] }] }, async (operation, body) => {
      const response = await fetch(pool.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` }, body: JSON.stringify(body) });
      return (await response.json()) as Record<string, unknown>;
    });
    const seededPool = seeded.userPools[0];
    const fixture = { poolId: seededPool.id, clientId: seededPool.clients.app.clientId };
    const offered = await start({ USERNAME: 'hikari' }, fixture);
    assert.deepEqual(offered.AvailableChallenges, ['EMAIL_OTP']);
    const otp = await respond('SELECT_CHALLENGE', offered.Session, { USERNAME: 'hikari', ANSWER: 'EMAIL_OTP' }, fixture);
    const response = await fetch(`${pool.endpoint}/_local/codes?userPoolId=${seededPool.id}&username=hikari`);
    const { latest: code } = (await response.json()) as { latest: string };
    const done = await respond('EMAIL_OTP', otp.Session, { USERNAME: 'hikari', EMAIL_OTP_CODE: code }, fixture);
    assert.ok(done.AuthenticationResult?.IdToken);
    await rejectsWith(respond('SELECT_CHALLENGE', (await start({ USERNAME: 'hikari' }, fixture)).Session, { USERNAME: 'hikari', ANSWER: 'PASSWORD', PASSWORD: 'guess' }, fixture), 'InvalidParameterException', /AvailableChallenges/);
  });
});
