import * as vscode from 'vscode';
import { explainCognitoError, type FailureKind } from '../core/protocol/cognitoErrors';
import type { Profile } from '../core/sessions/profiles';
import { NotSignedIn } from '../core/sessions/refreshCoordinator';
import { RefreshUnavailable } from '../core/sessions/refreshFlow';
import { accessTokenExpired, stillValidAfterSignOut, type SignOutRevocation } from '../core/sessions/signOut';
import { runGlobalSignOut } from '../core/sessions/globalSignOutPlan';
import type { RefreshMethodUsed, TokenType } from '../core/shared/vocabulary';
import { fingerprint } from '../core/shared/fingerprint';
import { summarizeSession, type SessionSummary, type StoredSession } from '../core/sessions/storedSession';
import { SecretStorageUnavailable } from '../core/sessions/sessionStore';
import type { CognitoApi } from '../aws/cognitoClient';
import type { Services } from '../services';
import { isInteractive, type UseRefused } from '../sessions/profileService';
import { personCall } from '../core/shared/callOrigin';
import { clientTargetOf } from '../sessions/refreshService';
import { t } from '../translate';
import { pickProfile } from './pickProfile';
import { browserLogoutAction, userInfoInstead } from '../oauth/oauthSession';
import { forNotification } from '../core/shared/untrustedText';
import { tokenEndpointFor } from '../oauth/tokenEndpointClients';
import { failureActions } from './failureActions';

/** What a session command resolves to when it did not do its work: no token, the reason in plain words. */
export type Failure = { readonly profile: string; readonly error: FailureKind | 'notSignedIn' | 'superseded' | UseRefused['error']; readonly message: string };

export type RefreshCommandResult = (SessionSummary & { method: RefreshMethodUsed; rotated: boolean; saved: boolean }) | Failure;
export type SignOutResult = { profile: string; revoked: boolean; scope: 'device' | 'global'; stillValid: TokenType[] } | Failure;

function argsOf(raw: unknown): { profile?: string; confirm?: boolean; attributes?: Record<string, string> } {
  return typeof raw === 'object' && raw !== null ? raw : {};
}

/** The profile and its current session, or why there is none (said to the user once, returned to scripts). */
async function signedInProfile(services: Services, name: string | undefined): Promise<{ profile: Profile; session: StoredSession } | Failure | undefined> {
  const profile = await pickProfile(services, name);
  if (!profile) return undefined;
  let session: StoredSession | undefined;
  try {
    session = await services.repository.current(profile.name);
  } catch (error) {
    if (error instanceof SecretStorageUnavailable) return { profile: profile.name, error: 'unknown', message: error.message };
    throw error;
  }
  if (!session) {
    const message = t('Profile {0} is signed out. Sign in first.', profile.name);
    services.notifier.show('warning', message, { title: t('Sign In'), run: () => vscode.commands.executeCommand('cognitoTokens.signIn', personCall({ profile: profile.name })) });
    return { profile: profile.name, error: 'notSignedIn', message };
  }
  return { profile, session };
}

/** Says a refusal (profile moved, workspace profile not confirmed) and returns it for scripts. */
export function refusal(services: Services, refused: UseRefused): UseRefused {
  services.notifier.show('warning', refused.message, ...(refused.error === 'profileMoved' ? [{ title: t('Sign In'), run: () => vscode.commands.executeCommand('cognitoTokens.signIn', personCall({ profile: refused.profile })) }] : []));
  return refused;
}

function fail(services: Services, profile: Profile, action: string, error: unknown): Failure {
  const explained = explainCognitoError(error, t, { clientId: profile.clientId, profile: profile.name });
  services.log.warn(`[${action}] ${profile.name}: ${explained.detail}`);
  services.notifier.show('error', t('{0} failed for {1}: {2}', action, profile.name, explained.message), ...failureActions(explained.kind, profile.name));
  return { profile: profile.name, error: explained.kind, message: explained.message };
}

