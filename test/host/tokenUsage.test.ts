import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SignInResult } from '../../src/commands/signInCommand';
import { fingerprint } from '../../src/core/shared/fingerprint';
import type { SessionSummary } from '../../src/core/sessions/storedSession';
import { activateExtension, closeAllEditors, EXTENSION_ID, resetWorkspaceConfig, testPool } from './helpers';

/**
 * Issue 11 in a real extension host against the suite's local pool: a task whose command line takes the
 * token through `${input:…}`, terminal variables, the `cognito` authentication provider, and the code
 * action that replaces a stale token in a file. Tokens are compared by fingerprint only.
 */
describe('tokens where the work happens', function () {
  this.timeout(90_000);
  const pool = testPool();
  const folder = (): vscode.WorkspaceFolder => {
    const found = vscode.workspace.workspaceFolders?.[0];
    assert.ok(found, 'the test window has a workspace folder');
    return found;
  };
  const profile = (name: string, extra: Record<string, unknown> = {}) => ({
    name, region: 'local', userPoolId: pool.poolId, clientId: pool.clients.rotating.clientId, endpoint: pool.endpoint, authFlow: 'USER_PASSWORD_AUTH', ...extra,
  });
  const names = ['use-task', 'use-term', 'use-auth', 'use-file'];
  const scratch = mkdtempSync(join(tmpdir(), 'cti-usage-'));

  async function setUserProfiles(entries: Array<Record<string, unknown>>): Promise<void> {
    const config = vscode.workspace.getConfiguration('cognitoTokens');
    const others = (config.inspect<unknown[]>('profiles')?.globalValue ?? []).filter((p) => !names.includes((p as { name: string }).name));
    await config.update('profiles', [...others, ...entries], vscode.ConfigurationTarget.Global);
  }

  async function signIn(name: string): Promise<SessionSummary> {
    const result = await vscode.commands.executeCommand<SignInResult>('cognitoTokens.signIn', { profile: name, username: 'demo', password: pool.users.password });
    assert.ok(result && !('error' in result), JSON.stringify(result));
    return result;
  }

  async function stored(name: string): Promise<SessionSummary | undefined> {
    return (await activateExtension()).exports.reloadSession(name);
  }

  async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  before(async () => {
    await activateExtension();
    await setUserProfiles([profile('use-task'), profile('use-term', { exportToTerminal: true }), profile('use-auth'), profile('use-file')]);
  });

  after(async () => {
    const config = vscode.workspace.getConfiguration('cognitoTokens');
    await config.update('autoRefreshMarginSeconds', undefined, vscode.ConfigurationTarget.Global);
    resetWorkspaceConfig();
    rmSync(scratch, { recursive: true, force: true });
    await closeAllEditors();
  });

  describe('a task that takes the token through ${input:…}', () => {
    const output = join(scratch, 'task-token.fp');

    /** Runs the tasks.json task and resolves to the fingerprint the shell computed of the token it got. */
    async function runTask(): Promise<string> {
      rmSync(output, { force: true });
      const task = await waitFor('the task from tasks.json', async () => (await vscode.tasks.fetchTasks()).find((t) => t.name === 'cti-token-fingerprint'));
      const ended = new Promise<number | undefined>((resolve) => {
        const listener = vscode.tasks.onDidEndTaskProcess((event) => {
          if (event.execution.task.name === 'cti-token-fingerprint') {
            listener.dispose();
            resolve(event.exitCode);
          }
        });
      });
      await vscode.tasks.executeTask(task);
      assert.equal(await ended, 0, 'the task ran and succeeded');
      return readFileSync(output, 'utf8').trim();
    }

    before(async () => {
      // Inputs work only from tasks.json (not from tasks built in code): write one into the workspace folder.
      const vscodeDir = join(folder().uri.fsPath, '.vscode');
      mkdirSync(vscodeDir, { recursive: true });
      writeFileSync(
        join(vscodeDir, 'tasks.json'),
        JSON.stringify({
          version: '2.0.0',
          tasks: [
            {
              label: 'cti-token-fingerprint',
              type: 'shell',
              // The token travels in the environment, not on the command line (where ps and the terminal would show it).
              command: 'printf %s "$COGNITO_TOKEN" | sha256sum | cut -c1-12 > "$CTI_OUT"',
              options: { env: { COGNITO_TOKEN: '${input:cognitoAccessToken}', CTI_OUT: output } },
              presentation: { reveal: 'never' },
              problemMatcher: [],
            },
          ],
          inputs: [{ id: 'cognitoAccessToken', type: 'command', command: 'cognitoTokens.accessToken', args: { profile: 'use-task' } }],
        }),
      );
      await signIn('use-task');
    });

    it('the shell receives the stored access token', async () => {
      const expected = (await stored('use-task'))?.tokens.access.fingerprint;
      assert.ok(expected);
      assert.equal(await runTask(), expected);
    });

    it('refreshes first when the token expires within the user\'s margin, not a workspace\'s', async () => {
      const config = vscode.workspace.getConfiguration('cognitoTokens');
      const before = (await stored('use-task'))?.tokens.access.fingerprint;
      // A repository's .vscode/settings.json asking for a huge margin changes nothing (5-minute tokens stay).
      const settingsFile = join(folder().uri.fsPath, '.vscode', 'settings.json');
      // hover.enabled (its default, a window setting VS Code does read from a workspace) marks when VS Code read
      // the file: the margin itself is application-scoped, so VS Code never shows it as a workspace value.
      writeFileSync(settingsFile, JSON.stringify({ 'cognitoTokens.autoRefreshMarginSeconds': 3600, 'cognitoTokens.hover.enabled': true }));
      try {
        // Not a fixed wait for the file watcher: until VS Code has read the file, the check below proves nothing.
        await waitFor('VS Code to read the workspace settings', () => (vscode.workspace.getConfiguration('cognitoTokens').inspect('hover.enabled')?.workspaceValue === true ? true : undefined));
        assert.equal(await runTask(), before, 'no refresh for a workspace margin');
      } finally {
        writeFileSync(settingsFile, '{}\n');
      }
      await config.update('autoRefreshMarginSeconds', 3600, vscode.ConfigurationTarget.Global);
      const got = await runTask();
      await config.update('autoRefreshMarginSeconds', undefined, vscode.ConfigurationTarget.Global);
      const after = (await stored('use-task'))?.tokens.access.fingerprint;
      assert.notEqual(got, before, 'a new token: refreshed before use');
      assert.equal(got, after, 'the task got the token now stored');
    });
  });

  describe('terminals', () => {
    /**
     * Runs a script in a new terminal (through `sh file`, so the interactive shell's integration sequences
     * stay out of the output) and resolves to what it wrote: one fingerprint or "none" per variable.
     */
    async function inNewTerminal(): Promise<string> {
      const out = join(scratch, `terminal-${Date.now()}.txt`);
      const script = join(scratch, 'fingerprints.sh');
      writeFileSync(
        script,
        [
          'for v in "$COGNITO_ACCESS_TOKEN" "$COGNITO_USE_TERM_ACCESS_TOKEN" "$COGNITO_USE_TERM_ID_TOKEN" "$COGNITO_USE_TASK_ACCESS_TOKEN"; do',
          '  if [ -n "$v" ]; then printf %s "$v" | sha256sum | cut -c1-12; else echo none; fi',
          `done > "$1.part" && mv "$1.part" "$1"`,
        ].join('\n'),
      );
      const terminal = vscode.window.createTerminal({ name: 'cti-usage', hideFromUser: true });
      try {
        terminal.sendText(`sh '${script}' '${out}'`);
        return (await waitFor('the terminal to write its file', () => (existsSync(out) ? readFileSync(out, 'utf8') : undefined))).trim();
      } finally {
        terminal.dispose();
      }
    }

    it('new terminals get the tokens of a signed-in profile that exports, and lose them on sign-out', async () => {
      const signedIn = await signIn('use-term');
      const expected = [signedIn.tokens.access.fingerprint, signedIn.tokens.access.fingerprint, signedIn.tokens.id?.fingerprint, 'none'].join('\n');
      // The collection is updated after the sign-in's change event; new terminals pick it up from then on.
      await waitFor('the variables in a new terminal', async () => ((await inNewTerminal()) === expected ? true : undefined), 45_000);
      await vscode.commands.executeCommand('cognitoTokens.signOut', { profile: 'use-term', confirm: false });
      await waitFor('the variables to be removed', async () => ((await inNewTerminal()) === ['none', 'none', 'none', 'none'].join('\n') ? true : undefined), 45_000);
    });

    it('a profile a workspace marks exportToTerminal exports nothing', async () => {
      const config = vscode.workspace.getConfiguration('cognitoTokens');
      await signIn('use-task');
      await config.update('profiles', [profile('use-task', { exportToTerminal: true })], vscode.ConfigurationTarget.Workspace);
      try {
        // Give the collection time to (wrongly) update, then look.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const lines = (await inNewTerminal()).split('\n');
        assert.equal(lines[3], 'none', 'no COGNITO_USE_TASK_ACCESS_TOKEN');
        assert.equal(lines[0], 'none', 'no COGNITO_ACCESS_TOKEN for the workspace-exported active profile');
      } finally {
        await config.update('profiles', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });
  });

  describe('the cognito authentication provider', () => {
    it('hands other extensions the access token, the ID token on request, and follows refreshes', async () => {
      const signedIn = await signIn('use-auth');
      // Not granted yet: VS Code files an access request in the Accounts menu ("Grant access to Amazon Cognito
      // for …"). Dialogs are refused in test runs, so use that menu entry as a user would, and pick the account.
      const first = await vscode.authentication.getSession('cognito', ['profile:use-auth']);
      if (!first) await vscode.commands.executeCommand(`cognito${EXTENSION_ID}Access`);
      const session = await waitFor('access to the session', async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return vscode.authentication.getSession('cognito', ['profile:use-auth'], { silent: true });
      });
      assert.equal(fingerprint(session.accessToken), signedIn.tokens.access.fingerprint);
      assert.equal(session.account.label, 'demo (use-auth)');
      const id = await vscode.authentication.getSession('cognito', ['profile:use-auth', 'id_token'], { silent: true });
      assert.ok(id, 'granted once, the ID token comes without asking');
      assert.equal(fingerprint(id.accessToken), signedIn.tokens.id?.fingerprint);

      const changed = new Promise<void>((resolve) => {
        const listener = vscode.authentication.onDidChangeSessions((event) => {
          if (event.provider.id === 'cognito') {
            listener.dispose();
            resolve();
          }
        });
      });
      const refreshed = await vscode.commands.executeCommand<SessionSummary>('cognitoTokens.refresh', { profile: 'use-auth' });
      await changed;
      const after = await vscode.authentication.getSession('cognito', ['profile:use-auth'], { silent: true });
      assert.ok(after);
      assert.equal(fingerprint(after.accessToken), refreshed.tokens.access.fingerprint, 'the session follows the refresh');
      assert.notEqual(fingerprint(after.accessToken), signedIn.tokens.access.fingerprint);
    });
  });

  describe('tokens in files', () => {
    it('replaces a stale token with the current one through the code action', async () => {
      await signIn('use-file');
      const stale = await vscode.commands.executeCommand<string>('cognitoTokens.accessToken', { profile: 'use-file' });
      assert.ok(stale);
      const refreshed = await vscode.commands.executeCommand<SessionSummary>('cognitoTokens.refresh', { profile: 'use-file' });
      assert.notEqual(refreshed.tokens.access.fingerprint, fingerprint(stale));
      const file = join(folder().uri.fsPath, 'request.http');
      writeFileSync(file, `GET ${pool.endpoint}/items\nAuthorization: Bearer ${stale}\n`);
      const document = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(document);
      const position = new vscode.Position(1, 'Authorization: Bearer '.length + 20);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(position, position));
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Replace with a fresh token from use-file'), JSON.stringify(titles));
      const replace = actions.find((a) => a.title === 'Replace with the current token from use-file');
      assert.ok(replace?.command, JSON.stringify(titles));
      await vscode.commands.executeCommand(replace.command.command, ...((replace.command.arguments ?? []) as unknown[]));
      await document.save();
      const line = readFileSync(file, 'utf8').split('\n')[1];
      assert.ok(line.startsWith('Authorization: Bearer '));
      assert.equal(fingerprint(line.slice('Authorization: Bearer '.length)), refreshed.tokens.access.fingerprint, 'the file now holds the current token');
    });

    it('offers nothing on a token from another app client', async () => {
      const other = await vscode.workspace.openTextDocument({ content: `x=${stalePlaceholder()}` });
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', other.uri, new vscode.Range(0, 10, 0, 10));
      assert.ok(!actions.some((a) => a.title.startsWith('Replace with')), JSON.stringify(actions.map((a) => a.title)));
    });
  });

  describe('copy as curl', () => {
    it('copies a curl command with the current token and the URL shell-quoted, resolving to a summary without the token', async () => {
      const signedIn = await signIn('use-file');
      const url = "https://api.example/items?q=it's&x=$(touch /tmp/cti-pwned)";
      const summary = await vscode.commands.executeCommand<Record<string, unknown>>('cognitoTokens.copyAsCurl', { profile: 'use-file', tokenType: 'access', url });
      assert.deepEqual(summary, { profile: 'use-file', tokenType: 'access', fingerprint: signedIn.tokens.access.fingerprint, url });
      const copied = await vscode.env.clipboard.readText();
      const match = /^curl -H 'Authorization: Bearer ([A-Za-z0-9_.-]+)' (.+)$/.exec(copied);
      assert.ok(match, 'the command has the expected shape');
      assert.equal(fingerprint(match[1]), signedIn.tokens.access.fingerprint);
      assert.equal(match[2], `'https://api.example/items?q=it'\\''s&x=$(touch /tmp/cti-pwned)'`);
    });
  });

  /** A well-formed access token of the same issuer for a client no profile uses. */
  function stalePlaceholder(): string {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${b64({ alg: 'RS256', kid: 'k' })}.${b64({ iss: `${pool.endpoint}/${pool.poolId}`, token_use: 'access', client_id: 'someone-else', exp: 1 })}.c2ln`;
  }
});
