import type * as vscode from 'vscode';
import type * as AwsBundle from './aws/cognitoClient';
import type * as VerifyBundle from './core/tokens/verify';
import type * as HoverBundle from './hover/jwtHoverProvider';

/** The Cognito view (package.json `contributes.views`): created at activation, filled by the features. */
export const TOKENS_VIEW_ID = 'cognitoTokens.tokens';

/** The authentication provider id (`onAuthenticationRequest:cognito`, `vscode.authentication.getSession('cognito', …)`). */
export const AUTH_PROVIDER_ID = 'cognito';

/**
 * The one registration shape, on both sides of the seam: an activation stub gets the bundles, a feature the
 * services; each registers into the extension context (and may hand back what the other side needs).
 */
export type Registration<Context, Result = void> = (context: Context, extension: vscode.ExtensionContext) => Result;

/**
 * The seam between activation (src/extension.ts, src/activation/, src/bundles.ts) and the lazily loaded
 * features (src/features.ts): what the features may ask of activation. They get the leaf bundles' loaders,
 * never the features' own lifecycle, so no feature can start the features, and this file imports neither
 * side's code (only types of the leaf bundles): no import circle can close through it.
 *   dist/aws.js     the AWS SDK: the first sign-in or refresh
 *   dist/verify.js  jose: the first signature check
 *   dist/hover.js   the hover: the first hover
 */
export interface Loaders {
  aws(): typeof AwsBundle;
  verify(): typeof VerifyBundle;
  hover(): typeof HoverBundle;
}
