import * as vscode from 'vscode';
import type { Bundles } from '../bundles';
import { forNotification } from '../core/shared/untrustedText';
import type { StartedFeatures } from '../features';
import { t } from '../translate';

/** Code that runs around the start of dist/features.js (the activation stubs step aside, then plug in). */
export interface FeaturesHooks {
  /** Before the bundle registers its commands: a stub of the same id must be gone by then. */
  readonly before?: () => void;
  /** Once it has started (at once if it already has). */
  readonly after?: (features: StartedFeatures) => void;
}

/**
 * What every activation stub is given (activation's side of the seam): the features, started on first use,
 * and the hover's loader. Only activation holds this; the features get the leaf loaders (src/contract.ts).
 */
export interface LazyFeatures {
  /** Loads and starts dist/features.js the first time; the same started features after. */
  features(): StartedFeatures;
  whenFeatures(hooks: FeaturesHooks): void;
  /** Whether dist/features.js has started (stubs answer cheaply until then where they can). */
  featuresStarted(): boolean;
  hover: Bundles['hover'];
  /** The bundles loaded so far, in order (file names). */
  loaded: Bundles['loaded'];
}

/** The features' lifecycle: started once, hooks run around the start, a failure said once and kept. */
export function lazyFeatures(bundles: Bundles, context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LazyFeatures {
  const hooks: FeaturesHooks[] = [];
  let started: StartedFeatures | undefined;
  let failed: Error | undefined;
  return {
    features: () => {
      if (started) return started;
      if (failed !== undefined) throw failed;
      const bundle = bundles.featuresModule();
      for (const hook of hooks) hook.before?.();
      try {
        // The features get the leaf loaders only (src/contract.ts), never this lifecycle.
        started = bundle.start(context, log, { aws: () => bundles.aws(), verify: () => bundles.verify(), hover: () => bundles.hover() });
      } catch (error) {
        // As a failed activation would: said once, recorded, and every use fails (it is not retried half-registered).
        failed = error instanceof Error ? error : new Error(String(error));
        log.error('[bundles] features failed to start', error);
        void vscode.window.showErrorMessage(t('Cognito Token Inspector failed to start: {0}', forNotification(String(error))));
        throw error;
      }
      for (const hook of hooks) hook.after?.(started);
      return started;
    },
    whenFeatures: (hook) => {
      hooks.push(hook);
      if (started) hook.after?.(started);
    },
    featuresStarted: () => started !== undefined,
    hover: () => bundles.hover(),
    loaded: () => bundles.loaded(),
  };
}
