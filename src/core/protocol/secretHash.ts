import { createHmac } from 'node:crypto';

/**
 * SECRET_HASH for clients with a secret: Base64(HMAC-SHA256(secret, username + clientId))
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash).
 */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret).update(`${username}${clientId}`, 'utf8').digest('base64');
}