/** `cognitoTokens.refresh {profile?}` → the session summary plus `{ method, rotated, saved }`. */
export async function refreshCommand(services: Services, raw: unknown): Promise<RefreshCommandResult | undefined> {
  const found = await signedInProfile(services, argsOf(raw).profile);
  if (!found || 'error' in found) return found;
  const { profile } = found;
  try {
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Refreshing {0}…', profile.name) }, () => services.refresher.refresh(profile, isInteractive(raw)));
    if (outcome.kind === 'refused') return refusal(services, outcome.refused);
    if (outcome.kind === 'superseded') {
      const message = outcome.by === 'signOut' ? t('Profile {0} was signed out while the refresh ran: nothing was stored.', profile.name) : t('Profile {0} signed in again while the refresh ran: the newer session was kept.', profile.name);
      services.notifier.show('info', message);
      return { profile: profile.name, error: outcome.by === 'signOut' ? 'notSignedIn' : 'superseded', message };
    }
    if (!outcome.saved) {
      services.notifier.show('warning', t('Refreshed {0}, but the new tokens could not be saved to secret storage. They are kept in memory for this window; fix secret storage before closing VS Code or you will have to sign in again.', profile.name));
    } else {
      services.notifier.status(outcome.rotated ? t('{0}: new tokens; the refresh token was rotated.', profile.name) : t('{0}: new ID and access tokens.', profile.name));
    }
    return { ...summarizeSession(outcome.session), method: outcome.method, rotated: outcome.rotated, saved: outcome.saved };
  } catch (error) {
    if (error instanceof NotSignedIn) return { profile: profile.name, error: 'notSignedIn', message: error.message };
    if (error instanceof RefreshUnavailable) {
      const message = error.reason === 'noRefreshToken' ? t('Profile {0} has no refresh token. Sign in again.', profile.name) : t('Cognito returned no tokens. Sign in again.');
      services.notifier.show('error', message);
      return { profile: profile.name, error: 'unknown', message };
    }
    return fail(services, profile, t('Refresh'), error);
  }
}

/**
 * `cognitoTokens.signOut` (RevokeToken: this refresh token and its access tokens) and
 * `cognitoTokens.globalSignOut` (GlobalSignOut: every device). Requests go only to where the session was
 * issued. Local tokens are cleared even when Cognito cannot be reached; the result names what stays valid.
 */
export async function signOutCommand(services: Services, raw: unknown, global: boolean): Promise<SignOutResult | undefined> {
  const args = argsOf(raw);
  const found = await signedInProfile(services, args.profile);
  if (!found || 'error' in found) return found;
  const { profile, session } = found;
  if (args.confirm !== false) {
    const detail = global
      ? t('GlobalSignOut invalidates this user\'s refresh and access tokens on every device and app. ID tokens stay valid offline until they expire (services that only check signatures will still accept them).')
      : t('RevokeToken invalidates this refresh token and the access tokens issued from it. ID tokens stay valid offline until they expire.');
    const action = global ? t('Sign Out Everywhere') : t('Sign Out');
    const choice = await vscode.window.showWarningMessage(global ? t('Sign {0} out of every device?', forNotification(session.username)) : t('Sign {0} out of {1}?', forNotification(session.username), forNotification(profile.name)), { modal: true, detail }, action);
    if (choice !== action) return undefined;
  }
  // Revocation goes back to where the session came from (even if the profile was redefined since): that
  // endpoint already holds these tokens. A session with no binding is only cleared locally.
  const target = clientTargetOf(session, profile);
  let revocation: SignOutRevocation = 'none';
  if (target) {
    const api = services.cognito.open(target);
    try {
      revocation = global ? await globalSignOut(services, api, profile, session, isInteractive(raw)) : await revoke(services, api, profile, session);
    } catch (error) {
      const explained = explainCognitoError(error, t, { profile: profile.name });
      services.log.warn(`[signOut] ${profile.name}: ${explained.detail}`);
      services.notifier.show('warning', t('The local tokens of {0} are cleared, but Cognito could not revoke them ({1}): until they expire, copies of them still work.', profile.name, explained.message));
    } finally {
      api.dispose();
    }
  }
  await services.repository.remove(profile.name);
  const stillValid = stillValidAfterSignOut(session, revocation, services.clock);
  if (revocation !== 'none') {
    services.notifier.show('info', global && revocation === 'global' ? t('Signed {0} out everywhere.', forNotification(session.username)) : t('Signed out of {0}.', profile.name), ...browserLogoutAction(services, profile, session));
  }
  services.log.info(`[signOut] ${profile.name}: ${revocation} revocation; still valid until they expire: ${stillValid.join(', ') || 'none'}`);
  // The scope says what was done: a global sign-out that could only revoke this refresh token is 'device'.
  return { profile: profile.name, revoked: revocation !== 'none', scope: revocation === 'global' ? 'global' : global && revocation === 'none' ? 'global' : 'device', stillValid };
}

