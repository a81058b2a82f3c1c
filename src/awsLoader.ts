import * as path from 'node:path';
import type * as AwsBundle from './aws/cognitoClient';

let loaded: typeof AwsBundle | undefined;

/** Requires dist/aws.js (the AWS SDK) the first time a command needs Cognito; activation never does. */
export function loadAws(extensionPath: string): typeof AwsBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(path.join(extensionPath, 'dist', 'aws.js')) as typeof AwsBundle;
  return loaded;
}
