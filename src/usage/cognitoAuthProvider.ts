import * as vscode from 'vscode';
import { personCall } from '../core/shared/callOrigin';
import { accountLabel, parseScopes, sessionId } from '../core/usage/authScopes';
import type { StoredSession } from '../core/sessions/storedSession';
import { t } from '../translate';
import type { Services } from '../services';
import { pickProfile } from '../commands/pickProfile';
import { refusedInRestrictedMode } from './workspaceTrust';
import { derivedAccessToken } from './tokenExchange';
import { derivedTokenDue } from '../core/exchange/derivedTokens';
import { userMarginSeconds } from './usableToken';

/**
 * Other extensions get Cognito tokens through `vscode.authentication.getSession('cognito',
 * ['profile:NAME'])` (access token; add `id_token` for the ID token). One account per profile; VS Code asks
 * the user before any other extension sees one. Sessions change when tokens are refreshed or removed.
 */
export class CognitoAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  /** Sessions handed out, by id, so a change can be reported as changed or removed. */
  private readonly known = new Map<string, vscode.AuthenticationSession>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: Services) {
    this.subscription = deps.repository.onDidChange((profile) => void this.profileChanged(profile));
  }

  async getSessions(scopes: readonly string[] | undefined, options?: { account?: vscode.AuthenticationSessionAccountInformation }): Promise<vscode.AuthenticationSession[]> {
    const parsed = parseScopes(scopes);
    if (!parsed.ok || refusedInRestrictedMode('authProvider', this.deps.log, false)) return [];
    const names = parsed.profile !== undefined ? [parsed.profile] : this.deps.profiles.read().profiles.map((p) => p.name);
    const sessions: vscode.AuthenticationSession[] = [];
    for (const name of names) {
      if (options?.account && options.account.id !== name) continue;
      if (!this.deps.profiles.read().profiles.some((p) => p.name === name)) continue;
      const stored = await this.deps.repository.current(name).catch(() => undefined);
      if (parsed.audience !== undefined) {
        // A derived token already exchanged and not due; getSessions never exchanges (createSession does).
        const derived = this.deps.derivedTokens.get(name, parsed.audience);
        if (stored && derived && !derivedTokenDue(derived, this.deps.clock.now(), userMarginSeconds())) sessions.push(this.rememberDerived(stored, parsed.audience, derived.token));
        continue;
      }
      // A machine-to-machine session has no ID token to offer.
      if (stored?.tokens[parsed.tokenType] !== undefined) sessions.push(this.remember(stored, parsed.tokenType));
    }
    return sessions;
  }

  /** A signed-in profile's session at once; otherwise the usual sign-in (the user can cancel it). */
  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const parsed = parseScopes(scopes);
    if (refusedInRestrictedMode('authProvider', this.deps.log)) throw new vscode.CancellationError();
    if (!parsed.ok) throw new Error(t('Cognito sessions take the scopes "profile:NAME" and optionally "id_token" or "audience:NAME" ({0}).', parsed.reason));
    const profile = await pickProfile(this.deps, parsed.profile);
    if (!profile) throw new vscode.CancellationError();
    let stored = await this.deps.repository.current(profile.name).catch(() => undefined);
    if (!stored) {
      // VS Code has already asked the user to allow this sign-in: an interactive call.
      await vscode.commands.executeCommand('cognitoTokens.signIn', personCall({ profile: profile.name }));
      stored = await this.deps.repository.current(profile.name).catch(() => undefined);
    }
    if (!stored || stored.tokens[parsed.tokenType] === undefined) throw new vscode.CancellationError();
    if (parsed.audience !== undefined) {
      const token = await derivedAccessToken(this.deps, profile, parsed.audience);
      if (token === undefined) throw new vscode.CancellationError();
      const derived = this.rememberDerived(stored, parsed.audience, token);
      this.changed.fire({ added: [derived], removed: [], changed: [] });
      return derived;
    }
    const session = this.remember(stored, parsed.tokenType);
    this.changed.fire({ added: [session], removed: [], changed: [] });
    return session;
  }

  /** Signing out of the account in VS Code's Accounts menu signs the profile out (with its usual confirmation). */
  async removeSession(id: string): Promise<void> {
    const session = this.known.get(id);
    if (session) await vscode.commands.executeCommand('cognitoTokens.signOut', personCall({ profile: session.account.id }));
  }

  private remember(stored: StoredSession, tokenType: 'id' | 'access'): vscode.AuthenticationSession {
    const session: vscode.AuthenticationSession = {
      id: sessionId(stored.profile, tokenType),
      // Callers offer only a token the session has (machine to machine has no ID token).
      accessToken: stored.tokens[tokenType] ?? '',
      account: { id: stored.profile, label: accountLabel(stored.username, stored.profile) },
      scopes: tokenType === 'id' ? [`profile:${stored.profile}`, 'id_token'] : [`profile:${stored.profile}`],
    };
    this.known.set(session.id, session);
    return session;
  }

  /** A derived access token's session: its own id, so it never replaces the profile's own access token. */
  private rememberDerived(stored: StoredSession, audience: string, token: string): vscode.AuthenticationSession {
    const session: vscode.AuthenticationSession = {
      id: sessionId(stored.profile, 'access', audience),
      accessToken: token,
      account: { id: stored.profile, label: accountLabel(stored.username, stored.profile) },
      scopes: [`profile:${stored.profile}`, `audience:${audience}`],
    };
    return session;
  }

  private async profileChanged(profile: string): Promise<void> {
    const stored = await this.deps.repository.current(profile).catch(() => undefined);
    const added: vscode.AuthenticationSession[] = [];
    const changed: vscode.AuthenticationSession[] = [];
    const removed: vscode.AuthenticationSession[] = [];
    if (stored && !this.known.has(sessionId(profile, 'access')) && !this.known.has(sessionId(profile, 'id'))) {
      added.push(this.remember(stored, 'access'));
    }
    for (const tokenType of ['id', 'access'] as const) {
      const before = this.known.get(sessionId(profile, tokenType));
      if (!before) continue;
      if (!stored || stored.tokens[tokenType] === undefined) {
        this.known.delete(before.id);
        removed.push(before);
      } else if (before.accessToken !== stored.tokens[tokenType] || before.account.label !== accountLabel(stored.username, profile)) {
        changed.push(this.remember(stored, tokenType));
      }
    }
    if (added.length + changed.length + removed.length > 0) this.changed.fire({ added, removed, changed });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
