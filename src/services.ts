import * as vscode from 'vscode';
import { systemClock, type Clock } from './core/shared/clock';
import type { Loaders } from './contract';
import { createCognitoClients, type CognitoClients } from './aws/clientProvider';
import { Notifier } from './notifier';
import { OAuthUriHandler } from './oauth/uriHandlerRedirect';
import { ClientSecrets } from './sessions/clientSecrets';
import { ProfileService } from './sessions/profileService';
import { RefreshService } from './sessions/refreshService';
import { SessionRepository } from './sessions/sessionRepository';
import { UserAttributesCache } from './sessions/userAttributes';
import type { StoredSession } from './core/sessions/storedSession';
import { AppClientService } from './appClient/appClientService';
import { DerivedTokenStore } from './core/exchange/derivedTokens';
import { createVerifier, type Verifier } from './inspector/verifier';
import { namedProfilePool, signedInPools, userProfilePools } from './core/tokens/keyTrust';

/**
 * Everything a feature needs, built once when dist/features.js starts (rust-analyzer's Ctx). Features register with
 * `(services, context)`; nothing else is threaded through constructors.
 */
export interface Services {
  readonly extensionUri: vscode.Uri;
  /** The one output channel; tokens never go in it (fingerprints only). */
  readonly log: vscode.LogOutputChannel;
  readonly clock: Clock;
  /** The one place outcomes become messages; repeating failures are shown once. */
  readonly notifier: Notifier;
  /** Configured profiles (with origin) and where their requests may go. */
  readonly profiles: ProfileService;
  /** Every reader's sessions: current(profile), list(), onDidChange. */
  readonly repository: SessionRepository;
  readonly clientSecrets: ClientSecrets;
  readonly refresher: RefreshService;
  /** The one provider of Cognito clients. */
  readonly cognito: CognitoClients;
  /** Signature checks, with keys only from trusted places (see src/core/tokens/keySource.ts). */
  readonly verifier: Verifier;
  /** What GetUser last returned per profile (memory only). */
  readonly userAttributes: UserAttributesCache;
  /** globalState: usernames last typed, confirmations, refresh fallbacks. Never tokens. */
  readonly memento: vscode.Memento;
  /** Managed login's redirects through the extension's URI handler (remote and browser VS Code). */
  readonly oauthCallbacks: OAuthUriHandler;
  /** Each profile's app client and pool settings, explained and checked (memory only). */
  readonly appClients: AppClientService;
  /** Tokens from token exchange (`cognitoTokens.exchangeToken`), in memory only; dropped with their sign-in. */
  readonly derivedTokens: DerivedTokenStore;
}

/**
 * `bundles`: the leaf loaders activation created (src/contract.ts), shared so each bundle is required once. They
 * go into the services that load code (the Cognito clients, the verifier) and are not kept in the context:
 * no feature loads or starts bundles itself.
 */
export function createServices(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, bundles: Loaders): Services {
  const clock = systemClock;
  const notifier = new Notifier(log);
  const profiles = new ProfileService(context.globalState, log);
  const cognito = createCognitoClients(bundles);
  const repository = new SessionRepository(context.secrets, context.globalState, () => profiles.names(), log, notifier);
  const clientSecrets = new ClientSecrets(context.secrets, log, notifier);
  const refresher = new RefreshService(repository, profiles, clientSecrets, cognito, context.globalState, clock, log);
  const userAttributes = new UserAttributesCache(repository);
  const verifier = createSessionVerifier(repository, profiles, bundles, context.globalState, clock);
  const oauthCallbacks = new OAuthUriHandler(context.extension.id);
  const appClients = new AppClientService({ repository, clientSecrets, profiles, cognito, clock, log, extensionId: context.extension.id });
  const derivedTokens = new DerivedTokenStore();
  // A sign-out or a new sign-in drops what was derived from the old session (core decides: sessionChanged).
  const dropDerived = repository.onDidChange((profile) => {
    void repository.current(profile).then(
      (session) => derivedTokens.sessionChanged(profile, session),
      () => derivedTokens.sessionChanged(profile, undefined),
    );
  });
  context.subscriptions.push(repository, cognito, userAttributes, oauthCallbacks, appClients, dropDerived);
  return { extensionUri: context.extensionUri, log, clock, notifier, profiles, repository, clientSecrets, refresher, cognito, verifier, userAttributes, memento: context.globalState, oauthCallbacks, appClients, derivedTokens };
}

/** Verification trusts pools by where sessions came from (their bindings), not by what settings say now. */
function createSessionVerifier(repository: SessionRepository, profiles: ProfileService, bundles: Loaders, memento: vscode.Memento, clock: Clock): Verifier {
  return createVerifier({
    load: () => bundles.verify(),
    globalState: memento,
    clock,
    pool: async (name) => namedProfilePool(await repository.current(name).catch(() => undefined), profiles.get(name)),
    signedInPools: async () => signedInPools((await repository.list().catch(() => [])) as StoredSession[]),
    // The user's own settings only: a workspace cannot make a pool "yours".
    profilePools: () => userProfilePools(profiles.read().profiles),
  });
}
