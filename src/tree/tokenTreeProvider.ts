import * as vscode from 'vscode';
import { personCall } from '../core/shared/callOrigin';
import type { Clock } from '../core/shared/clock';
import { describeExpiry, formatAbsolute, formatRelative, numericDate } from '../core/tokens/expiry';
import { fingerprint } from '../core/shared/fingerprint';
import { displayValue } from '../core/tokens/inspection';
import { showHidden } from '../core/shared/untrustedText';
import { explainClaim, KEY_CLAIMS } from '../core/tokens/claimExplanations';
import type { Profile } from '../core/sessions/profiles';
import { claimsOf, refreshExpiresAt, sessionTokenState, type StoredSession } from '../core/sessions/storedSession';
import type { TokenType } from '../core/shared/vocabulary';
import type { Services } from '../services';
import type { UserAttributes } from '../sessions/userAttributes';
import type { AppClientView } from '../appClient/appClientService';
import { appClientFactRows, sourceNote, type AppClientFactRow } from '../core/appClient/appClientFacts';
import type { Finding } from '../core/appClient/preflight';
import { clockSkewSeconds } from '../settings';
import { t } from '../translate';

/**
 * Tree nodes name a profile and a token type, never hold a token: VS Code passes nodes to commands (and
 * keeps them), so the session a view shows lives only in this provider's snapshot.
 */
export type TokenTreeNode =
  | { readonly kind: 'profile'; readonly profile: string; readonly config: Profile; readonly signedIn: boolean; readonly username?: string; readonly signedInAt?: number }
  | { readonly kind: 'token'; readonly profile: string; readonly tokenType: TokenType }
  | { readonly kind: 'claim'; readonly profile: string; readonly name: string; readonly value: unknown }
  | { readonly kind: 'attributes'; readonly profile: string; readonly user: UserAttributes }
  | { readonly kind: 'attribute'; readonly profile: string; readonly name: string; readonly value: string }
  /** "Pool and app client": its settings explained and the preflight findings (no secret, no token). */
  | { readonly kind: 'appClient'; readonly profile: string; readonly view?: AppClientView }
  | { readonly kind: 'finding'; readonly profile: string; readonly finding: Finding }
  | { readonly kind: 'appFact'; readonly profile: string; readonly fact: AppClientFactRow }
  /** A token from token exchange, named by its audience (the token stays in services.derivedTokens). */
  | { readonly kind: 'derived'; readonly profile: string; readonly audience: string };

/** Descriptions ("expires in 4 min") are refreshed this often, and only while the view is visible. */
const TICK_MS = 30_000;

/**
 * The sidebar: a node per profile (signed in as whom, or signed out), its ID, access and refresh tokens
 * with expiry, and the key claims under each token. Sessions are read from the repository on each
 * refresh, so it shows what every other part of the extension uses.
 */
