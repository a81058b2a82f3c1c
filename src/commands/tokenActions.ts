import * as vscode from 'vscode';
import { decodeToken } from '../core/tokens/jwt';
import { fingerprint } from '../core/shared/fingerprint';
import type { StoredSession } from '../core/sessions/storedSession';
import { InspectorPanel } from '../inspector/inspectorPanel';
import type { Services } from '../services';
import { storedTokenSource } from '../inspector/storedTokenSource';
import { t } from '../translate';
import { pickProfile } from './pickProfile';
import { isInteractive } from '../core/shared/callOrigin';
import { forNotification } from '../core/shared/untrustedText';
import type { OutletRefusal } from '../core/usage/tokenOutlets';

import type { TokenType } from '../core/shared/vocabulary';

/** Arguments of the token actions; tree items pass themselves, which carry the same two fields. */
export interface TokenActionArgs {
  readonly profile?: string;
  readonly tokenType?: TokenType;
  /** inspect only: the derived token (token exchange) for this audience, kept under the profile's session. */
  readonly audience?: string;
}

export type TokenAction = 'copy' | 'copyHeader' | 'inspect';

/** A token action refused: nothing was copied. */
export interface TokenActionRefused {
  readonly profile: string;
  readonly tokenType: TokenType;
  readonly error: 'refreshTokenNotCopied';
  readonly message: string;
}

/**
 * Copy a stored token, copy it as an Authorization header, or open it in the inspector (where its
 * signature is checked against the pool's keys, local endpoints included). Resolves to the token's
 * fingerprint, never the token.
 */
export async function tokenAction(action: TokenAction, services: Services, raw: unknown): Promise<{ profile: string; tokenType: TokenType; fingerprint: string } | TokenActionRefused | undefined> {
  // The copies reach here only through the token-outlet gate (Restricted Mode, the refresh token for a person only).
  const args: TokenActionArgs = typeof raw === 'object' && raw !== null ? raw : {};
  const profile = await pickProfile(services, args.profile);
  if (!profile) return undefined;
  let session: StoredSession | undefined;
  try {
    session = await services.repository.current(profile.name);
  } catch {
    return undefined; // The notifier has said that secret storage failed.
  }
  if (!session) {
    services.notifier.show('warning', t('Profile {0} is signed out: there is no token to use. Sign in first.', forNotification(profile.name)));
    return undefined;
  }
  if (action === 'inspect' && typeof args.audience === 'string') {
    return inspectDerived(services, profile.name, args.audience, session.binding?.clientId ?? profile.clientId);
  }
  const tokenType = args.tokenType ?? (await pickTokenType(action, session, isInteractive(raw)));
  if (!tokenType) return undefined;
  const token = session.tokens[tokenType];
  if (!token) {
    services.notifier.show('warning', t('Profile {0} has no {1} token.', forNotification(profile.name), tokenType));
    return undefined;
  }
  if (action === 'inspect') {
    const decoded = decodeToken(token);
    if (decoded.kind === 'invalid') {
      services.notifier.show('error', t('The stored {0} token cannot be decoded. Sign in again.', tokenType));
      return undefined;
    }
    const panel = InspectorPanel.show({ ...services, stored: storedTokenSource(services, profile.name, tokenType), expectedClientId: session.binding?.clientId ?? profile.clientId }, token, decoded);
    if (decoded.kind === 'jws') {
      void panel.runVerify();
    }
  } else {
    await vscode.env.clipboard.writeText(action === 'copyHeader' ? `Authorization: Bearer ${token}` : token);
    services.notifier.status(action === 'copyHeader' ? t('Copied the Authorization header with the {0} token.', tokenType) : t('Copied the {0} token.', tokenType), 3000);
  }
  return { profile: profile.name, tokenType, fingerprint: fingerprint(token) };
}

/**
 * What the gate answers for a copy it refused: Restricted Mode resolves to undefined (the gate said why); the
 * refresh token is the long-lived credential (30 days by default), so a task or another extension may never
 * put it on the clipboard, where any program can read it. A person copies it from the tree or palette.
 */
export function refreshTokenRefused(services: Services, reason: OutletRefusal, raw: unknown): TokenActionRefused | undefined {
  if (reason !== 'refreshTokenToScript') return undefined;
  const args: TokenActionArgs = typeof raw === 'object' && raw !== null ? raw : {};
  const message = t('The refresh token is copied only when you ask for it in the Cognito view or the Command Palette, never for a task or another extension. Nothing was copied.');
  services.notifier.show('warning', message);
  return { profile: typeof args.profile === 'string' ? args.profile : '', tokenType: 'refresh', error: 'refreshTokenNotCopied', message };
}

async function pickTokenType(action: TokenAction, session: StoredSession, interactive: boolean): Promise<TokenType | undefined> {
  // A script that names no token type is asked for one, but is never offered the refresh token.
  const types: TokenType[] = action === 'inspect' || action === 'copyHeader' || !interactive ? ['id', 'access'] : ['id', 'access', 'refresh'];
  const labels: Record<TokenType, string> = { id: t('ID token'), access: t('Access token'), refresh: t('Refresh token') };
  const picked = await vscode.window.showQuickPick(
    types.filter((type) => session.tokens[type]).map((type) => ({ label: labels[type], type })),
    { title: t('Which token?') },
  );
  return picked?.type;
}

/** Opens a derived token in the inspector, following the store so an exchange again shows the new one. */
function inspectDerived(services: Services, profile: string, audience: string, clientId: string): { profile: string; tokenType: TokenType; fingerprint: string } | undefined {
  const derived = services.derivedTokens.get(profile, audience);
  if (!derived) {
    services.notifier.show('warning', t('There is no derived token for {0} under {1}. Run "Cognito: Exchange Token" first.', forNotification(audience), forNotification(profile)));
    return undefined;
  }
  const decoded = decodeToken(derived.token);
  if (decoded.kind !== 'jws') return undefined;
  const stored = {
    ...storedTokenSource(services, profile, 'access'),
    latest: () => Promise.resolve(services.derivedTokens.get(profile, audience)?.token),
  };
  const panel = InspectorPanel.show({ ...services, stored, expectedClientId: clientId }, derived.token, decoded);
  void panel.runVerify();
  return { profile, tokenType: 'access', fingerprint: fingerprint(derived.token) };
}
