import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DecodeSummary } from '../../src/commands/decodeCommand';
import type { SignInResult } from '../../src/commands/signInCommand';
import type { VerifyResult } from '../../src/core/tokens/verify';
import { fingerprint } from '../../src/core/shared/fingerprint';
import { startLoopbackServer, type LoopbackServer } from '../fixtures/loopbackServer';
import { createSigningKey, idTokenClaims, signJwt } from '../fixtures/tokenFactory';
import { activateExtension, closeAllEditors, testPool, waitForInspectorTabs } from './helpers';

/** Issue 9, finding 3: verification fetches keys only from trusted places, in the extension host. */
describe('verify fetches keys only from trusted places', function () {
  this.timeout(60_000);
  const key = createSigningKey('hostile-key');
  let listener: LoopbackServer;

  before(async () => {
    await activateExtension();
    listener = await startLoopbackServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [key.jwk] })));
  });
  after(async () => {
    await closeAllEditors();
    await listener.close();
  });

  it('a token whose iss is a loopback URL with a path and query makes no request, from the verify command or the inspector', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(idTokenClaims(now, { iss: `${listener.origin}/admin/delete?id=42&x=` }), key);
    const quiet = await vscode.commands.executeCommand<VerifyResult>('cognitoTokens.verify', { token, show: false });
    assert.equal(quiet.status, 'notChecked');
    assert.equal(quiet.confirmIssuer, undefined, 'not even offered for confirmation');
    const shown = await vscode.commands.executeCommand<VerifyResult>('cognitoTokens.verify', { token });
    assert.equal(shown.status, 'notChecked');
    assert.equal((await waitForInspectorTabs(1)).length, 1);
    const decoded = await vscode.commands.executeCommand<DecodeSummary>('cognitoTokens.decode', { token });
    assert.equal(decoded.ok && decoded.fingerprint, fingerprint(token));
    // Whatever the inspector might do after opening, give it time to do it.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(listener.requests, [], 'the listener received no request');
  });

  it('an unconfirmed loopback issuer is offered for confirmation, not fetched', async () => {
    const now = Math.floor(Date.now() / 1000);
    const iss = `${listener.origin}/realms/dev`;
    const result = await vscode.commands.executeCommand<VerifyResult>('cognitoTokens.verify', { token: signJwt(idTokenClaims(now, { iss }), key), show: false });
    assert.equal(result.status, 'notChecked');
    assert.equal(result.confirmIssuer, iss);
    assert.deepEqual(listener.requests, []);
  });

  describe('with a signed-in profile of the local pool', () => {
    const pool = testPool();
    const name = 'verify-own';

    before(async () => {
      const config = vscode.workspace.getConfiguration('cognitoTokens');
      const others = config.get<Array<{ name: string }>>('profiles', []).filter((p) => p.name !== name);
      await config.update(
        'profiles',
        [...others, { name, region: 'local', userPoolId: pool.poolId, clientId: pool.clients.classic.clientId, endpoint: pool.endpoint, authFlow: 'USER_PASSWORD_AUTH' }],
        vscode.ConfigurationTarget.Global,
      );
      const signedIn = await vscode.commands.executeCommand<SignInResult>('cognitoTokens.signIn', { profile: name, username: pool.users.demo, password: pool.users.password });
      assert.ok(signedIn && !('error' in signedIn), signedIn && 'error' in signedIn ? signedIn.message : 'signed in');
    });
    after(async () => {
      await vscode.commands.executeCommand('cognitoTokens.signOut', { profile: name, confirm: false });
    });

    it('verifies the profile\'s token with keys from its own endpoint and says the issuer is its pool', async () => {
      await vscode.commands.executeCommand('cognitoTokens.copyToken', { profile: name, tokenType: 'id' });
      const token = await vscode.env.clipboard.readText();
      const named = await vscode.commands.executeCommand<VerifyResult>('cognitoTokens.verify', { token, show: false, profile: name });
      assert.equal(named.status, 'verified', named.reason);
      assert.equal(named.issuerMatchesProfile, true);
      assert.equal(named.keySource, 'profile');
      assert.equal(named.jwksUrl, `${pool.endpoint}/${pool.poolId}/.well-known/jwks.json`);
      const pasted = await vscode.commands.executeCommand<VerifyResult>('cognitoTokens.verify', { token, show: false });
      assert.equal(pasted.status, 'verified', pasted.reason);
      assert.equal(pasted.issuerMatchesProfile, undefined, 'no profile named: nothing to compare with');
      await vscode.env.clipboard.writeText('');
    });

    it('a token of another issuer, checked against the profile, is not fetched and says it is not the profile\'s pool', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = signJwt(idTokenClaims(now, { iss: `${listener.origin}/${pool.poolId}` }), key);
      const result = await vscode.commands.executeCommand<VerifyResult>('cognitoTokens.verify', { token, show: false, profile: name });
      assert.equal(result.status, 'notChecked');
      assert.equal(result.issuerMatchesProfile, false);
      assert.deepEqual(listener.requests, []);
    });
  });
});
