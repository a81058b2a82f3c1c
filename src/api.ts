import * as vscode from 'vscode';
import { endpointOf } from './core/sessions/binding';
import type { ProfileOrigin } from './core/sessions/profiles';
import type { RotationRecord } from './core/sessions/rotationHistory';
import { SessionStore } from './core/sessions/sessionStore';
import { summarizeSession, type SessionSummary } from './core/sessions/storedSession';
import type { Services } from './services';
import type { TokenTreeNode, TokenTreeProvider } from './tree/tokenTreeProvider';

/** A configured profile as other extensions may see it: where it points, never a token or secret. */
export interface ProfileSummary {
  readonly name: string;
  readonly origin: ProfileOrigin;
  readonly endpoint: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** Present when signed in: fingerprints and expiries only. */
  readonly session?: SessionSummary;
}

/** One row of the Cognito view as it is shown (labels, descriptions, fingerprints in tooltips). */
export interface ViewRow {
  readonly depth: number;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly contextValue?: string;
}

/**
 * What activate() returns, for other extensions and tests. It holds nothing that can reach a token, a
 * client secret or a password: summaries (fingerprints, expiries, rotation records) and a change event.
 */
export interface CognitoTokensApi {
  readonly activatedAt: number;
  /** The lazily loaded bundles activation itself loaded (src/bundles.ts): none, by design. */
  readonly bundlesAtActivation: readonly string[];
  /** Every configured profile, with its session summary when signed in. */
  profiles(): Promise<ProfileSummary[]>;
  /** A profile's session summary, read through a fresh store over the same SecretStorage, as a new activation would. */
  reloadSession(profile: string): Promise<SessionSummary | undefined>;
  /** A profile's rotation records (fingerprints, never tokens). */
  history(profile: string): readonly RotationRecord[];
  /** The Cognito view's rows, as shown. */
  view(): Promise<ViewRow[]>;
  /** Fires with a profile's name when its session changes (sign-in, refresh, sign-out, another window). */
  readonly onDidChange: vscode.Event<string>;
}

/** The calls the activation stubs pass on (src/activation/lazyApi.ts adds what activation knows). */
export type FeaturesApi = Omit<CognitoTokensApi, 'activatedAt' | 'bundlesAtActivation'>;

export function createApi(services: Services, secrets: vscode.SecretStorage, tree: TokenTreeProvider): FeaturesApi {
  return {
    profiles: async () => {
      const { profiles } = services.profiles.read();
      return Promise.all(
        profiles.map(async (p) => {
          const session = await services.repository.current(p.name).catch(() => undefined);
          return { name: p.name, origin: p.origin ?? 'user', endpoint: endpointOf(p), userPoolId: p.userPoolId, clientId: p.clientId, session: session && summarizeSession(session) };
        }),
      );
    },
    reloadSession: async (profile) => {
      const session = await new SessionStore(secrets, { onCorrupt: () => undefined }).get(profile);
      return session && summarizeSession(session);
    },
    history: (profile) => services.repository.records(profile),
    view: () => viewRows(tree),
    onDidChange: services.repository.onDidChange,
  };
}

async function viewRows(tree: TokenTreeProvider): Promise<ViewRow[]> {
  const rows: ViewRow[] = [];
  const walk = async (node: TokenTreeNode | undefined, depth: number): Promise<void> => {
    for (const child of await tree.getChildren(node)) {
      const item = tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value;
      rows.push({ depth, label, description: typeof item.description === 'string' ? item.description : undefined, tooltip, contextValue: item.contextValue });
      await walk(child, depth + 1);
    }
  };
  await walk(undefined, 0);
  return rows;
}
