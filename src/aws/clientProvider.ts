import type { Loaders } from '../contract';
import type { ClientTarget, CognitoApi } from './cognitoClient';

/**
 * The one place Cognito clients come from (aws-toolkit's client builder): commands open one per request,
 * refreshes share one per target. Injected, so a test or another branch can swap it.
 */
export interface CognitoClients {
  /** A new client; the caller disposes it. */
  open(target: ClientTarget, abortSignal?: AbortSignal): CognitoApi;
  /** A client kept for `target` (refreshes reuse its connection and app-client settings); disposed with the provider. */
  shared(target: ClientTarget): CognitoApi;
  dispose(): void;
}

export function createCognitoClients(bundles: Loaders): CognitoClients {
  const kept = new Map<string, CognitoApi>();
  return {
    open: (target, abortSignal) => bundles.aws().createCognitoApi(target, abortSignal),
    shared: (target) => {
      const key = JSON.stringify([target.endpoint, target.region, target.userPoolId, target.clientId, target.authFlow, target.awsProfile]);
      let api = kept.get(key);
      if (!api) {
        api = bundles.aws().createCognitoApi(target);
        kept.set(key, api);
      }
      return api;
    },
    dispose: () => {
      for (const api of kept.values()) api.dispose();
      kept.clear();
    },
  };
}
