import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ResourceServer } from './oauth/resourceServers';
import type { OAuthClientSettings } from './oauth/settings';

/** What the layer adds to an app client (cognito-local drops these settings). */
export interface ClientExtras {
  rotation: { Feature: 'ENABLED' | 'DISABLED'; RetryGracePeriodSeconds: number };
  /** Managed-login settings (CallbackURLs, AllowedOAuthFlows…), validated by `oauth/settings.ts`. */
  oauth?: OAuthClientSettings;
}

/** One refresh token the layer issued. Tokens are stored by hash, never as they are. */
export interface RefreshRecord {
  family: string;
  clientId: string;
  userPoolId: string;
  username: string;
  /** cognito-local's own refresh token, used to mint new ID and access tokens. */
  upstream: string;
  issuedAt: number;
  /** When the session started by the original sign-in ends: rotation never extends it. */
  sessionEndsAt: number;
  /** Set when rotation replaced this token; it keeps working until replacedAt + grace. */
  replacedAt?: number;
}

export interface FamilyRecord {
  userPoolId: string;
  username: string;
  revokedAt?: number;
}

export interface SessionRecord {
  clientId: string;
  userPoolId: string;
  username: string;
  challenge: string;
  expiresAt: number;
  /** cognito-local's session for challenges it answers itself. */
  upstreamSession?: string;
  /** SRP state for PASSWORD_VERIFIER. */
  srp?: { b: string; B: string; A: string; salt: string; secretBlock: string };
  /** USER_AUTH: SHA-256 of the one-time code sent for EMAIL_OTP. */
  otpHash?: string;
}

interface Persisted {
  clients: Record<string, ClientExtras>;
  refresh: Record<string, RefreshRecord>;
  families: Record<string, FamilyRecord>;
  /** access-token jti → the family that produced it and when (the layer's clock). */
  accessTokens: Record<string, { family: string; issuedAt: number }>;
  /** `${poolId}/${username}` → time of the last global sign-out. */
  signedOutAt: Record<string, number>;
  sessions: Record<string, SessionRecord>;
  /** `${poolId} ${identifier}` → resource server (custom scopes); absent in state files of older layers. */
  resourceServers?: Record<string, ResourceServer>;
  /** refresh-token family → the scopes granted through managed login (refreshes keep them). */
  oauthGrants?: Record<string, string[]>;
}

export function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The layer's own state, in one JSON file beside cognito-local's data, written after each change. */
export class LayerState {
  readonly data: Persisted;

  constructor(private readonly file: string) {
    this.data = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as Persisted)
      : { clients: {}, refresh: {}, families: {}, accessTokens: {}, signedOutAt: {}, sessions: {} };
  }

  save(): void {
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(this.data));
    renameSync(temp, this.file);
  }
}
