import * as vscode from 'vscode';
import type * as AwsBundle from './aws/cognitoClient';
import type * as VerifyBundle from './core/tokens/verify';

/**
 * The code activation never loads, in one place: dist/aws.js (the AWS SDK, first needed by a sign-in or
 * refresh) and dist/verify.js (jose, first needed when the user asks to verify). Each is required once.
 */
export interface Bundles {
  aws(): typeof AwsBundle;
  verify(): typeof VerifyBundle;
}

export function createBundles(extensionUri: vscode.Uri): Bundles {
  let aws: typeof AwsBundle | undefined;
  let verify: typeof VerifyBundle | undefined;
  const load = <T>(name: string): T => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(vscode.Uri.joinPath(extensionUri, 'dist', name).fsPath) as T;
  };
  return {
    aws: () => (aws ??= load<typeof AwsBundle>('aws.js')),
    verify: () => (verify ??= load<typeof VerifyBundle>('verify.js')),
  };
}
