import { timingSafeEqual } from 'node:crypto';
import { secretHash } from '../src/core/protocol/secretHash';
import type { OffsetClock } from './clock';
import { invalidParameter, notAuthorized, resourceNotFound } from './errors';
import type { PoolSigner } from './signing';
import type { ClientExtras, LayerState } from './state';
import type { Upstream, UpstreamClient, UpstreamUser } from './upstream';

/** AWS's flows for an app client created without ExplicitAuthFlows. */
export const DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/**
 * What every family shares: cognito-local, the layer's state and clock, and the checks every
 * client-facing operation makes (the app client exists, the flow is allowed, the secret matches).
 */
export class LayerContext {
  /** Requests per operation, for tests that check how many calls a client made (GET /_local/stats). */
  readonly stats: Record<string, number> = {};

  constructor(
    readonly upstream: Upstream,
    readonly state: LayerState,
    readonly clock: OffsetClock,
    /** The pool's output (the CLI's stdout): where codes are "delivered". */
    readonly output: (line: string) => void = () => {},
    /** The data folder's own key: signs every token the pool hands out, and is the only key it accepts. */
    readonly signer: PoolSigner,
  ) {}

  /** The app client, or the Cognito error for a missing or unknown ClientId. */
  async client(clientId: unknown): Promise<UpstreamClient> {
    if (typeof clientId !== 'string' || clientId === '') {
      throw invalidParameter('1 validation error detected: Value null at \'clientId\' failed to satisfy constraint: Member must not be null');
    }
    if (clientId.length > 128) {
      throw invalidParameter('1 validation error detected: Value at \'clientId\' failed to satisfy constraint: Member must have length less than or equal to 128');
    }
    const client = await this.upstream.client(clientId);
    if (!client) {
      throw resourceNotFound(`User pool client ${clientId} does not exist.`);
    }
    return client;
  }

  /** What the layer keeps for an app client beyond cognito-local's record. */
  extras(clientId: string): ClientExtras {
    return this.state.data.clients[clientId] ?? { rotation: { Feature: 'DISABLED', RetryGracePeriodSeconds: 0 } };
  }

  /** The user a token names (exactly: its `username` is the real one), refused as AWS refuses a disabled one: "User is disabled." */
  requireEnabledUser(userPoolId: string, username: string): UpstreamUser | undefined {
    const user = this.upstream.exactUser(userPoolId, username);
    if (user && user.Enabled === false) {
      throw notAuthorized('User is disabled.');
    }
    return user;
  }

  requireFlow(client: UpstreamClient, flow: string): void {
    const flows = client.ExplicitAuthFlows && client.ExplicitAuthFlows.length > 0 ? client.ExplicitAuthFlows : DEFAULT_FLOWS;
    const allowed = flows.includes(`ALLOW_${flow}`) || (flow === 'ADMIN_USER_PASSWORD_AUTH' && flows.includes('ADMIN_NO_SRP_AUTH'));
    if (!allowed) {
      throw invalidParameter(`${flow} flow not enabled for this client`);
    }
  }

  /**
   * The client's active secrets: the one it was created with until AddUserPoolClientSecret /
   * DeleteUserPoolClientSecret change them (up to two at once; both work until one is deleted).
   */
  clientSecrets(client: UpstreamClient): string[] {
    const rotated = this.state.data.clientSecrets[client.ClientId];
    return rotated ? rotated.map((secret) => secret.value) : client.ClientSecret ? [client.ClientSecret] : [];
  }

  /** A raw ClientSecret (GetTokensFromRefreshToken, RevokeToken, the token endpoint) matches an active secret. */
  secretMatches(client: UpstreamClient, given: unknown): boolean {
    return typeof given === 'string' && this.clientSecrets(client).some((secret) => safeEqual(secret, given));
  }

  checkSecretHash(client: UpstreamClient, username: string | undefined, given: unknown): void {
    if (!client.ClientSecret) {
      return;
    }
    if (typeof given !== 'string' || given === '') {
      throw notAuthorized(`Client ${client.ClientId} is configured with secret but SECRET_HASH was not received`);
    }
    // Either active secret will do (client-secret rotation: `families/clientSecrets.ts`).
    if (!this.clientSecrets(client).some((secret) => safeEqual(secretHash(secret, username ?? '', client.ClientId), given))) {
      throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
    }
  }
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
