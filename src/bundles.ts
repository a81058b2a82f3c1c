import * as vscode from 'vscode';
import type * as AwsBundle from './aws/cognitoClient';
import type { Loaders } from './contract';
import type * as VerifyBundle from './core/tokens/verify';
import type * as FeaturesBundle from './features';
import type * as HoverBundle from './hover/jwtHoverProvider';

/**
 * The loader, and only that: each bundle activation does not load is required once, on its first use, and
 * logged. Starting the features (hooks, the failure report) is src/activation/lazyFeatures.ts's job.
 *   dist/features.js  services, commands, the view's rows, status bar, auto refresh, token usage
 *   dist/hover.js     the hover
 *   dist/aws.js       the AWS SDK
 *   dist/verify.js    jose
 */
export interface Bundles extends Loaders {
  /** The features bundle's module, not started (see src/activation/lazyFeatures.ts). */
  featuresModule(): typeof FeaturesBundle;
  /** The bundles loaded so far, in order (file names). */
  loaded(): readonly string[];
}

export function createBundles(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Bundles {
  const loaded: string[] = [];
  const cache = new Map<string, unknown>();
  const load = <T>(name: string): T => {
    if (cache.has(name)) return cache.get(name) as T;
    const begun = Date.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundle = require(vscode.Uri.joinPath(context.extensionUri, 'dist', name).fsPath) as T;
    cache.set(name, bundle);
    loaded.push(name);
    log.info(`[bundles] loaded ${name} in ${Date.now() - begun} ms`);
    return bundle;
  };
  return {
    aws: () => load<typeof AwsBundle>('aws.js'),
    verify: () => load<typeof VerifyBundle>('verify.js'),
    hover: () => load<typeof HoverBundle>('hover.js'),
    featuresModule: () => load<typeof FeaturesBundle>('features.js'),
    loaded: () => [...loaded],
  };
}
