import type { CognitoTokensApi } from '../api';
import type { LazyFeatures } from './lazyFeatures';

/**
 * The API activate() returns: every call (and subscribing to onDidChange) starts dist/features.js and goes
 * to the real one (src/api.ts). `bundlesAtActivation` records what activation itself loaded: nothing.
 */
export function lazyApi(lazy: LazyFeatures): CognitoTokensApi {
  const api = () => lazy.features().api;
  return {
    activatedAt: Date.now(),
    bundlesAtActivation: lazy.loaded(),
    profiles: () => api().profiles(),
    reloadSession: (profile) => api().reloadSession(profile),
    history: (profile) => api().history(profile),
    view: () => api().view(),
    onDidChange: (listener, thisArgs, disposables) => api().onDidChange(listener, thisArgs, disposables),
  };
}
