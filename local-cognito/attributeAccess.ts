/**
 * Which user attributes an app client may read and write: `ReadAttributes` / `WriteAttributes` on the app
 * client (UserPoolClientType, https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html).
 * Without WriteAttributes the client may write the standard attributes; without ReadAttributes it may read
 * every attribute the user has (the guide lists the standard attributes and email_verified /
 * phone_number_verified; custom attributes are read too, as the ID token of a client without ReadAttributes
 * shows them). What a client may read is what GetUser returns and what the ID token carries
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html).
 */
import type { UpstreamClient, UpstreamUser } from './upstream';

/** OIDC standard attributes of a user pool (user-pool-settings-attributes.html). */
export const STANDARD_ATTRIBUTES = [
  'address', 'birthdate', 'email', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name', 'nickname',
  'phone_number', 'picture', 'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo',
];

/** `sub` is the user's identity, not a setting: every client sees it. */
export function canRead(client: UpstreamClient, name: string): boolean {
  return name === 'sub' || !client.ReadAttributes || client.ReadAttributes.length === 0 || client.ReadAttributes.includes(name);
}

export function canWrite(client: UpstreamClient, name: string): boolean {
  return client.WriteAttributes && client.WriteAttributes.length > 0 ? client.WriteAttributes.includes(name) : STANDARD_ATTRIBUTES.includes(name);
}

/** The ID token's attribute claims: every attribute the client may read (`*_verified` as booleans). */
export function idTokenAttributes(user: UpstreamUser | undefined, client: UpstreamClient): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const { Name, Value } of user?.Attributes ?? []) {
    if (Name === 'sub' || !canRead(client, Name)) continue;
    claims[Name] = Name.endsWith('_verified') ? Value === 'true' : Name === 'updated_at' && /^\d+$/.test(Value) ? Number(Value) : Value;
  }
  return claims;
}

/** Claims that come from attributes, to drop from cognito-local's ID token before adding the readable ones. */
export function isAttributeClaim(name: string, user: UpstreamUser | undefined): boolean {
  return name === 'email' || name === 'email_verified' || name.startsWith('custom:') || (user?.Attributes ?? []).some((a) => a.Name === name && a.Name !== 'sub');
}
