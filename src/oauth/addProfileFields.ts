import * as vscode from 'vscode';
import { checkScopesText, parseScopes } from '../core/protocol/oauthScopes';
import { oauthFieldChecks, type OAuthProfileFields } from '../core/sessions/oauthProfile';
import { describeFactor, FIRST_FACTORS, type FirstFactor } from '../core/sessions/userAuthFlow';
import type { AuthFlow } from '../core/shared/vocabulary';
import { t } from '../translate';

/** The quick-pick description of each sign-in flow. */
export function flowDescription(flow: AuthFlow): string {
  switch (flow) {
    case 'USER_SRP_AUTH':
      return t('default: the password never leaves VS Code');
    case 'USER_PASSWORD_AUTH':
      return t('the password is sent to Cognito over TLS');
    case 'ADMIN_USER_PASSWORD_AUTH':
      return t('needs AWS credentials (default chain or awsProfile)');
    case 'USER_AUTH':
      return t('choice-based: a password or a one-time code by email or SMS (ALLOW_USER_AUTH)');
    case 'MANAGED_LOGIN':
      return t('in your browser: federated providers, passkeys (code + PKCE)');
    case 'CLIENT_CREDENTIALS':
      return t('machine to machine: an access token for the client secret');
  }
}

function problemText(key: string | undefined): string | undefined {
  switch (key) {
    case undefined:
      return undefined;
    case 'domainNotHttps':
      return t('The domain must be https (http only on this machine: localhost, 127.0.0.1, ::1).');
    case 'domainHasPath':
      return t('Only the domain, without a path: e.g. https://example.auth.ap-northeast-1.amazoncognito.com');
    case 'redirectNeedsPort':
      return t('Give the port: http://localhost:PORT/path.');
    case 'redirectNotLoopback':
      return t('Use http://localhost:PORT/path (or empty for the editor\'s own callback).');
    case 'scopesInvalid':
      return t('Scopes separated by spaces, e.g. openid email orders-api/read.');
    default:
      return t('Not a valid URL.');
  }
}

/**
 * Asks what the chosen flow needs, skipping what the arguments already give: the managed-login domain,
 * scopes and redirect URI (MANAGED_LOGIN), domain and scopes (CLIENT_CREDENTIALS), the preferred first
 * factor (USER_AUTH). Undefined: cancelled.
 */
export async function askFlowFields(flow: AuthFlow, given: OAuthProfileFields, endpoint: string | undefined): Promise<OAuthProfileFields | undefined> {
  const fields: { -readonly [K in keyof OAuthProfileFields]: OAuthProfileFields[K] } = { ...given };
  const box = (prompt: string, value: string | undefined, check: (text: string) => string | undefined, placeHolder?: string): Thenable<string | undefined> =>
    vscode.window.showInputBox({ title: t('Add Cognito profile: {0}', flow), prompt, value, placeHolder, ignoreFocusOut: true, validateInput: (text) => problemText(check(text)) });
  if (flow === 'MANAGED_LOGIN' || flow === 'CLIENT_CREDENTIALS') {
    if (fields.domain === undefined) {
      const domain = await box(t('The managed-login domain (a local pool serves it at its endpoint).'), endpoint, oauthFieldChecks.domain, 'https://example.auth.ap-northeast-1.amazoncognito.com');
      if (domain === undefined) return undefined;
      fields.domain = new URL(domain.trim()).origin;
    }
    if (fields.scopes === undefined) {
      const suggested = flow === 'MANAGED_LOGIN' ? 'openid email profile' : '';
      const scopes = await box(
        flow === 'MANAGED_LOGIN' ? t('Scopes, separated by spaces. Add aws.cognito.signin.user.admin for GetUser and attribute updates.') : t('Scopes of a resource server, separated by spaces, e.g. orders-api/read.'),
        suggested,
        checkScopesText,
      );
      if (scopes === undefined) return undefined;
      fields.scopes = parseScopes(scopes);
    }
  }
  if (flow === 'MANAGED_LOGIN' && fields.redirectUri === undefined) {
    const redirect = await box(t('Redirect URI, registered as a callback URL on the app client: http://localhost:PORT/path. Empty: the editor\'s own callback (remote and browser VS Code).'), 'http://localhost:45678/callback', oauthFieldChecks.redirectUri);
    if (redirect === undefined) return undefined;
    fields.redirectUri = redirect.trim() || undefined;
  }
  if (flow === 'USER_AUTH' && fields.preferredChallenge === undefined) {
    const items: Array<vscode.QuickPickItem & { factor?: FirstFactor }> = [
      { label: t('Let the pool offer its choices'), description: 'SELECT_CHALLENGE' },
      ...FIRST_FACTORS.filter((f) => f !== 'WEB_AUTHN').map((factor) => ({ ...describeFactor(factor, t), description: factor, factor })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: t('Preferred first factor'), ignoreFocusOut: true });
    if (!picked) return undefined;
    fields.preferredChallenge = picked.factor;
  }
  return fields;
}