export class TokenTreeProvider implements vscode.TreeDataProvider<TokenTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TokenTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The sessions last read for the view, by profile. */
  private readonly snapshot = new Map<string, StoredSession>();
  private readonly clock: Clock;

  constructor(private readonly services: Services) {
    this.clock = services.clock;
    this.disposables.push(
      services.repository.onDidChange(() => this.refresh()),
      services.userAttributes.onDidChange(() => this.refresh()),
      services.appClients.onDidChange(() => this.refresh()),
      services.derivedTokens.onDidChange(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cognitoTokens')) this.refresh();
      }),
    );
  }

  /** Keeps relative times current while `view` is visible. */
  attach(view: Pick<vscode.TreeView<unknown>, 'visible' | 'onDidChangeVisibility'>): void {
    const update = (): void => {
      if (view.visible && !this.timer) {
        this.timer = setInterval(() => this.refresh(), TICK_MS);
      } else if (!view.visible && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
    this.disposables.push(view.onDidChangeVisibility(update));
    update();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Nodes are marked as our UI's: a command given one was clicked by a person (see core/shared/callOrigin.ts). */
  async getChildren(node?: TokenTreeNode): Promise<TokenTreeNode[]> {
    return (await this.children(node)).map((child) => personCall(child));
  }

  private async children(node?: TokenTreeNode): Promise<TokenTreeNode[]> {
    if (!node) {
      const { profiles } = this.services.profiles.read();
      this.snapshot.clear();
      return Promise.all(
        profiles.map(async (config) => {
          const session = await this.services.repository.current(config.name).catch(() => undefined);
          if (session) this.snapshot.set(config.name, session);
          return { kind: 'profile' as const, profile: config.name, config, signedIn: session !== undefined, username: session?.username, signedInAt: session?.signedInAt };
        }),
      );
    }
    const session = this.snapshot.get(node.profile);
    if (node.kind === 'appClient') {
      if (!node.view) return [];
      return [
        ...node.view.findings.map((finding) => ({ kind: 'finding' as const, profile: node.profile, finding })),
        ...appClientFactRows(node.view.summary, t).map((fact) => ({ kind: 'appFact' as const, profile: node.profile, fact })),
      ];
    }
    if (node.kind === 'profile') {
      const appClient = await this.appClientNode(node.config);
      if (!session) return [appClient];
      // Machine to machine has the access token only.
      const types = (['id', 'access', 'refresh'] as const).filter((type) => session.tokens[type] !== undefined);
      const tokens: TokenTreeNode[] = types.map((tokenType) => ({ kind: 'token' as const, profile: node.profile, tokenType }));
      const derived = this.services.derivedTokens.list(node.profile).map((d) => ({ kind: 'derived' as const, profile: node.profile, audience: d.audience }));
      const user = this.services.userAttributes.get(node.profile);
      return [...tokens, ...derived, ...(user ? [{ kind: 'attributes' as const, profile: node.profile, user }] : []), appClient];
    }
    if (node.kind === 'attributes') {
      return Object.entries(node.user.attributes).map(([name, value]) => ({ kind: 'attribute' as const, profile: node.profile, name, value }));
    }
    if (node.kind === 'token' && node.tokenType !== 'refresh' && session) {
      const claims = claimsOf(session.tokens[node.tokenType] ?? '');
      const names = [...KEY_CLAIMS.filter((name) => name in claims), ...Object.keys(claims).filter((name) => name.startsWith('custom:'))];
      return names.map((name) => ({ kind: 'claim' as const, profile: node.profile, name, value: claims[name] }));
    }
    return [];
  }

  private async appClientNode(config: Profile): Promise<TokenTreeNode> {
    const view = await this.services.appClients.view(config).catch((error: unknown) => {
      this.services.log.warn(`[tree] ${config.name}: the app client could not be summarised: ${String(error)}`);
      return undefined;
    });
    return { kind: 'appClient', profile: config.name, view };
  }

  getTreeItem(node: TokenTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'appClient':
        return appClientItem(node);
      case 'finding': {
        const item = new vscode.TreeItem(node.finding.message, vscode.TreeItemCollapsibleState.None);
        item.tooltip = `${node.finding.code}: ${node.finding.message}`;
        item.iconPath = severityIcon(node.finding.severity);
        item.contextValue = `finding.${node.finding.severity}`;
        return item;
      }
      case 'appFact': {
        // Values come from the API or the tokens: hidden characters shown as escapes.
        const item = new vscode.TreeItem(node.fact.label, vscode.TreeItemCollapsibleState.None);
        item.description = showHidden(node.fact.value) + (node.fact.source === 'tokens' ? ` · ${t('from the tokens')}` : '');
        item.tooltip = `${node.fact.label}: ${showHidden(node.fact.value)}\n${sourceNote(node.fact.source, t)}`;
        item.contextValue = `appFact.${node.fact.source}`;
        return item;
      }
      case 'profile':
        return this.profileItem(node);
      case 'derived':
        return this.derivedItem(node);
      case 'token':
        return this.tokenItem(node);
      case 'attributes': {
        const item = new vscode.TreeItem(t('User attributes'), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `attributes:${node.profile}:${node.user.at}`;
        item.description = t('GetUser {0}', formatRelative(node.user.at, this.clock, t));
        item.iconPath = new vscode.ThemeIcon('person');
        item.contextValue = 'attributes';
        return item;
      }
      case 'attribute': {
        // Attributes come from the server and claims from the token: hidden characters are shown as escapes.
        const item = new vscode.TreeItem(showHidden(node.name), vscode.TreeItemCollapsibleState.None);
        item.description = showHidden(node.value);
        item.tooltip = `${showHidden(node.name)}: ${showHidden(node.value)}`;
        item.contextValue = 'attribute';
        return item;
      }
      case 'claim': {
        const item = new vscode.TreeItem(showHidden(node.name), vscode.TreeItemCollapsibleState.None);
        const seconds = ['exp', 'iat', 'nbf', 'auth_time'].includes(node.name) ? numericDate(node.value) : undefined;
        item.description = seconds !== undefined ? `${formatAbsolute(seconds * 1000, vscode.env.language).utc} · ${formatRelative(seconds * 1000, this.clock, t)}` : displayValue(node.value, 200);
        item.tooltip = explainClaim(node.name, t);
        item.contextValue = 'claim';
        return item;
      }
    }
  }

  private profileItem(node: Extract<TokenTreeNode, { kind: 'profile' }>): vscode.TreeItem {
    const item = new vscode.TreeItem(node.profile, node.signedIn ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    // The sign-in state is part of the id: VS Code keeps a node's collapse state by id, and a profile that
    // has just signed in should open to show its tokens.
    item.id = `profile:${node.profile}:${node.signedIn ? 'in' : 'out'}`;
    item.description = !node.signedIn ? t('signed out') : node.config.authFlow === 'CLIENT_CREDENTIALS' ? t('machine-to-machine token') : t('signed in as {0}', node.username ?? '?');
    if (node.config.origin === 'workspace') item.description += ` · ${t('from this workspace')}`;
    item.iconPath = new vscode.ThemeIcon(node.signedIn ? 'account' : 'circle-outline');
    item.contextValue = node.signedIn ? 'profile.signedIn' : 'profile.signedOut';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${node.config.userPoolId} (${node.config.region})\n${t('App client')}: ${node.config.clientId}\n${t('Sign-in flow')}: ${node.config.authFlow ?? 'USER_SRP_AUTH'}`);
    if (node.config.endpoint) tooltip.appendText(`\n${t('Endpoint')}: ${node.config.endpoint}`);
    if (node.config.domain) tooltip.appendText(`\n${t('Managed-login domain')}: ${node.config.domain}`);
    if (node.config.origin === 'workspace') tooltip.appendText(`\n${t('Defined by this workspace\'s settings: confirmed before anything is sent to it.')}`);
    if (node.signedInAt !== undefined) tooltip.appendText(`\n${t('Signed in {0}', formatRelative(node.signedInAt, this.clock, t))}`);
    // Step-up: the level and methods this sign-in reached, as its tokens say (untrusted claims: shown, escaped).
    const session = this.snapshot.get(node.profile);
    const claims = session ? claimsOf(session.tokens.id ?? session.tokens.access) : {};
    if (typeof claims.acr === 'string' || Array.isArray(claims.amr)) {
      const amr = Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === 'string').slice(0, 10).join(', ') : '-';
      tooltip.appendText(`\n${t('Assurance reached: {0} (methods: {1})', showHidden(typeof claims.acr === 'string' ? claims.acr : '-'), showHidden(amr))}`);
    }
    item.tooltip = tooltip;
    return item;
  }

  /** Audience, scopes, actor and expiry; no refresh token, so an expired one says "exchange again". */
  private derivedItem(node: Extract<TokenTreeNode, { kind: 'derived' }>): vscode.TreeItem {
    const derived = this.services.derivedTokens.get(node.profile, node.audience);
    const item = new vscode.TreeItem(t('Derived token'), vscode.TreeItemCollapsibleState.None);
    item.id = `derived:${node.profile}:${node.audience}`;
    item.contextValue = 'token.derived';
    item.iconPath = new vscode.ThemeIcon('arrow-swap');
    const exp = derived === undefined ? undefined : Math.floor(derived.expiresAt / 1000);
    const expired = derived !== undefined && derived.expiresAt <= this.clock.now();
    item.description = `${showHidden(node.audience)} · ${expired ? t('expired: exchange again') : describeExpiry({ exp }, this.clock, clockSkewSeconds(), t)}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${t('Audience')}: ${showHidden(node.audience)}`);
    if (derived) {
      tooltip.appendText(`\n${t('Scopes')}: ${derived.scopes.map(showHidden).join(' ') || '-'}`);
      if (derived.actorProfile !== undefined) tooltip.appendText(`\n${t('Acting profile')}: ${showHidden(derived.actorProfile)}`);
      tooltip.appendText(`\n${t('Fingerprint')}: ${fingerprint(derived.token)}`);
    }
    tooltip.appendText(`\n${t('No refresh token: run "Cognito: Exchange Token" again when it expires.')}`);
    item.tooltip = tooltip;
    item.command = { command: 'cognitoTokens.inspectToken', title: t('Open Token in Inspector'), arguments: [personCall({ profile: node.profile, audience: node.audience })] };
    return item;
  }

  private tokenItem(node: Extract<TokenTreeNode, { kind: 'token' }>): vscode.TreeItem {
    const session = this.snapshot.get(node.profile);
    const token = session?.tokens[node.tokenType] ?? '';
    const labels: Record<TokenType, string> = { id: t('ID token'), access: t('Access token'), refresh: t('Refresh token') };
    const collapsible = node.tokenType === 'refresh' ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(labels[node.tokenType], collapsible);
    item.id = `token:${node.profile}:${node.tokenType}`;
    item.contextValue = `token.${node.tokenType}`;
    const tooltip = new vscode.MarkdownString();
    let state: ReturnType<typeof sessionTokenState>;
    if (node.tokenType === 'refresh') {
      // Refresh tokens are encrypted: their expiry is estimated from sign-in time and the client's setting.
      const ends = session && refreshExpiresAt(session);
      state = sessionTokenState(session, 'refresh', this.clock, clockSkewSeconds());
      item.description = ends === undefined ? t('encrypted · expiry unknown') : t('encrypted · expires {0} (estimated)', formatRelative(ends, this.clock, t));
      tooltip.appendText(t('Encrypted (JWE): only Cognito can read it.'));
      tooltip.appendText(`\n${ends === undefined ? t('Expiry unknown: the app client\'s refresh-token validity could not be read.') : t('Session ends about {0} (sign-in time + the app client\'s refresh-token validity). Rotation never extends it.', formatAbsolute(ends, vscode.env.language).utc)}`);
    } else {
      const claims = claimsOf(token);
      const exp = numericDate(claims.exp);
      state = sessionTokenState(session, node.tokenType, this.clock, clockSkewSeconds());
      item.description = describeExpiry({ exp }, this.clock, clockSkewSeconds(), t);
      if (exp !== undefined) {
        const when = formatAbsolute(exp * 1000, vscode.env.language);
        tooltip.appendText(`${t('Expires')}: ${when.utc}\n${when.local}`);
      }
    }
    tooltip.appendText(`\n${t('Fingerprint')}: ${fingerprint(token)}`);
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(
      state === 'expired' ? 'error' : state === 'expiring' ? 'warning' : node.tokenType === 'refresh' ? 'lock' : 'key',
      state === 'expired' ? new vscode.ThemeColor('errorForeground') : state === 'expiring' ? new vscode.ThemeColor('editorWarning.foreground') : undefined,
    );
    return item;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.changed.dispose();
  }
}

function severityIcon(severity: Finding['severity']): vscode.ThemeIcon {
  return severity === 'error'
    ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
    : severity === 'warning'
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'))
      : new vscode.ThemeIcon('info');
}

function appClientItem(node: Extract<TokenTreeNode, { kind: 'appClient' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(t('Pool and app client'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `appClient:${node.profile}`;
  item.contextValue = 'appClient';
  const view = node.view;
  if (!view) {
    item.description = t('could not be read');
    item.iconPath = new vscode.ThemeIcon('settings-gear');
    return item;
  }
  const s = view.summary;
  const count = (severity: Finding['severity']): number => view.findings.filter((f) => f.severity === severity).length;
  const parts: string[] = [];
  if (s.featurePlan.source !== 'unknown') parts.push(s.featurePlan.value === 'ESSENTIALS_OR_PLUS' ? t('Essentials or Plus') : s.featurePlan.value);
  if (s.rotation.source !== 'unknown') parts.push(s.rotation.value ? (s.graceSeconds.source !== 'unknown' ? t('rotation on, grace {0} s', s.graceSeconds.value) : t('rotation on')) : t('rotation off'));
  if (count('error') > 0) parts.push(t('{0} errors', count('error')));
  if (count('warning') > 0) parts.push(t('{0} warnings', count('warning')));
  if (s.readFrom === 'tokens') parts.push(t('from the tokens'));
  item.description = parts.join(' · ');
  item.iconPath = count('error') > 0 ? severityIcon('error') : count('warning') > 0 ? severityIcon('warning') : new vscode.ThemeIcon('settings-gear');
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(`${s.userPoolId} · ${s.clientId}\n`);
  tooltip.appendText(s.readFrom === 'describe' ? t('Read with DescribeUserPool and DescribeUserPoolClient.') : t('Read from the tokens and refreshes: the app client\'s settings could not be read.'));
  item.tooltip = tooltip;
  return item;
}

/**
 * The Cognito view's rows and its refresh command. The view itself is created at activation
 * (src/activation/tokenView.ts), which hands its calls here and attaches it.
 */
export function registerTokenTree(services: Services, context: vscode.ExtensionContext): TokenTreeProvider {
  const tree = new TokenTreeProvider(services);
  context.subscriptions.push(tree, vscode.commands.registerCommand('cognitoTokens.refreshView', () => tree.refresh()));
  return tree;
}
