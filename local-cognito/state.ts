import { createHash } from 'node:crypto';
import type { ResourceServer } from './oauth/resourceServers';
import type { OAuthClientSettings } from './oauth/settings';
import { Journal } from './store/journal';

/** What the layer adds to an app client (cognito-local drops these settings). */
export interface ClientExtras {
  rotation: { Feature: 'ENABLED' | 'DISABLED'; RetryGracePeriodSeconds: number };
  /** EnableTokenRevocation: origin_jti in tokens and RevokeToken allowed. AWS's default for new clients: on. */
  revocation?: boolean;
  /** Managed-login settings (CallbackURLs, AllowedOAuthFlows…), validated by `oauth/settings.ts`. */
  oauth?: OAuthClientSettings;
}

/** What the layer keeps for a user pool beyond cognito-local's record (it drops these settings). */
export interface PoolExtras {
  /** IssuerConfiguration.Type (API_IssuerConfigurationType.html); ORIGINAL when never set. */
  issuer?: 'ORIGINAL' | 'UPDATED';
  /** UserPoolTier (LITE | ESSENTIALS | PLUS); ESSENTIALS when never set, as for new pools on AWS. */
  tier?: string;
}

/** One client secret (ListUserPoolClientSecrets shows the id and date, never the value). */
export interface ClientSecretRecord {
  id: string;
  value: string;
  createdAt: number;
}

/** One refresh token the layer issued. Tokens are stored by hash, never as they are. */
export interface RefreshRecord {
  family: string;
  clientId: string;
  userPoolId: string;
  username: string;
  /** The user's `sub` at sign-in: a user deleted and made again under the same name is someone else. */
  sub?: string;
  /** Records from before the pool minted its own tokens held cognito-local's refresh token here; unused. */
  upstream?: string;
  issuedAt: number;
  /** When the session started by the original sign-in ends: rotation never extends it. */
  sessionEndsAt: number;
  /** Set when rotation replaced this token; it keeps working until replacedAt + grace. */
  replacedAt?: number;
}

/** One sign-in and everything refreshed from it; its id is the tokens' `origin_jti`. */
export interface FamilyRecord {
  userPoolId: string;
  username: string;
  revokedAt?: number;
  /** The sign-in's `acr` and `amr`, carried by every token refreshed from it. */
  acr?: string;
  amr?: string[];
}

/** An access or ID token the layer handed out, by `jti`. */
export interface IssuedToken {
  family: string;
  /** The layer's clock at issue (tests move it; cognito-local's `iat` stays in real time). */
  issuedAt: number;
  /** The token's `exp`, in ms: after it, the record can go. */
  expiresAt?: number;
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
  /** Methods completed before this challenge, and the target levels asked for (`assurance.ts`). */
  assurance?: { amr: string[]; targets?: string[] };
}

/** A code the pool "sent" (sign-up, forgot-password…), as the user would read it in the message. */
export interface CodeRecord {
  purpose: string;
  code: string;
  sentAt: number;
  /** EMAIL (the default) or SMS. */
  medium?: 'EMAIL' | 'SMS';
}

interface Tables {
  clients: Record<string, ClientExtras>;
  refresh: Record<string, RefreshRecord>;
  families: Record<string, FamilyRecord>;
  /** jti → the family that produced it and when (the layer's clock). */
  accessTokens: Record<string, IssuedToken>;
  /** `${poolId}/${username}` → time of the last global sign-out. */
  signedOutAt: Record<string, number>;
  /** `${poolId}/${username}` → codes sent, newest last. */
  codes: Record<string, CodeRecord[]>;
  /** `${poolId}/${username}` → the code the next message carries (POST /_local/codes, seed). */
  nextCodes: Record<string, string>;
  /** `${poolId} ${identifier}` → resource server (custom scopes). */
  resourceServers: Record<string, ResourceServer>;
  /** refresh-token family → the scopes granted through managed login (refreshes keep them). */
  oauthGrants: Record<string, string[]>;
  /** user pool id → settings cognito-local drops (IssuerConfiguration, UserPoolTier). */
  pools: Record<string, PoolExtras>;
  /** clientId → the app client's secrets when rotation (AddUserPoolClientSecret) changed them. */
  clientSecrets: Record<string, ClientSecretRecord[]>;
}
export type TableName = keyof Tables;

