import * as vscode from 'vscode';
import type * as AwsBundle from './aws/cognitoClient';
import type { Loaders } from './contract';
import type * as VerifyBundle from './core/tokens/verify';
import type * as FeaturesBundle from './features';
import type * as HoverBundle from './hover/jwtHoverProvider';
import { forNotification } from './core/shared/untrustedText';
import { t } from './translate';

type StartedFeatures = FeaturesBundle.StartedFeatures;

/** Code that runs around the start of dist/features.js (the activation stubs step aside, then plug in). */
export interface FeaturesHooks {
  /** Before the bundle registers its commands: a stub of the same id must be gone by then. */
  readonly before?: () => void;
  /** Once it has started (at once if it already has). */
  readonly after?: (features: StartedFeatures) => void;
}

/**
 * The code activation does not load, in one place, each required once on its first use:
 *   dist/features.js  services, commands, the view's rows, status bar, auto refresh, token usage: the first
 *                     command run, the view shown, an authentication request, a stored session, a JWT in view
 *   dist/hover.js     the hover: the first hover
 *   dist/aws.js       the AWS SDK: the first sign-in or refresh
 *   dist/verify.js    jose: the first signature check
 */
export interface Bundles extends Loaders {
  /** Loads and starts dist/features.js the first time; the same started features after. */
  features(): StartedFeatures;
  whenFeatures(hooks: FeaturesHooks): void;
  /** Whether dist/features.js has started (stubs answer cheaply until then where they can). */
  featuresStarted(): boolean;
  /** The bundles loaded so far, in order (file names). */
  loaded(): readonly string[];
}

export function createBundles(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Bundles {
  const loaded: string[] = [];
  const hooks: FeaturesHooks[] = [];
  let aws: typeof AwsBundle | undefined;
  let verify: typeof VerifyBundle | undefined;
  let hover: typeof HoverBundle | undefined;
  let started: StartedFeatures | undefined;
  let failed: Error | undefined;
  const load = <T>(name: string): T => {
    const begun = Date.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundle = require(vscode.Uri.joinPath(context.extensionUri, 'dist', name).fsPath) as T;
    loaded.push(name);
    log.info(`[bundles] loaded ${name} in ${Date.now() - begun} ms`);
    return bundle;
  };
  const bundles: Bundles = {
    aws: () => (aws ??= load<typeof AwsBundle>('aws.js')),
    verify: () => (verify ??= load<typeof VerifyBundle>('verify.js')),
    hover: () => (hover ??= load<typeof HoverBundle>('hover.js')),
    features: () => {
      if (started) return started;
      if (failed !== undefined) throw failed;
      const bundle = load<typeof FeaturesBundle>('features.js');
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
    loaded: () => [...loaded],
  };
  return bundles;
}
