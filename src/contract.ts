import type * as AwsBundle from './aws/cognitoClient';
import type * as VerifyBundle from './core/tokens/verify';
import type * as HoverBundle from './hover/jwtHoverProvider';

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
