import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SignInResult } from '../../src/commands/signInCommand';
import { activateExtension, testPool } from './helpers';

/** A loopback listener that records every request it gets: it must get none carrying a token, secret or password. */
async function startListener(): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      requests.push(`${request.method ?? ''} ${request.url ?? ''} ${String(request.headers['x-amz-target'] ?? '')} ${body.length} bytes`);
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'NotAuthorizedException', message: 'listener' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Writes the workspace's .vscode/settings.json as a cloned repository would carry it, and waits until VS Code reads it. */
async function writeWorkspaceSettings(settings: Record<string, unknown> | undefined): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has a workspace folder');
  mkdirSync(join(folder.uri.fsPath, '.vscode'), { recursive: true });
  const write = (): void => writeFileSync(join(folder.uri.fsPath, '.vscode', 'settings.json'), JSON.stringify(settings ?? {}, null, 2));
  write();
  const wanted = settings?.['cognitoTokens.profiles'];
  // A loaded machine's file watcher can miss a change: write again every 2 s until VS Code has read it.
  const started = Date.now();
  let lastWrite = started;
  while (JSON.stringify(vscode.workspace.getConfiguration('cognitoTokens').inspect('profiles')?.workspaceValue) !== JSON.stringify(wanted)) {
    assert.ok(Date.now() < started + 30_000, 'VS Code read the workspace settings');
    if (Date.now() - lastWrite > 2000) {
      write();
      lastWrite = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const waitFor = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

/** Issue 9 item 1: a workspace cannot send stored tokens, the client secret or a password anywhere. */
describe('a workspace that redefines a signed-in profile', function () {
  this.timeout(90_000);
  const pool = testPool();
  const user = (name: string, client: 'rotating' | 'secret', authFlow = 'USER_PASSWORD_AUTH') => ({
    name, region: 'local', userPoolId: pool.poolId, clientId: pool.clients[client].clientId, endpoint: pool.endpoint, authFlow, refreshMethod: 'rotation',
  });
  let listener: Awaited<ReturnType<typeof startListener>>;
  const config = () => vscode.workspace.getConfiguration('cognitoTokens');

  before(async () => {
    await activateExtension();
    listener = await startListener();
    const existing = config().inspect<unknown[]>('profiles')?.globalValue ?? [];
    const others = existing.filter((p) => !['bound', 'legit'].includes((p as { name: string }).name));
    await config().update('profiles', [...others, user('bound', 'secret'), user('legit', 'rotating')], vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('cognitoTokens.setClientSecret', { profile: 'bound', secret: pool.clients.secret.clientSecret });
    for (const name of ['bound', 'legit']) {
      const result = await vscode.commands.executeCommand<SignInResult>('cognitoTokens.signIn', { profile: name, username: 'demo', password: pool.users.password });
      assert.ok(result && !('error' in result), JSON.stringify(result));
    }
    // The repository's settings redefine `bound` with its own endpoint, and try to turn auto refresh on.
    await writeWorkspaceSettings({
      'cognitoTokens.profiles': [{ ...user('bound', 'secret'), endpoint: listener.url }, { ...user('ws-only', 'rotating'), endpoint: listener.url }],
      'cognitoTokens.autoRefresh': true,
      'cognitoTokens.autoRefreshMarginSeconds': 3600,
    });
  });

  after(async () => {
    await config().update('autoRefresh', undefined, vscode.ConfigurationTarget.Global);
    await config().update('autoRefreshMarginSeconds', undefined, vscode.ConfigurationTarget.Global);
    await writeWorkspaceSettings(undefined);
    await listener.close();
  });

  it('shows the profile as the workspace\'s', async () => {
    const profiles = await (await activateExtension()).exports.profiles();
    const bound = profiles.find((p) => p.name === 'bound');
    assert.equal(bound?.origin, 'workspace');
    assert.equal(bound?.endpoint, listener.url);
    assert.equal(profiles.find((p) => p.name === 'legit')?.origin, 'user');
  });

  it('refresh says the profile moved and sends nothing', async () => {
    const result = await vscode.commands.executeCommand<{ error: string; message: string }>('cognitoTokens.refresh', { profile: 'bound' });
    assert.equal(result.error, 'profileMoved');
    assert.match(result.message, /now points to http:\/\/127\.0\.0\.1:\d+.*sign in again/i);
    assert.deepEqual(listener.requests, []);
  });

  it('GetUser and UpdateUserAttributes send nothing either', async () => {
    const user = await vscode.commands.executeCommand<{ error: string }>('cognitoTokens.getUser', { profile: 'bound', confirm: false });
    assert.equal(user.error, 'profileMoved');
    const update = await vscode.commands.executeCommand<{ error: string }>('cognitoTokens.updateUserAttributes', { profile: 'bound', attributes: { name: 'x' } });
    assert.equal(update.error, 'profileMoved');
    assert.deepEqual(listener.requests, []);
  });

  it('a scripted sign-in to an unconfirmed workspace profile fails clearly and sends no password or secret', async () => {
    for (const name of ['bound', 'ws-only']) {
      const result = await vscode.commands.executeCommand<{ error: string; message: string }>('cognitoTokens.signIn', { profile: name, username: 'demo', password: pool.users.password });
      assert.equal(result.error, 'workspaceProfileUnconfirmed', name);
      assert.match(result.message, /defined by this workspace's settings and points to http:\/\/127\.0\.0\.1/);
    }
    assert.deepEqual(listener.requests, []);
  });

  it('auto refresh: a workspace cannot turn it on, and when the user does, the moved profile is skipped', async () => {
    const api = (await activateExtension()).exports;
    const legitBefore = api.history('legit').length;
    // A change event makes the status bar tick (and auto refresh run) at once.
    await vscode.commands.executeCommand('cognitoTokens.refresh', { profile: 'legit' });
    // A check that nothing happens: no event says "no automatic refresh ran", so the wrong behaviour gets a moment.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(api.history('legit').length, legitBefore + 1, 'only the manual refresh: the workspace\'s autoRefresh is ignored');
    await config().update('autoRefreshMarginSeconds', 3600, vscode.ConfigurationTarget.Global);
    await config().update('autoRefresh', true, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('cognitoTokens.refresh', { profile: 'legit' });
    await waitFor('an automatic refresh of the user\'s own profile', () => api.history('legit').length >= legitBefore + 3);
    await config().update('autoRefresh', undefined, vscode.ConfigurationTarget.Global);
    assert.deepEqual(listener.requests, [], 'the moved profile was never refreshed');
  });

  it('a script can never replace the user\'s profile of a name, even claiming to be a person', async () => {
    const before = JSON.stringify(config().inspect('profiles')?.globalValue);
    for (const extra of [{}, { interactive: true }, { kind: 'profile' }]) {
      const result = await vscode.commands.executeCommand<{ error?: string; message?: string }>('cognitoTokens.addProfile', { ...user('bound', 'secret'), endpoint: 'https://evil.example', authFlow: 'USER_PASSWORD_AUTH', ...extra });
      assert.equal(result?.error, 'profileExists', JSON.stringify(extra));
      assert.match(result?.message ?? '', /already exists.*nothing was changed/);
    }
    assert.equal(JSON.stringify(config().inspect('profiles')?.globalValue), before, 'the user\'s settings are untouched');
    assert.equal(config().inspect<Array<{ name: string; endpoint?: string }>>('profiles')?.globalValue?.find((p) => p.name === 'bound')?.endpoint, pool.endpoint);
  });

  it('a script adding a new profile writes nothing unless the person allows it (test runs refuse the modal)', async () => {
    const result = await vscode.commands.executeCommand<{ error?: string; message?: string }>('cognitoTokens.addProfile', { ...user('added', 'rotating'), endpoint: listener.url, authFlow: 'USER_PASSWORD_AUTH' });
    assert.equal(result?.error, 'profileNotConfirmed');
    assert.ok(result?.message?.includes(listener.url), 'the refusal names where the profile would point');
    const layers = config().inspect<Array<{ name: string }>>('profiles');
    assert.ok(!(layers?.globalValue ?? []).some((p) => p.name === 'added'), 'nothing written to the user\'s list');
    assert.ok(!(layers?.workspaceValue ?? []).some((p) => p.name === 'added'), 'nor to the workspace\'s');
    assert.deepEqual(listener.requests, []);
  });

  it('once the workspace override is gone, the session works where it came from', async () => {
    await writeWorkspaceSettings(undefined);
    const result = await vscode.commands.executeCommand<{ error?: string; rotated?: boolean }>('cognitoTokens.refresh', { profile: 'bound' });
    assert.equal(result.error, undefined, JSON.stringify(result));
    assert.equal(result.rotated, true);
    assert.deepEqual(listener.requests, []);
  });
});
