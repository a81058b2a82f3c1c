import type { RefreshMethod } from '../shared/vocabulary';
import { endpointOf, type CognitoTarget } from './binding';
import { chooseRefreshMethod } from './refreshFlow';

/** Where the memory is kept (globalState in the editor; a map in tests). Never tokens: a key and `true`. */
export interface FlagStore {
  get(key: string): unknown;
  update(key: string, value: true): Thenable<void> | Promise<void>;
}

/**
 * "Rotation is missing here": with `refreshMethod: auto`, a refresh tries GetTokensFromRefreshToken first and
 * falls back to REFRESH_TOKEN_AUTH where the endpoint lacks it. That is remembered per endpoint and app
 * client (not per profile: two profiles on one pool share the answer; another endpoint does not), so later
 * refreshes start with the method that works there.
 */
export class RefreshMethodMemory {
  constructor(private readonly store: FlagStore) {}

  static key(target: CognitoTarget): string {
    return `cognitoTokens.refreshFallback.${JSON.stringify([endpointOf(target), target.clientId])}`;
  }

  /** The method a refresh of this profile starts with. */
  methodFor(profile: CognitoTarget & { readonly refreshMethod?: RefreshMethod }): RefreshMethod {
    return chooseRefreshMethod(profile.refreshMethod, this.store.get(RefreshMethodMemory.key(profile)) === true);
  }

  /** A refresh fell back: this endpoint and client lack rotation. */
  async rotationMissing(profile: CognitoTarget): Promise<void> {
    await this.store.update(RefreshMethodMemory.key(profile), true);
  }
}
