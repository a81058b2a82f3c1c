/**
 * Client-secret rotation (January 2026): AddUserPoolClientSecret adds a second secret to a confidential app
 * client ("Supports up to 2 active secrets per app client"; a custom value of 24–64 characters `[\w+]+`, whose
 * value is then not returned), ListUserPoolClientSecrets lists ids and dates ("the response never reveals the
 * actual secret value"), DeleteUserPoolClientSecret removes one ("You cannot delete the last remaining
 * secret"). Both active secrets work for SECRET_HASH, ClientSecret and the token endpoint until one is deleted
 * (`LayerContext.clientSecrets`).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPoolClientSecrets.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolClientSecret.html
 */
import { createHash, randomBytes } from 'node:crypto';
import type { LayerContext } from '../context';
import { CognitoError, invalidParameter, resourceNotFound } from '../errors';
import { str } from '../json';
import type { Body, Registry } from '../registry';
import type { ClientSecretRecord } from '../state';
import type { UpstreamClient } from '../upstream';

const MAX_SECRETS = 2;
const CUSTOM_SECRET = /^[\w+]{24,64}$/;

export function registerClientSecrets(registry: Registry, ctx: LayerContext): void {
  registry.operation('AddUserPoolClientSecret', async (body) => {
    const client = await confidentialClient(ctx, body);
    const secrets = secretsOf(ctx, client);
    if (secrets.length >= MAX_SECRETS) {
      throw new CognitoError('LimitExceededException', `App client ${client.ClientId} already has ${MAX_SECRETS} secrets; delete one with DeleteUserPoolClientSecret first.`);
    }
    const custom = body.ClientSecret;
    if (custom !== undefined && (typeof custom !== 'string' || !CUSTOM_SECRET.test(custom))) {
      throw invalidParameter('ClientSecret must be 24 to 64 characters of letters, digits, _ or +.');
    }
    const value = typeof custom === 'string' ? custom : randomBytes(38).toString('base64url').replace(/[-_]/g, '').slice(0, 51).toLowerCase();
    const added: ClientSecretRecord = { id: secretId(client.ClientId, value), value, createdAt: ctx.clock.now() };
    ctx.state.put('clientSecrets', client.ClientId, [...secrets, added]);
    // The value comes back only when Cognito generated it; a custom one the caller already has.
    return { ClientSecretDescriptor: { ClientSecretId: added.id, ...(custom === undefined ? { ClientSecretValue: value } : {}), ClientSecretCreateDate: added.createdAt / 1000 } };
  });
  registry.operation('ListUserPoolClientSecrets', async (body) => {
    const client = await confidentialClient(ctx, body);
    return { ClientSecrets: secretsOf(ctx, client).map((secret) => ({ ClientSecretId: secret.id, ClientSecretCreateDate: secret.createdAt / 1000 })) };
  });
  registry.operation('DeleteUserPoolClientSecret', async (body) => {
    const client = await confidentialClient(ctx, body);
    const secrets = secretsOf(ctx, client);
    const id = str(body.ClientSecretId);
    if (!id) {
      throw invalidParameter('1 validation error detected: Value null at \'clientSecretId\' failed to satisfy constraint: Member must not be null');
    }
    if (!secrets.some((secret) => secret.id === id)) {
      throw resourceNotFound(`Client secret ${id.slice(0, 128)} does not exist for app client ${client.ClientId}.`);
    }
    if (secrets.length === 1) {
      throw invalidParameter('You cannot delete the last remaining secret for an app client.');
    }
    ctx.state.put('clientSecrets', client.ClientId, secrets.filter((secret) => secret.id !== id));
    return {};
  });
}

/** The client's secrets as records (the one it was created with gets a stable id derived from it). */
function secretsOf(ctx: LayerContext, client: UpstreamClient & { CreationDate?: unknown }): ClientSecretRecord[] {
  const stored = ctx.state.data.clientSecrets[client.ClientId];
  if (stored) return stored;
  const created = typeof client.CreationDate === 'number' ? client.CreationDate * 1000 : Date.parse(str(client.CreationDate)) || ctx.clock.now();
  return client.ClientSecret ? [{ id: secretId(client.ClientId, client.ClientSecret), value: client.ClientSecret, createdAt: created }] : [];
}

/** An opaque id that names a secret without revealing it. */
function secretId(clientId: string, value: string): string {
  return createHash('sha256').update(`${clientId}\n${value}`).digest('hex').slice(0, 32);
}

async function confidentialClient(ctx: LayerContext, body: Body): Promise<UpstreamClient> {
  const client = await ctx.client(body.ClientId);
  if (str(body.UserPoolId) !== client.UserPoolId) {
    throw resourceNotFound(`User pool client ${client.ClientId} does not exist in ${str(body.UserPoolId).slice(0, 55)}.`);
  }
  if (!client.ClientSecret) {
    throw invalidParameter(`App client ${client.ClientId} has no client secret (it was created without GenerateSecret).`);
  }
  return client;
}
