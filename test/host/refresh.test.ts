import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SignInResult } from '../../src/commands/signInCommand';
import type { SessionSummary } from '../../src/core/sessions/storedSession';
import { activateExtension, testPool } from './helpers';

type RefreshResult = (SessionSummary & { method: string; rotated: boolean }) | { profile: string; error: string; message: string };

/** Refresh with rotation, the history, sign-out and attributes, against the suite's local user pool. */
describe('refresh, rotation history, sign-out and attributes', function () {
  this.timeout(60_000);
  const pool = testPool();
  const profile = (name: string, client: 'rotating' | 'classic', extra: Record<string, unknown> = {}) => ({
    name, region: 'local', userPoolId: pool.poolId, clientId: pool.clients[client].clientId, endpoint: pool.endpoint, authFlow: 'USER_PASSWORD_AUTH', ...extra,
  });
  const stats = async (): Promise<Record<string, number>> => (await (await fetch(`${pool.endpoint}/_local/stats`)).json()) as Record<string, number>;
  const advance = (seconds: number) => fetch(`${pool.endpoint}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: seconds }) });

  before(async () => {
    await activateExtension();
    const config = vscode.workspace.getConfiguration('cognitoTokens');
    const existing = config.get<unknown[]>('profiles', []).filter((p) => !['rot', 'classic', 'rot-auto'].includes((p as { name: string }).name));
    await config.update('profiles', [...existing, profile('rot', 'rotating', { refreshMethod: 'rotation' }), profile('classic', 'classic', { refreshMethod: 'classic' })], vscode.ConfigurationTarget.Global);
  });

  async function signIn(name: string): Promise<SessionSummary> {
    const result = await vscode.commands.executeCommand<SignInResult>('cognitoTokens.signIn', { profile: name, username: 'demo', password: pool.users.password });
    assert.ok(result && !('error' in result), JSON.stringify(result));
    return result;
  }

  async function refresh(name: string): Promise<RefreshResult> {
    const result = await vscode.commands.executeCommand<RefreshResult>('cognitoTokens.refresh', { profile: name });
    assert.ok(result);
    return result;
  }

  it('rotates on every refresh, records each rotation, and never extends the session', async () => {
    const first = await signIn('rot');
    const api = (await activateExtension()).exports;
    const seen = [first.tokens.refresh?.fingerprint];
    for (let i = 0; i < 3; i++) {
      const result = await refresh('rot');
      assert.ok(!('error' in result), JSON.stringify(result));
      assert.equal(result.method, 'rotation');
      assert.equal(result.rotated, true);
      assert.ok(!seen.includes(result.tokens.refresh?.fingerprint), 'a new refresh token each time');
      assert.equal(result.tokens.refresh?.expiresAt, first.tokens.refresh?.expiresAt, 'the session end does not move');
      seen.push(result.tokens.refresh?.fingerprint);
    }
    const history = api.history('rot');
    assert.ok(history.length >= 3);
    const last = history[history.length - 1];
    assert.equal(last.refresh.new, seen[3]);
    assert.equal(last.refresh.old, seen[2]);
    assert.ok(last.graceUntil !== undefined && last.graceUntil - last.at === 10_000, 'grace deadline from the client\'s 10 s');
    assert.notEqual(last.access.before.jti, last.access.after.jti);
    assert.ok(!JSON.stringify(history).includes('eyJ'), 'records hold no tokens');
  });

  it('twenty concurrent refreshes make one request', async () => {
    await signIn('rot');
    const before = (await stats()).GetTokensFromRefreshToken ?? 0;
    const results = await Promise.all(Array.from({ length: 20 }, () => refresh('rot')));
    const after = (await stats()).GetTokensFromRefreshToken ?? 0;
    assert.equal(after - before, 1);
    assert.ok(results.every((r) => !('error' in r) && r.tokens.refresh?.fingerprint === (results[0] as SessionSummary).tokens.refresh?.fingerprint));
  });

  it('classic refresh returns new ID and access tokens and keeps the refresh token', async () => {
    const signedIn = await signIn('classic');
    const result = await refresh('classic');
    assert.ok(!('error' in result), JSON.stringify(result));
    assert.equal(result.method, 'classic');
    assert.equal(result.rotated, false);
    assert.equal(result.tokens.refresh?.fingerprint, signedIn.tokens.refresh?.fingerprint);
    assert.notEqual(result.tokens.access.fingerprint, signedIn.tokens.access.fingerprint);
  });

  it('reads and updates the user\'s attributes', async () => {
    await signIn('rot');
    const user = await vscode.commands.executeCommand<{ username: string; attributes: Record<string, string> }>('cognitoTokens.getUser', { profile: 'rot', confirm: false });
    assert.equal(user.username, 'demo');
    assert.equal(user.attributes.name, 'デモ 太郎');
    const updated = await vscode.commands.executeCommand<{ updated: string[] }>('cognitoTokens.updateUserAttributes', { profile: 'rot', attributes: { name: '更新 太郎' } });
    assert.deepEqual(updated.updated, ['name']);
    const again = await vscode.commands.executeCommand<{ attributes: Record<string, string> }>('cognitoTokens.getUser', { profile: 'rot', confirm: false });
    assert.equal(again.attributes.name, '更新 太郎');
    const rows = await (await activateExtension()).exports.view();
    const rot = rows.findIndex((row) => row.depth === 0 && row.label === 'rot');
    assert.ok(rot >= 0);
    const next = rows.findIndex((row, i) => i > rot && row.depth === 0);
    const under = rows.slice(rot + 1, next < 0 ? undefined : next);
    assert.ok(under.some((row) => row.contextValue === 'attributes'), 'GetUser\'s attributes appear under the profile');
    assert.equal(under.find((row) => row.contextValue === 'attribute' && row.label === 'name')?.description, '更新 太郎');
  });

  it('sign-out revokes: the local tokens are gone and the history is cleared', async () => {
    await signIn('rot');
    await refresh('rot');
    const result = await vscode.commands.executeCommand<{ revoked: boolean; scope: string }>('cognitoTokens.signOut', { profile: 'rot', confirm: false });
    assert.deepEqual(result, { profile: 'rot', revoked: true, scope: 'device', stillValid: ['id'] });
    const api = (await activateExtension()).exports;
    assert.equal(await api.reloadSession('rot'), undefined);
    assert.deepEqual(api.history('rot'), []);
    const after = await refresh('rot');
    assert.equal('error' in after && after.error, 'notSignedIn');
  });

  it('global sign-out: other sessions of the user are revoked, as GetUser and refresh then say', async () => {
    await signIn('rot');
    await signIn('classic');
    const result = await vscode.commands.executeCommand<{ revoked: boolean; scope: string }>('cognitoTokens.globalSignOut', { profile: 'rot', confirm: false });
    assert.equal(result.revoked, true);
    // The classic profile still holds tokens locally, but Cognito revoked them.
    const user = await vscode.commands.executeCommand<{ error: string; message: string }>('cognitoTokens.getUser', { profile: 'classic', confirm: false });
    assert.equal(user.error, 'accessRevoked');
    assert.match(user.message, /access token has been revoked/i);
    const refreshed = await refresh('classic');
    assert.equal('error' in refreshed && refreshed.error, 'refreshRevoked');
    assert.ok((await (await activateExtension()).exports.reloadSession('classic')), 'a failed refresh keeps the stored tokens');
  });

  it('global sign-out with an expired access token gets a fresh one first (or revokes the refresh token), and says the ID token stays valid', async () => {
    await signIn('rot');
    const before = await stats();
    // Cognito's clock moves past the access token's expiry (5 min); the refresh token still works.
    await advance(2 * 3600);
    try {
      const result = await vscode.commands.executeCommand<{ revoked: boolean; scope: string; stillValid: string[] }>('cognitoTokens.globalSignOut', { profile: 'rot', confirm: false });
      const after = await stats();
      assert.equal(result.revoked, true, JSON.stringify(result));
      assert.deepEqual(result.stillValid, ['id'], 'only the ID token keeps working');
      assert.equal((after.GetTokensFromRefreshToken ?? 0) - (before.GetTokensFromRefreshToken ?? 0), 1, 'a fresh access token was asked for first');
      // The local pool stamps refreshed tokens with the real clock, so with its clock moved the fresh token is
      // expired too: then the refresh token is revoked instead, and the result says 'device'.
      if (result.scope === 'device') assert.equal((after.RevokeToken ?? 0) - (before.RevokeToken ?? 0), 1, 'the refresh token was revoked');
      else assert.equal(result.scope, 'global');
    } finally {
      await advance(-2 * 3600);
    }
  });

  it('a refresh racing a sign-out never brings the session back', async () => {
    // The two start at varying offsets (negative: the sign-out first), so some rounds end the refresh after it.
    for (const offset of [-20, -10, -5, -2, 0, 2, 5, 10]) {
      await signIn('rot');
      const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const refresh = () => vscode.commands.executeCommand('cognitoTokens.refresh', { profile: 'rot' });
      const signOut = () => vscode.commands.executeCommand<{ revoked: boolean }>('cognitoTokens.signOut', { profile: 'rot', confirm: false });
      const [, signedOut] =
        offset < 0 ? await Promise.all([wait(-offset).then(refresh), signOut()]) : await Promise.all([refresh(), wait(offset).then(signOut)]);
      assert.ok(signedOut && 'revoked' in signedOut, JSON.stringify(signedOut));
      assert.equal(await (await activateExtension()).exports.reloadSession('rot'), undefined, `offset ${offset} ms: still signed out`);
    }
  });

  it('a refresh racing a newer sign-in never replaces it', async () => {
    for (let i = 0; i < 6; i++) {
      await signIn('rot');
      const refreshing = vscode.commands.executeCommand('cognitoTokens.refresh', { profile: 'rot' });
      const newer = await signIn('rot');
      await refreshing;
      const stored = await (await activateExtension()).exports.reloadSession('rot');
      // The refresh finished first (the sign-in then replaced it), found the newer session and stored nothing, or
      // started late enough to refresh the newer session itself. Never the older session: the session end
      // (sign-in time + validity, which rotation never moves) names which sign-in the stored tokens belong to.
      assert.ok(newer.tokens.refresh?.expiresAt);
      assert.equal(stored?.tokens.refresh?.expiresAt, newer.tokens.refresh.expiresAt, `round ${i}: the newer sign-in's session is kept`);
    }
  });

  it('an expired session says so: sign in again', async () => {
    await signIn('rot');
    await advance(31 * 86_400);
    // Other suites share the pool: put its clock back whatever happens.
    const result = await refresh('rot').finally(() => advance(-31 * 86_400));
    assert.equal('error' in result && result.error, 'refreshExpired');
    assert.match('error' in result ? result.message : '', /Sign in again/);
  });
});
