import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { VerifyResult } from '../../src/core/tokens/verify';
import { totp } from '../fixtures/totp';
import { activateExtension, assertSignedIn, signIn, testPool } from './helpers';

/** Sign-in, storage and the tree, against the suite's local user pool (cognito-local + our layer). */
describe('sign-in, stored tokens and the tree', function () {
  this.timeout(60_000);
  const pool = testPool();
  const profile = (name: string, client: 'rotating' | 'classic' | 'secret', authFlow: string) => ({
    name,
    region: 'local',
    userPoolId: pool.poolId,
    clientId: pool.clients[client].clientId,
    endpoint: pool.endpoint,
    authFlow,
  });

  before(async () => {
    await activateExtension();
    await vscode.workspace.getConfiguration('cognitoTokens').update(
      'profiles',
      [
        profile('srp', 'rotating', 'USER_SRP_AUTH'),
        profile('password', 'classic', 'USER_PASSWORD_AUTH'),
        profile('admin-secret', 'secret', 'ADMIN_USER_PASSWORD_AUTH'),
        profile('srp-secret', 'secret', 'USER_SRP_AUTH'),
      ],
      vscode.ConfigurationTarget.Global,
    );
  });

  it('signs in with USER_SRP_AUTH and resolves to a summary without tokens', async () => {
    const result = await signIn({ profile: 'srp', username: 'demo', password: pool.users.password });
    assertSignedIn(result);
    assert.equal(result.username, 'demo');
    assert.match(result.sub ?? '', /^[0-9a-f-]{36}$/);
    assert.match(result.tokens.id?.fingerprint ?? '', /^[0-9a-f]{12}$/);
    assert.match(result.tokens.access.scope ?? '', /aws\.cognito\.signin\.user\.admin/);
    assert.ok(result.tokens.refresh?.expiresAt, 'the refresh expiry is estimated from the client\'s validity');
    assert.ok(!/eyJ[\w-]{20,}/.test(JSON.stringify(result)), 'no token in the summary');
  });

  it('signs in with USER_PASSWORD_AUTH', async () => {
    assertSignedIn(await signIn({ profile: 'password', username: 'demo', password: pool.users.password }));
  });

  it('needs the client secret for a client that has one, then signs in with SECRET_HASH (admin flow and SRP)', async () => {
    const missing = await signIn({ profile: 'admin-secret', username: 'demo', password: pool.users.password });
    assert.equal('error' in missing && missing.error, 'secretHashMissing');
    await vscode.commands.executeCommand('cognitoTokens.setClientSecret', { profile: 'admin-secret', secret: pool.clients.secret.clientSecret });
    await vscode.commands.executeCommand('cognitoTokens.setClientSecret', { profile: 'srp-secret', secret: pool.clients.secret.clientSecret });
    assertSignedIn(await signIn({ profile: 'admin-secret', username: 'demo', password: pool.users.password }));
    assertSignedIn(await signIn({ profile: 'srp-secret', username: 'demo', password: pool.users.password }));
  });

  it('a wrong password gives a clear error and leaves the stored tokens as they were', async () => {
    const before = await (await activateExtension()).exports.reloadSession('srp');
    const result = await signIn({ profile: 'srp', username: 'demo', password: 'not-the-password' });
    assert.equal('error' in result && result.error, 'wrongPassword');
    assert.match('error' in result ? result.message : '', /Incorrect username or password/);
    const after = await (await activateExtension()).exports.reloadSession('srp');
    assert.deepEqual(after, before);
  });

  it('answers NEW_PASSWORD_REQUIRED through command arguments', async () => {
    const result = await signIn({ profile: 'password', username: pool.users.newbie, password: 'Temp-Passw0rd!', newPassword: 'Brand-New-Passw0rd!' });
    assertSignedIn(result);
    assert.equal(result.username, 'newbie');
  });

  it('answers SOFTWARE_TOKEN_MFA (TOTP) through command arguments', async () => {
    const result = await signIn({ profile: 'password', username: pool.users.mfa, password: pool.users.password, mfaCode: totp(pool.users.totpSecret) });
    assertSignedIn(result);
    assert.equal(result.username, 'mfa');
  });

  it('tokens survive reactivation: a fresh store over the same SecretStorage reads them back', async () => {
    const signedIn = await signIn({ profile: 'srp', username: 'demo', password: pool.users.password });
    assertSignedIn(signedIn);
    const reloaded = await (await activateExtension()).exports.reloadSession('srp');
    assert.deepEqual(reloaded, signedIn);
  });

  it('the tree shows each profile and its tokens, matching what is stored', async () => {
    const signedIn = await signIn({ profile: 'srp', username: 'demo', password: pool.users.password });
    assertSignedIn(signedIn);
    const rows = await (await activateExtension()).exports.view();
    const roots = rows.filter((row) => row.depth === 0);
    assert.deepEqual(roots.map((row) => row.label), ['srp', 'password', 'admin-secret', 'srp-secret']);
    const srp = roots[0];
    assert.equal(srp.contextValue, 'profile.signedIn');
    assert.equal(srp.description, 'signed in as demo');
    const srpRows = rows.slice(rows.indexOf(srp) + 1, rows.indexOf(roots[1]));
    const tokens = srpRows.filter((row) => row.depth === 1 && row.contextValue?.startsWith('token.'));
    assert.deepEqual(tokens.map((row) => row.contextValue), ['token.id', 'token.access', 'token.refresh']);
    assert.ok(tokens[0].tooltip?.includes(signedIn.tokens.id?.fingerprint ?? '-'));
    assert.ok(tokens[1].tooltip?.includes(signedIn.tokens.access.fingerprint));
    assert.ok(tokens[2].tooltip?.includes(signedIn.tokens.refresh?.fingerprint ?? '?'));
    assert.match(String(tokens[1].description), /^expires in [45] min$/);
    assert.match(String(tokens[2].description), /^encrypted · expires in 30 d \(estimated\)$/);
    assert.ok(srpRows.some((row) => row.depth === 2 && row.label === 'cognito:username'));
  });

  it('copies a stored token and opens it in the inspector, where it verifies against the local pool\'s keys', async () => {
    const copied = await vscode.commands.executeCommand<{ fingerprint: string }>('cognitoTokens.copyToken', { profile: 'srp', tokenType: 'access' });
    const stored = await (await activateExtension()).exports.reloadSession('srp');
    assert.equal(copied.fingerprint, stored?.tokens.access.fingerprint);
    const clipboard = await vscode.env.clipboard.readText();
    const verified = await vscode.commands.executeCommand<VerifyResult>('cognitoTokens.verify', { token: clipboard, show: false });
    assert.equal(verified.status, 'verified', verified.reason);
    const opened = await vscode.commands.executeCommand<{ fingerprint: string }>('cognitoTokens.inspectToken', { profile: 'srp', tokenType: 'id' });
    assert.equal(opened.fingerprint, stored?.tokens.id?.fingerprint);
  });

  it('never copies the refresh token for a script (a task, another extension), even one claiming to be a person', async () => {
    await vscode.env.clipboard.writeText('clipboard before');
    for (const args of [{ profile: 'srp', tokenType: 'refresh' }, { profile: 'srp', tokenType: 'refresh', interactive: true }, { kind: 'token', profile: 'srp', tokenType: 'refresh' }]) {
      const result = await vscode.commands.executeCommand<{ error?: string; message?: string; fingerprint?: string }>('cognitoTokens.copyToken', args);
      assert.equal(result.error, 'refreshTokenNotCopied', JSON.stringify(args));
      assert.equal(result.fingerprint, undefined);
      assert.match(result.message ?? '', /Cognito view or the Command Palette/);
    }
    assert.equal(await vscode.env.clipboard.readText(), 'clipboard before', 'nothing was copied');
  });

  it('activation still loads no AWS SDK; the first sign-in loads the separate bundle', () => {
    const loaded = Object.keys(require.cache);
    assert.ok(loaded.some((path) => /dist[\\/]aws\.js$/.test(path)), 'dist/aws.js was required for sign-in');
    assert.ok(!loaded.some((path) => /dist[\\/]extension\.js$/.test(path) && /@aws-sdk/.test(path)));
  });
});