async function revoke(services: Services, api: CognitoApi, profile: Profile, session: StoredSession): Promise<SignOutRevocation> {
  if (!session.tokens.refresh) return 'none';
  const secret = await services.clientSecrets.for(profile).catch(() => undefined);
  // A managed-login session revokes at its own domain's /oauth2/revoke.
  const tokenEndpoint = tokenEndpointFor(session, profile.scopes, () => Promise.resolve(secret));
  await (tokenEndpoint ?? api).revokeToken(session.tokens.refresh, secret);
  return 'refreshToken';
}

/** GlobalSignOut, or revocation when no live access token can be had: the plan is core's (runGlobalSignOut). */
async function globalSignOut(services: Services, api: CognitoApi, profile: Profile, session: StoredSession, interactive: boolean): Promise<SignOutRevocation> {
  return runGlobalSignOut({
    access: session.tokens.access,
    accessExpired: accessTokenExpired(session, services.clock),
    canRefresh: session.tokens.refresh !== undefined,
    refresh: async () => {
      const outcome = await services.refresher.refresh(profile, interactive);
      return outcome.kind === 'refreshed' ? outcome.session.tokens.access : undefined;
    },
    globalSignOut: (access) => api.globalSignOut(access),
    isAccessExpired: (error) => explainCognitoError(error, t).kind === 'accessExpired',
    revoke: async () => {
      const current = (await services.repository.current(profile.name).catch(() => undefined)) ?? session;
      services.log.info(`[signOut] ${profile.name}: no live access token for GlobalSignOut; revoking the refresh token ${current.tokens.refresh ? fingerprint(current.tokens.refresh) : '(none)'} instead`);
      return revoke(services, api, profile, current);
    },
  });
}

/** `cognitoTokens.getUser {profile?}`: the user's attributes (GetUser), which doubles as a live check of the access token. */
export async function getUserCommand(services: Services, raw: unknown): Promise<{ profile: string; username: string; attributes: Record<string, string> } | Failure | undefined> {
  const found = await signedInProfile(services, argsOf(raw).profile);
  if (!found || 'error' in found) return found;
  const { profile, session } = found;
  const refused = await services.profiles.mayUse(profile, session, isInteractive(raw));
  if (refused) return refusal(services, refused);
  const target = clientTargetOf(session, profile);
  if (!target) return undefined;
  const api = services.cognito.open(target);
  try {
    // Without aws.cognito.signin.user.admin (managed login's usual scopes) GetUser is refused: ask userInfo.
    const user = (await userInfoInstead(session)) ?? (await api.getUser(session.tokens.access));
    services.userAttributes.set(profile.name, { ...user, at: services.clock.now() });
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
    return fail(services, profile, t('GetUser'), error);
  } finally {
    api.dispose();
  }
}

/** `cognitoTokens.updateUserAttributes {profile?, attributes?}` (custom:* included; the app client must allow writing them). */
export async function updateUserAttributesCommand(services: Services, raw: unknown): Promise<{ profile: string; updated: string[] } | Failure | undefined> {
  const args = argsOf(raw);
  const found = await signedInProfile(services, args.profile);
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
  const refused = await services.profiles.mayUse(profile, session, isInteractive(raw));
  if (refused) return refusal(services, refused);
  const target = clientTargetOf(session, profile);
  if (!target) return undefined;
  const api = services.cognito.open(target);
  try {
    await api.updateUserAttributes(session.tokens.access, attributes);
    services.notifier.show('info', t('Updated {0} for {1}. Refresh to see it in new tokens.', forNotification(Object.keys(attributes).join(', ')), forNotification(session.username)));
    return { profile: profile.name, updated: Object.keys(attributes) };
  } catch (error) {
    return fail(services, profile, t('UpdateUserAttributes'), error);
  } finally {
    api.dispose();
  }
}
