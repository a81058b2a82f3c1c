import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExchangeResult } from '../../src/usage/tokenExchange';
import { activateExtension, assertSignedIn, closeAllEditors, resetWorkspaceConfig, signIn, testPool } from './helpers';

/**
 * Issue 16 in a real extension host against the suite's local pool (its demo-agent client allows
 * ALLOW_TOKEN_EXCHANGE_*): exchange a signed-in session's access token for one audience, read it through
 * `cognitoTokens.accessToken {profile, audience}` in a real task, and see it under its session in the tree.
 * Tokens are compared by fingerprint only.
 */
describe('token exchange from a signed-in profile', function () {
  this.timeout(90_000);
  const pool = testPool();
  const names = ['xchg-agent', 'xchg-plain'];
  const scratch = mkdtempSync(join(tmpdir(), 'cti-exchange-'));
  const profile = (name: string, clientId: string) => ({ name, region: 'local', userPoolId: pool.poolId, clientId, endpoint: pool.endpoint, authFlow: 'USER_PASSWORD_AUTH' });
  const folder = (): string => {
    const found = vscode.workspace.workspaceFolders?.[0];
    assert.ok(found, 'the test window has a workspace folder');
    return found.uri.fsPath;
  };

  async function setProfiles(entries: Array<Record<string, unknown>>): Promise<void> {
    const config = vscode.workspace.getConfiguration('cognitoTokens');
    const others = (config.inspect<unknown[]>('profiles')?.globalValue ?? []).filter((p) => !names.includes((p as { name: string }).name));
    await config.update('profiles', [...others, ...entries], vscode.ConfigurationTarget.Global);
  }

  before(async () => {
    await activateExtension();
    await setProfiles([profile('xchg-agent', pool.clients.agent.clientId), profile('xchg-plain', pool.clients.rotating.clientId)]);
  });

  // Each test starts from a fresh sign-in (which drops what an earlier one derived): any order, alone.
  beforeEach(async () => {
    for (const name of names) assertSignedIn(await signIn({ profile: name, username: pool.users.demo, password: pool.users.password }));
  });

  after(async () => {
    for (const name of names) await vscode.commands.executeCommand('cognitoTokens.signOut', { profile: name, confirm: false });
    await setProfiles([]);
    resetWorkspaceConfig();
    rmSync(scratch, { recursive: true, force: true });
    await closeAllEditors();
  });

  it('exchanges the session\'s access token for one audience and resolves to a summary without the token', async () => {
    const result = await vscode.commands.executeCommand<ExchangeResult>('cognitoTokens.exchangeToken', { profile: 'xchg-agent', audience: 'orders-api', scopes: ['aws.cognito.signin.user.admin'] });
    assert.ok(result && !('error' in result), JSON.stringify(result));
    assert.equal(result.audience, 'orders-api');
    assert.deepEqual([...result.scopes], ['aws.cognito.signin.user.admin']);
    assert.match(result.fingerprint, /^[0-9a-f]{12}$/);
    assert.ok(!JSON.stringify(result).includes('eyJ'), 'the summary holds no token');
  });

  it('a client without the exchange flow says what to add, and stores nothing', async () => {
    const result = await vscode.commands.executeCommand<ExchangeResult>('cognitoTokens.exchangeToken', { profile: 'xchg-plain', audience: 'orders-api' });
    assert.ok(result && 'error' in result, JSON.stringify(result));
    assert.match(result.message, /ALLOW_TOKEN_EXCHANGE_IMPERSONATION/);
    const rows = await (await activateExtension()).exports.view();
    const plainAt = rows.findIndex((row) => row.depth === 0 && row.label === 'xchg-plain');
    const next = rows.findIndex((row, i) => i > plainAt && row.depth === 0);
    assert.ok(!rows.slice(plainAt, next < 0 ? undefined : next).some((row) => row.contextValue === 'token.derived'));
  });

  it('a task reads the derived token through cognitoTokens.accessToken {profile, audience}', async () => {
    const first = await vscode.commands.executeCommand<ExchangeResult>('cognitoTokens.exchangeToken', { profile: 'xchg-agent', audience: 'reports-api' });
    assert.ok(first && !('error' in first), JSON.stringify(first));
    const output = join(scratch, 'derived.fp');
    const vscodeDir = join(folder(), '.vscode');
    mkdirSync(vscodeDir, { recursive: true });
    writeFileSync(
      join(vscodeDir, 'tasks.json'),
      JSON.stringify({
        version: '2.0.0',
        tasks: [
          {
            label: 'cti-derived-fingerprint',
            type: 'shell',
            command: 'printf %s "$DERIVED" | sha256sum | cut -c1-12 > "$CTI_OUT"',
            options: { env: { DERIVED: '${input:derived}', CTI_OUT: output } },
            presentation: { reveal: 'never' },
            problemMatcher: [],
          },
        ],
        inputs: [{ id: 'derived', type: 'command', command: 'cognitoTokens.accessToken', args: { profile: 'xchg-agent', audience: 'reports-api' } }],
      }),
    );
    let task: vscode.Task | undefined;
    const deadline = Date.now() + 20_000;
    while (!task && Date.now() < deadline) {
      task = (await vscode.tasks.fetchTasks()).find((t) => t.name === 'cti-derived-fingerprint');
      if (!task) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.ok(task, 'the task from tasks.json');
    const ended = new Promise<number | undefined>((resolve) => {
      const listener = vscode.tasks.onDidEndTaskProcess((event) => {
        if (event.execution.task.name === 'cti-derived-fingerprint') {
          listener.dispose();
          resolve(event.exitCode);
        }
      });
    });
    await vscode.tasks.executeTask(task);
    assert.equal(await ended, 0);
    assert.equal(readFileSync(output, 'utf8').trim(), first.fingerprint, 'the task got the derived token, not the session\'s own');
  });

  it('shows the derived tokens under their session in the tree, and sign-out drops them', async () => {
    for (const audience of ['orders-api', 'reports-api']) {
      const result = await vscode.commands.executeCommand<ExchangeResult>('cognitoTokens.exchangeToken', { profile: 'xchg-agent', audience });
      assert.ok(result && !('error' in result), JSON.stringify(result));
    }
    const rows = await (await activateExtension()).exports.view();
    const derived = rows.filter((row) => row.contextValue === 'token.derived');
    assert.ok(derived.some((row) => row.description?.startsWith('orders-api · ')), JSON.stringify(derived));
    assert.ok(derived.some((row) => row.description?.startsWith('reports-api · ')));
    // appendText escapes spaces as &nbsp; in the Markdown value.
    assert.ok(derived.every((row) => row.tooltip?.replace(/&nbsp;/g, ' ').includes('No refresh token')), JSON.stringify(derived));
    await vscode.commands.executeCommand('cognitoTokens.signOut', { profile: 'xchg-agent', confirm: false });
    const deadline = Date.now() + 10_000;
    let left = derived.length;
    while (left > 0 && Date.now() < deadline) {
      left = (await (await activateExtension()).exports.view()).filter((row) => row.contextValue === 'token.derived').length;
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(left, 0, 'a sign-out drops what was derived from the session');
  });
});
