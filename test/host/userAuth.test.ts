import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SignInResult } from '../../src/commands/signInCommand';
import type { SessionSummary } from '../../src/core/sessions/storedSession';
import { latestCode } from '../fixtures/localCodes';
import { signInOnPoolPage } from '../fixtures/poolBrowser';
import { activateExtension, assertSignedIn, signIn, testPool } from './helpers';

type RefreshResult = (SessionSummary & { method: string; rotated: boolean }) | { profile: string; error: string; message: string };

/**
 * Choice-based sign-in (USER_AUTH), machine to machine (client credentials) and managed login (code +
 * PKCE through the pool's form, back to our loopback listener), against the suite's local user pool.
 * The person's part (reading an email, choosing a factor, using the browser) is played by replacing the
 * editor's input box, quick pick and openExternal for one test; Cognito's side is the real pool.
 */
describe('USER_AUTH, client credentials and managed login', function () {
  this.timeout(60_000);
  const pool = testPool();
  const base = (name: string, client: 'managed' | 'choice' | 'm2m', authFlow: string, extra: Record<string, unknown> = {}) => ({
    name, region: 'local', userPoolId: pool.poolId, clientId: pool.clients[client].clientId, endpoint: pool.endpoint, authFlow, ...extra,
  });
  const NAMES = ['choice', 'choice-email', 'machine', 'managed'];

  before(async () => {
    await activateExtension();
    const config = vscode.workspace.getConfiguration('cognitoTokens');
    const existing = config.get<unknown[]>('profiles', []).filter((p) => !NAMES.includes((p as { name: string }).name));
    await config.update(
      'profiles',
      [
        ...existing,
        base('choice', 'choice', 'USER_AUTH'),
        base('choice-email', 'choice', 'USER_AUTH', { preferredChallenge: 'EMAIL_OTP' }),
        base('machine', 'm2m', 'CLIENT_CREDENTIALS', { domain: pool.endpoint, scopes: ['demo-api/read'] }),
        base('managed', 'managed', 'MANAGED_LOGIN', { domain: pool.endpoint, scopes: ['openid', 'email', 'profile'], redirectUri: 'http://localhost:45678/callback' }),
      ],
      vscode.ConfigurationTarget.Global,
    );
  });

  /** Replaces one function of an editor namespace for the duration of `run`. */
  async function replacing<T extends object, K extends keyof T, R>(target: T, key: K, replacement: T[K], run: () => Promise<R>): Promise<R> {
    const original = target[key];
    target[key] = replacement;
    try {
      return await run();
    } finally {
      target[key] = original;
    }
  }

  const neverAsked = (() => Promise.reject(new Error('the extension asked for something the arguments gave'))) as never;

  it('USER_AUTH with PASSWORD from the arguments: nothing is asked, the tokens are stored', async () => {
    const result = await replacing(vscode.window, 'showInputBox', neverAsked, () =>
      replacing(vscode.window, 'showQuickPick', neverAsked, () => signIn({ profile: 'choice', username: 'demo', password: pool.users.password, challenge: 'PASSWORD' })),
    );
    assertSignedIn(result);
    assert.equal(result.username, 'demo');
    assert.match(result.tokens.id?.fingerprint ?? '', /^[0-9a-f]{12}$/);
    assert.ok(result.tokens.refresh, 'a refresh token');
    assert.ok(!/eyJ[\w-]{20,}/.test(JSON.stringify(result)), 'no token in the summary');
  });

  it('USER_AUTH without a preference: the pool\'s AvailableChallenges are offered, EMAIL_OTP chosen, the emailed code typed', async () => {
    const offered: string[] = [];
    const prompts: string[] = [];
    const pick = ((items: readonly vscode.QuickPickItem[]) => {
      offered.push(...items.map((item) => item.description ?? item.label));
      return Promise.resolve(items.find((item) => (item as { factor?: string }).factor === 'EMAIL_OTP'));
    }) as never;
    const type = (async (options?: vscode.InputBoxOptions) => {
      prompts.push(options?.prompt ?? '');
      // The prompt appears once the code is sent: the newest code is this sign-in's.
      return latestCode(pool.endpoint, pool.poolId, 'passwordless');
    }) as never;
    const result = await replacing(vscode.window, 'showQuickPick', pick, () => replacing(vscode.window, 'showInputBox', type, () => signIn({ profile: 'choice', username: 'passwordless' })));
    assertSignedIn(result);
    assert.equal(result.username, 'passwordless');
    assert.equal(prompts.length, 1, 'the code was asked once');
    assert.match(prompts[0], /code sent by email/);
    const view = await (await activateExtension()).exports.view();
    assert.ok(view.some((row) => row.label === 'choice' && /passwordless/.test(row.description ?? '')), 'the tree shows the passwordless user signed in');
  });

  it('USER_AUTH with a wrong code resolves to an error and keeps the stored session', async () => {
    const before = await (await activateExtension()).exports.reloadSession('choice');
    assert.ok(before, 'signed in from the previous step');
    const result = await replacing(vscode.window, 'showInputBox', neverAsked, () => signIn({ profile: 'choice-email', username: 'passwordless', code: '000000' }));
    assert.ok('error' in result);
    assert.equal(result.error, 'codeMismatch');
    assert.deepEqual(await (await activateExtension()).exports.reloadSession('choice'), before);
  });

  it('client credentials: an access token only (sub is the client id), "refresh" gets a new one, a wrong secret keeps it', async () => {
    const missing = await signIn({ profile: 'machine' });
    assert.ok('error' in missing, 'without the client secret it says so');
    assert.match(missing.message, /Set Client Secret/);
    await vscode.commands.executeCommand('cognitoTokens.setClientSecret', { profile: 'machine', secret: pool.clients.m2m.clientSecret });
    const result = await signIn({ profile: 'machine' });
    assertSignedIn(result);
    assert.equal(result.tokens.id, undefined);
    assert.equal(result.tokens.refresh, undefined);
    assert.equal(result.sub, pool.clients.m2m.clientId);
    assert.equal(result.tokens.access.scope, 'demo-api/read');
    const view = await (await activateExtension()).exports.view();
    const start = view.findIndex((row) => row.depth === 0 && row.label === 'machine');
    const end = view.findIndex((row, i) => i > start && row.depth === 0);
    const tokens = view.slice(start + 1, end === -1 ? undefined : end).filter((row) => row.depth === 1 && row.contextValue?.startsWith('token.')).map((row) => row.label);
    assert.deepEqual(tokens, ['Access token'], 'the tree shows the access token only');
    assert.match(view[start].description ?? '', /machine-to-machine/);

    const refreshed = await vscode.commands.executeCommand<RefreshResult>('cognitoTokens.refresh', { profile: 'machine' });
    assert.ok(refreshed && !('error' in refreshed), JSON.stringify(refreshed));
    assert.equal(refreshed.method, 'clientCredentials');
    assert.notEqual(refreshed.tokens.access.fingerprint, result.tokens.access.fingerprint);

    await vscode.commands.executeCommand('cognitoTokens.setClientSecret', { profile: 'machine', secret: 'not-the-secret' });
    const refused = await signIn({ profile: 'machine' });
    assert.ok('error' in refused);
    assert.equal(refused.error, 'invalidClient');
    assert.equal((await (await activateExtension()).exports.reloadSession('machine'))?.tokens.access.fingerprint, refreshed.tokens.access.fingerprint, 'the stored token is kept');
    await vscode.commands.executeCommand('cognitoTokens.setClientSecret', { profile: 'machine', secret: pool.clients.m2m.clientSecret });
  });

  it('managed login: the browser signs in on the pool\'s page, the code comes back to the loopback listener; refresh rotates at the token endpoint; sign-out revokes', async () => {
    let opened: URL | undefined;
    let browsing: Promise<void> = Promise.resolve();
    const openExternal = ((uri: vscode.Uri) => {
      opened = new URL(uri.toString(true));
      browsing = signInOnPoolPage(opened.href, 'demo', pool.users.password);
      return Promise.resolve(true);
    }) as never;
    const result = await replacing(vscode.env, 'openExternal', openExternal, () => signIn({ profile: 'managed' }));
    await browsing;
    assertSignedIn(result);
    assert.equal(result.username, 'demo');
    assert.ok(opened);
    // In code-server the loopback domain is opened through the editor's forwarding (/proxy/PORT/).
    assert.match(opened.pathname, /\/oauth2\/authorize$/);
    assert.equal(opened.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(opened.searchParams.get('redirect_uri'), 'http://localhost:45678/callback');
    assert.ok(result.tokens.refresh);

    const api = (await activateExtension()).exports;
    const refreshed = await vscode.commands.executeCommand<RefreshResult>('cognitoTokens.refresh', { profile: 'managed' });
    assert.ok(refreshed && !('error' in refreshed), JSON.stringify(refreshed));
    assert.equal(refreshed.method, 'tokenEndpoint');
    assert.equal(refreshed.rotated, true);
    assert.notEqual(refreshed.tokens.refresh?.fingerprint, result.tokens.refresh?.fingerprint);
    const record = api.history('managed').at(-1);
    assert.equal(record?.method, 'tokenEndpoint');
    assert.equal(record?.refresh.old, result.tokens.refresh?.fingerprint);
    assert.equal(record?.refresh.new, refreshed.tokens.refresh?.fingerprint);

    // No aws.cognito.signin.user.admin in these scopes: Get User asks /oauth2/userInfo instead.
    const user = await vscode.commands.executeCommand<{ attributes: Record<string, string> } | { error: string; message: string }>('cognitoTokens.getUser', { profile: 'managed', confirm: false });
    assert.ok(user && 'attributes' in user, JSON.stringify(user));
    assert.equal(user.attributes.email, 'demo@example.com');

    const signedOut = await vscode.commands.executeCommand<{ revoked: boolean }>('cognitoTokens.signOut', { profile: 'managed', confirm: false });
    assert.equal(signedOut.revoked, true);
    const stats = (await (await fetch(`${pool.endpoint}/_local/stats`)).json()) as Record<string, unknown>;
    assert.ok(stats, 'the pool is still answering');
  });

  it('managed login with a domain that is not https (nor this machine) is refused before anything is opened', async () => {
    const config = vscode.workspace.getConfiguration('cognitoTokens');
    const profiles = config.get<Array<Record<string, unknown>>>('profiles', []);
    await config.update('profiles', [...profiles.filter((p) => p.name !== 'managed-plain'), base('managed-plain', 'managed', 'MANAGED_LOGIN', { domain: 'http://login.example.com', scopes: ['openid'] })], vscode.ConfigurationTarget.Global);
    const opened: string[] = [];
    const open = (uri: vscode.Uri): Promise<boolean> => {
      opened.push(uri.toString());
      return Promise.resolve(true);
    };
    const result = await replacing(vscode.env, 'openExternal', open, () => Promise.resolve(vscode.commands.executeCommand<SignInResult | undefined>('cognitoTokens.signIn', { profile: 'managed-plain' })));
    assert.deepEqual(opened, []);
    assert.ok(result === undefined || 'error' in result, 'no sign-in happened');
  });
});