const TABLES: TableName[] = ['clients', 'refresh', 'families', 'accessTokens', 'signedOutAt', 'codes', 'nextCodes', 'resourceServers', 'oauthGrants', 'pools', 'clientSecrets'];
/** Past this many journal bytes, the next start-up or write folds the journal into the snapshot. */
const COMPACT_AT = 8 * 1024 * 1024;
/** Challenge sessions live 3 minutes; never more than this many at once, oldest dropped first. */
const MAX_SESSIONS = 20_000;

export function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function emptyTables(): Tables {
  return { clients: {}, refresh: {}, families: {}, accessTokens: {}, signedOutAt: {}, codes: {}, nextCodes: {}, resourceServers: {}, oauthGrants: {}, pools: {}, clientSecrets: {} };
}

/**
 * The layer's own state: a snapshot (`local-pool-layer.json`) plus a journal of changes
 * (`local-pool-layer.journal`, see `store/journal.ts`). The journal is folded into the snapshot at
 * start-up and, off the request path, when it grows large, dropping what has expired. Challenge
 * sessions live in memory only: they last 3 minutes.
 */
export class LayerState {
  private readonly tables: Tables;
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly journal: Journal;
  private compactionDue = false;

  constructor(
    file: string,
    private readonly now: () => number,
  ) {
    this.journal = new Journal(file);
    this.tables = this.load();
    this.compact();
  }

  /** Read-only views; every change goes through put/remove so it reaches the journal. */
  get data(): Readonly<Tables> {
    return this.tables;
  }

  /** Journal first: a change the journal refused is not made in memory either (its request fails). */
  put<T extends TableName>(table: T, key: string, value: Tables[T][string]): void {
    this.append({ t: table, k: key, v: value });
    (this.tables[table] as Record<string, unknown>)[key] = value;
  }

  remove(table: TableName, key: string): void {
    if (key in this.tables[table]) {
      this.append({ t: table, k: key });
      delete (this.tables[table] as Record<string, unknown>)[key];
    }
  }

  session(id: string): SessionRecord | undefined {
    return this.sessions.get(id);
  }

  addSession(id: string, record: SessionRecord): void {
    // Insertion order is expiry order (every session lasts as long), so pruning stops at the first live one.
    const now = this.now();
    for (const [key, session] of this.sessions) {
      if (session.expiresAt > now && this.sessions.size < MAX_SESSIONS) break;
      this.sessions.delete(key);
    }
    this.sessions.set(id, record);
  }

  removeSession(id: string): void {
    this.sessions.delete(id);
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  private append(change: { t: TableName; k: string; v?: unknown }): void {
    this.journal.append(change);
    if (this.journal.size > COMPACT_AT && !this.compactionDue) {
      this.compactionDue = true;
      setImmediate(() => {
        this.compactionDue = false;
        this.compact();
      });
    }
  }

  private load(): Tables {
    const tables = emptyTables();
    const snapshot = this.journal.readSnapshot<Partial<Tables>>('refresh-token and session state');
    for (const name of TABLES) {
      Object.assign(tables[name], snapshot?.[name] ?? {});
    }
    for (const change of this.journal.readChanges<{ t?: TableName; k?: string; v?: unknown }>()) {
      if (change?.t && TABLES.includes(change.t) && typeof change.k === 'string') {
        const table = tables[change.t] as Record<string, unknown>;
        if (change.v === undefined) delete table[change.k];
        else table[change.k] = change.v;
      }
    }
    return tables;
  }

  /** Drops what has expired, writes the snapshot, empties the journal. */
  private compact(): void {
    const now = this.now();
    const { refresh, accessTokens, families, oauthGrants } = this.tables;
    for (const [key, record] of Object.entries(refresh)) {
      if (record.sessionEndsAt <= now) delete refresh[key];
    }
    for (const [key, record] of Object.entries(accessTokens)) {
      if (record.expiresAt !== undefined && record.expiresAt <= now) delete accessTokens[key];
    }
    const used = new Set([...Object.values(refresh), ...Object.values(accessTokens)].map((record) => record.family));
    for (const key of Object.keys(families)) {
      if (!used.has(key)) delete families[key];
    }
    for (const key of Object.keys(oauthGrants)) {
      if (!families[key]) delete oauthGrants[key];
    }
    this.journal.compact(this.tables);
  }
}
