import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

let key: KeyObject | undefined;

/**
 * Signs claims as cognito-local does (RS256, kid "CognitoLocal", its one key, read from its package),
 * so tokens the layer completes verify against the same JWKS as cognito-local's own.
 */
export function signAsCognitoLocal(claims: Record<string, unknown>): string {
  key ??= createPrivateKey((JSON.parse(readFileSync(require.resolve('cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8')) as { pem: string }).pem);
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}
