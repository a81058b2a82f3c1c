import * as vscode from 'vscode';
import { explainCognitoError, type FailureKind } from '../core/protocol/cognitoErrors';
import type { Profile } from '../core/sessions/profiles';
import { NotSignedIn } from '../core/sessions/refreshCoordinator';
import { RefreshUnavailable } from '../core/sessions/refreshFlow';
import type { RefreshMethodUsed } from '../core/shared/vocabulary';
import { summarizeSession, type SessionSummary, type StoredSession } from '../core/sessions/storedSession';
import { loadAws } from '../awsLoader';
import type { RefreshService } from '../sessions/refreshService';
import type { SessionService } from '../sessions/sessionService';
import { readProfiles } from '../settings';
import { t } from '../translate';
import { pickProfile } from './pickProfile';

export interface SessionCommandDeps {
  readonly extensionPath: string;
  readonly sessions: SessionService;
  readonly refresher: RefreshService;
  readonly log: vscode.LogOutputChannel;
  /** Told what GetUser returned, so the tree can show it. */
  readonly onUserAttributes?: (profile: string, user: { username: string; attributes: Record<string, string> }) => void;
}

type Failure = { readonly profile: string; readonly error: FailureKind | 'notSignedIn'; readonly message: string };

function argsOf(raw: unknown): { profile?: string; confirm?: boolean; attributes?: Record<string, string> } {
  return typeof raw === 'object' && raw !== null ? raw : {};
}

async function signedInProfile(deps: SessionCommandDeps, name: string | undefined): Promise<{ profile: Profile; session: StoredSession } | Failure | undefined> {
  const { profiles, invalid } = readProfiles();
  const profile = await pickProfile(profiles, invalid, name, deps.sessions);
  if (!profile) return undefined;
  const session = await deps.refresher.current(profile.name).catch(() => undefined);
  if (!session) {
    const message = t('Profile {0} is signed out. Sign in first.', profile.name);
    void vscode.window.showWarningMessage(message, t('Sign In')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('cognitoTokens.signIn', { profile: profile.name });
    });
    return { profile: profile.name, error: 'notSignedIn', message };
  }
  return { profile, session };
}

function fail(deps: SessionCommandDeps, profile: Profile, action: string, error: unknown): Failure {
  const explained = explainCognitoError(error, t, { clientId: profile.clientId, profile: profile.name });
  deps.log.warn(`[${action}] ${profile.name}: ${explained.detail}`);
  void vscode.window.showErrorMessage(t('{0} failed for {1}: {2}', action, profile.name, explained.message));
  return { profile: profile.name, error: explained.kind, message: explained.message };
}

/** `cognitoTokens.refresh {profile?}` → the sign-in summary plus `{ method, rotated }`. */
export async function refreshCommand(deps: SessionCommandDeps, raw: unknown): Promise<(SessionSummary & { method: RefreshMethodUsed; rotated: boolean }) | Failure | undefined> {
  const found = await signedInProfile(deps, argsOf(raw).profile);
  if (!found || 'error' in found) return found;
  const { profile } = found;
  try {
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Refreshing {0}…', profile.name) }, () => deps.refresher.refresh(profile));
    vscode.window.setStatusBarMessage(outcome.rotated ? t('{0}: new tokens; the refresh token was rotated.', profile.name) : t('{0}: new ID and access tokens.', profile.name), 4000);
    return { ...summarizeSession(outcome.session), method: outcome.method, rotated: outcome.rotated };
  } catch (error) {
    if (error instanceof NotSignedIn) return { profile: profile.name, error: 'notSignedIn', message: error.message };
    if (error instanceof RefreshUnavailable) {
      const message = error.reason === 'noRefreshToken' ? t('Profile {0} has no refresh token. Sign in again.', profile.name) : t('Cognito returned no tokens. Sign in again.');
      void vscode.window.showErrorMessage(message);
      return { profile: profile.name, error: 'unknown', message };
    }
    return fail(deps, profile, t('Refresh'), error);
  }
}

/**
 * `cognitoTokens.signOut` (RevokeToken: this refresh token and its access tokens) and
 * `cognitoTokens.globalSignOut` (GlobalSignOut: every device). Local tokens are cleared even when
 * Cognito cannot be reached, and the user is told what was and was not revoked.
 */
