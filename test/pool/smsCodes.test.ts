// SMS codes are captured like email codes: printed, served at GET /_local/codes (medium SMS), settable in
// advance with POST /_local/codes or the seed's `codes`, and answer USER_AUTH's SMS_OTP challenge.
import { ConfirmSignUpCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, SignUpCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { rejectsWith, sdk } from './poolHelpers';

describe('local user pool: SMS codes', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId = '';
  let clientId = '';
  const printed: string[] = [];

  before(async () => {
    pool = await startPool({
      output: (line) => printed.push(line),
      seed: {
        userPools: [{
          name: 'sms',
          clients: [{ key: 'app', ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH'] }],
          users: [{ username: 'texter', password: 'Passw0rd!', attributes: { phone_number: '+819012345678' } }],
          codes: { texter: '135790' },
        }],
      },
    });
    client = sdk(pool.endpoint);
    poolId = pool.seeded?.userPools[0].id ?? '';
    clientId = pool.seeded?.userPools[0].clients.app.clientId ?? '';
  });
  after(() => pool.stop());

  const served = async (username: string): Promise<{ latest: string | null; codes: Array<{ purpose: string; code: string; medium: string }> }> =>
    (await (await fetch(`${pool.endpoint}/_local/codes?userPoolId=${poolId}&username=${username}`)).json()) as { latest: string | null; codes: Array<{ purpose: string; code: string; medium: string }> };

  it('USER_AUTH SMS_OTP: the seeded code is sent by SMS, printed, served, and signs the user in', async () => {
    const start = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'texter', PREFERRED_CHALLENGE: 'SMS_OTP' } }));
    assert.equal(start.ChallengeName, 'SMS_OTP');
    assert.equal(start.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
    assert.equal(start.ChallengeParameters?.CODE_DELIVERY_DESTINATION, '+********5678');
    assert.ok(printed.includes('code for texter (sign-in): 135790 (SMS)'), printed.join(' | '));
    const codes = await served('texter');
    assert.deepEqual(codes.codes.at(-1), { ...codes.codes.at(-1), purpose: 'sign-in', code: '135790', medium: 'SMS' });
    await rejectsWith(client.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SMS_OTP', Session: start.Session, ChallengeResponses: { USERNAME: 'texter', SMS_OTP_CODE: '000000' } })), 'CodeMismatchException');
    const again = await client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'texter', PREFERRED_CHALLENGE: 'SMS_OTP' } }));
    const code = (await served('texter')).latest ?? '';
    const done = await client.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SMS_OTP', Session: again.Session, ChallengeResponses: { USERNAME: 'texter', SMS_OTP_CODE: code } }));
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it('sign-up with a phone number only: the code goes by SMS, chosen in advance with POST /_local/codes', async () => {
    const set = await fetch(`${pool.endpoint}/_local/codes`, { method: 'POST', body: JSON.stringify({ userPoolId: poolId, username: 'phoney', code: '864200' }) });
    assert.equal(set.status, 200);
    const result = await client.send(new SignUpCommand({ ClientId: clientId, Username: 'phoney', Password: 'Passw0rd!', UserAttributes: [{ Name: 'phone_number', Value: '+819098765432' }] }));
    assert.equal(result.UserConfirmed, false);
    assert.ok(printed.includes('code for phoney (sign-up): 864200 (SMS)'), printed.join(' | '));
    assert.equal((await served('phoney')).codes.at(-1)?.medium, 'SMS');
    await client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'phoney', ConfirmationCode: '864200' }));
  });
});
