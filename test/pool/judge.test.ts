// cognito-local as a judge: the pool makes sign-in and refresh tokens itself (issue 19), so what it shares with
// cognito-local must still agree with cognito-local run alone, as it ships: the same claims for the same user
// (groups, user name, client, scope, token use), the same challenge for a user with a temporary password, the
// same answer to an unknown refresh token. Differences the pool makes on purpose (its own key, 60-minute
// lifetimes, attributes by ReadAttributes, origin_jti, acr/amr) are left out of the comparison and listed here.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CreateGroupCommand,
  InitiateAuthCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtDecode } from 'jwt-decode';
import { freePort } from '../../local-cognito/upstream';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { makeClient, makePool, makeUser, sdk, signIn, type Fixture } from './poolHelpers';

/** Claims the pool sets on purpose where cognito-local differs (see docs/local-user-pool.md). */
const OURS_ONLY = new Set(['origin_jti', 'acr', 'amr', 'exp', 'iss', 'jti', 'event_id', 'auth_time', 'iat']);

describe('local user pool: cognito-local, run alone, as a judge of what both do', function () {
  this.timeout(60_000);
  let judge: ChildProcess;
  let judgeDir = '';
  let pool: LocalPool;
  const sides: Array<{ name: string; client: CognitoIdentityProviderClient; fixture: Fixture }> = [];

  before(async () => {
    judgeDir = mkdtempSync(join(tmpdir(), 'pool-judge-'));
    mkdirSync(join(judgeDir, '.cognito'), { recursive: true });
    writeFileSync(join(judgeDir, '.cognito', 'config.json'), JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }));
    const port = await freePort();
    judge = spawn(process.execPath, [require.resolve('cognito-local/lib/bin/start.js')], { cwd: judgeDir, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' });
    const judgeEndpoint = `http://127.0.0.1:${port}`;
    for (let answered = false; !answered; ) {
      answered = await fetch(`${judgeEndpoint}/health`).then(() => true, () => false);
      if (!answered && judge.exitCode !== null) throw new Error('cognito-local did not start');
      if (!answered) await new Promise((r) => setTimeout(r, 50));
    }
    pool = await startPool();
    for (const [name, endpoint] of [['cognito-local', judgeEndpoint], ['ours', pool.endpoint]] as const) {
      const client = sdk(endpoint);
      const poolId = await makePool(client);
      const fixture = await makeClient(client, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
      await makeUser(client, poolId, 'judy');
      for (const group of ['b-team', 'a-team']) {
        await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: group }));
        await client.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'judy', GroupName: group }));
      }
      await client.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'newbie', TemporaryPassword: 'Temp-Passw0rd-1!', MessageAction: 'SUPPRESS' }));
      sides.push({ name, client, fixture });
    }
  });

  after(async () => {
    await pool?.stop();
    judge?.kill('SIGKILL');
    rmSync(judgeDir, { recursive: true, force: true });
  });

  /** What a token's claims say, without what differs on purpose and the values that differ by nature (ids, times). */
  function shape(token: string | undefined, ids: Fixture): Record<string, unknown> {
    const claims = jwtDecode<Record<string, unknown>>(token ?? '');
    const kept: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(claims)) {
      if (OURS_ONLY.has(name) || name === 'email' || name === 'email_verified') continue;
      kept[name] = name === 'sub' ? typeof value : name === 'client_id' || name === 'aud' ? (value === ids.clientId ? 'the client' : value) : value;
    }
    return kept;
  }

  it('gives the same claims at sign-in: user name, groups (sorted), client, scope, token use', async () => {
    const [theirs, ours] = await Promise.all(sides.map(async ({ client, fixture }) => signIn(client, fixture, 'judy')));
    const [judgeIds, ourIds] = sides.map((side) => side.fixture);
    assert.deepEqual(shape(ours.AccessToken, ourIds), shape(theirs.AccessToken, judgeIds));
    assert.deepEqual(shape(ours.IdToken, ourIds), shape(theirs.IdToken, judgeIds));
    assert.deepEqual(jwtDecode<{ 'cognito:groups': string[] }>(ours.AccessToken ?? '')['cognito:groups'], ['a-team', 'b-team']);
  });

  it('gives the same claims on REFRESH_TOKEN_AUTH', async () => {
    const shapes = await Promise.all(sides.map(async ({ client, fixture }) => {
      const first = await signIn(client, fixture, 'judy');
      const refreshed = await client.send(new InitiateAuthCommand({ ClientId: fixture.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.RefreshToken ?? '' } }));
      return [shape(refreshed.AuthenticationResult?.AccessToken, fixture), shape(refreshed.AuthenticationResult?.IdToken, fixture)];
    }));
    assert.deepEqual(shapes[1], shapes[0]);
  });

  it('asks a user with a temporary password for a new one, with the same parameters', async () => {
    const answers = await Promise.all(sides.map(({ client, fixture }) =>
      client.send(new InitiateAuthCommand({ ClientId: fixture.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'newbie', PASSWORD: 'Temp-Passw0rd-1!' } }))));
    assert.equal(answers[1].ChallengeName, answers[0].ChallengeName);
    assert.equal(answers[1].ChallengeName, 'NEW_PASSWORD_REQUIRED');
    assert.deepEqual(Object.keys(answers[1].ChallengeParameters ?? {}).sort(), Object.keys(answers[0].ChallengeParameters ?? {}).sort());
  });

  it('refuses a refresh token it never issued the same way', async () => {
    const errors = await Promise.all(sides.map(({ client, fixture }) =>
      client.send(new InitiateAuthCommand({ ClientId: fixture.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'not-a-token' } })).then(
        () => 'accepted',
        (error: Error) => error.name,
      )));
    assert.deepEqual(errors, ['NotAuthorizedException', 'NotAuthorizedException']);
  });
});