export async function signOutCommand(deps: SessionCommandDeps, raw: unknown, global: boolean): Promise<{ profile: string; revoked: boolean; scope: 'device' | 'global' } | Failure | undefined> {
  const args = argsOf(raw);
  const found = await signedInProfile(deps, args.profile);
  if (!found || 'error' in found) return found;
  const { profile, session } = found;
  if (args.confirm !== false) {
    const detail = global
      ? t('GlobalSignOut invalidates this user\'s refresh and access tokens on every device and app. ID tokens stay valid offline until they expire (services that only check signatures will still accept them).')
      : t('RevokeToken invalidates this refresh token and the access tokens issued from it. ID tokens stay valid offline until they expire.');
    const action = global ? t('Sign Out Everywhere') : t('Sign Out');
    const choice = await vscode.window.showWarningMessage(global ? t('Sign {0} out of every device?', session.username) : t('Sign {0} out of {1}?', session.username, profile.name), { modal: true, detail }, action);
    if (choice !== action) return undefined;
  }
  const api = loadAws(deps.extensionPath).createCognitoApi(profile);
  let revoked = false;
  try {
    if (global) {
      await api.globalSignOut(session.tokens.access);
    } else if (session.tokens.refresh) {
      await api.revokeToken(session.tokens.refresh, await deps.sessions.clientSecret(profile.name));
    }
    revoked = true;
  } catch (error) {
    const explained = explainCognitoError(error, t, { profile: profile.name });
    deps.log.warn(`[signOut] ${profile.name}: ${explained.detail}`);
    const alreadyInvalid = ['refreshRevoked', 'refreshExpired', 'accessRevoked', 'accessExpired', 'refreshInvalid'].includes(explained.kind);
    void vscode.window.showWarningMessage(
      alreadyInvalid
        ? t('Cognito says the tokens were already invalid ({0}). The local tokens of {1} are cleared.', explained.message, profile.name)
        : t('The local tokens of {0} are cleared, but Cognito could not revoke them ({1}): until they expire, copies of them still work.', profile.name, explained.message),
    );
  } finally {
    api.dispose();
  }
  await deps.refresher.forget(profile.name);
  if (revoked) {
    void vscode.window.showInformationMessage(global ? t('Signed {0} out everywhere.', session.username) : t('Signed out of {0}.', profile.name));
  }
  return { profile: profile.name, revoked, scope: global ? 'global' : 'device' };
}

/** `cognitoTokens.getUser {profile?}`: the user's attributes (GetUser), which doubles as a live check of the access token. */
export async function getUserCommand(deps: SessionCommandDeps, raw: unknown): Promise<{ profile: string; username: string; attributes: Record<string, string> } | Failure | undefined> {
  const found = await signedInProfile(deps, argsOf(raw).profile);
  if (!found || 'error' in found) return found;
  const { profile, session } = found;
  const api = loadAws(deps.extensionPath).createCognitoApi(profile);
  try {
    const user = await api.getUser(session.tokens.access);
    deps.onUserAttributes?.(profile.name, user);
    if (argsOf(raw).confirm !== false) {
      void vscode.window
        .showQuickPick(
          Object.entries(user.attributes).map(([label, value]) => ({ label, description: value })),
          { title: t('{0}: attributes of {1} (select one to copy its value)', profile.name, user.username) },
        )
        .then((picked) => picked && vscode.env.clipboard.writeText(picked.description ?? ''));
    }
    return { profile: profile.name, ...user };
  } catch (error) {
    return fail(deps, profile, t('GetUser'), error);
  } finally {
    api.dispose();
  }
}

/** `cognitoTokens.updateUserAttributes {profile?, attributes?}` (custom:* included; the app client must allow writing them). */
export async function updateUserAttributesCommand(deps: SessionCommandDeps, raw: unknown): Promise<{ profile: string; updated: string[] } | Failure | undefined> {
  const args = argsOf(raw);
  const found = await signedInProfile(deps, args.profile);
  if (!found || 'error' in found) return found;
  const { profile, session } = found;
  let attributes = args.attributes;
  if (!attributes) {
    const name = await vscode.window.showInputBox({ title: t('Update a user attribute'), prompt: t('Attribute name, e.g. name, email or custom:department.'), ignoreFocusOut: true, validateInput: (v) => (/^[\w:.-]+$/.test(v.trim()) ? undefined : t('Letters, digits and : _ . - only.')) });
    if (name === undefined) return undefined;
    const value = await vscode.window.showInputBox({ title: t('Update a user attribute'), prompt: t('New value of {0}.', name.trim()), ignoreFocusOut: true });
    if (value === undefined) return undefined;
    attributes = { [name.trim()]: value };
  }
  const api = loadAws(deps.extensionPath).createCognitoApi(profile);
  try {
    await api.updateUserAttributes(session.tokens.access, attributes);
    void vscode.window.showInformationMessage(t('Updated {0} for {1}. Refresh to see it in new tokens.', Object.keys(attributes).join(', '), session.username));
    return { profile: profile.name, updated: Object.keys(attributes) };
  } catch (error) {
    return fail(deps, profile, t('UpdateUserAttributes'), error);
  } finally {
    api.dispose();
  }
}
