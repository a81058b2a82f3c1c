/**
 * What the third-party client tests share: a local pool seeded with a rotating and a classic app client,
 * the pool's test endpoints (`/_local/stats`, `/_local/codes`), token fingerprints instead of tokens, and
 * failures that name the client and the call. Tokens never reach an assertion message or the output.
 */
import { randomBytes } from 'node:crypto';
import type { LocalPool } from '../../../local-cognito/server';
import { startPool } from '../../fixtures/testPool';
import * as srp from '../../../local-cognito/srpServer';
import { fingerprint } from '../../../src/core/shared/fingerprint';

export const PASSWORD = 'Clients-Passw0rd!';

export interface ClientsPool {
  readonly pool: LocalPool;
  readonly endpoint: string;
  readonly poolId: string;
  /** RefreshTokenRotation ENABLED (grace 10 s), no ALLOW_REFRESH_TOKEN_AUTH: refresh with GetTokensFromRefreshToken. */
  readonly rotating: string;
  /** No rotation, ALLOW_REFRESH_TOKEN_AUTH: refresh with InitiateAuth REFRESH_TOKEN_AUTH. */
  readonly classic: string;
}

/** A pool like the demo seed's (both clients with token revocation on), with these users (password PASSWORD). */
export async function startClientsPool(usernames: string[]): Promise<ClientsPool> {
  const tokenValidity = { AccessTokenValidity: 5, IdTokenValidity: 5, RefreshTokenValidity: 60, TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' } };
  const pool = await startPool({
    seed: {
      userPools: [{
        key: 'clients',
        name: 'third-party-clients',
        clients: [
          { key: 'rotating', ClientName: 'rotating', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'], RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 }, EnableTokenRevocation: true, ...tokenValidity },
          { key: 'classic', ClientName: 'classic', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], EnableTokenRevocation: true, ...tokenValidity },
        ],
        users: usernames.map((username) => ({ username, password: PASSWORD, attributes: { email: `${username}@example.com`, email_verified: 'true' } })),
      }],
    },
  });
  const seeded = pool.seeded?.userPools[0];
  if (!seeded) {
    await pool.stop();
    throw new Error('the clients pool was not seeded');
  }
  return { pool, endpoint: pool.endpoint, poolId: seeded.id, rotating: seeded.clients.rotating.clientId, classic: seeded.clients.classic.clientId };
}

/** Requests per Cognito operation the pool has answered so far (GET /_local/stats). */
export async function stats(endpoint: string): Promise<Record<string, number>> {
  const response = await fetch(`${endpoint}/_local/stats`);
  return (await response.json()) as Record<string, number>;
}

/** How many more times each operation was called than in `before`. */
export function delta(before: Record<string, number>, after: Record<string, number>, operation: string): number {
  return (after[operation] ?? 0) - (before[operation] ?? 0);
}

/**
 * The newest code the pool "sent" this user for `purpose`, as an app's own end-to-end test reads it:
 * GET /_local/codes → {userPoolId, username, latest, codes: [{purpose, code, sentAt}]} (docs/local-user-pool.md, Codes).
 */
export async function latestCode(endpoint: string, userPoolId: string, username: string, purpose: 'sign-up' | 'forgot-password'): Promise<string> {
  const url = `${endpoint}/_local/codes?userPoolId=${encodeURIComponent(userPoolId)}&username=${encodeURIComponent(username)}`;
  const response = await fetch(url);
  let body: { latest?: unknown; codes?: Array<{ purpose?: unknown; code?: unknown }> };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new Error(`GET /_local/codes answered HTTP ${response.status} with no JSON (the pool must serve the codes it sends; issue 8 item 9)`);
  }
  if (!response.ok) {
    throw new Error(`GET /_local/codes answered HTTP ${response.status} ${describeShape(body)} (issue 8 item 9)`);
  }
  const last = Array.isArray(body.codes) ? body.codes[body.codes.length - 1] : undefined;
  if (!last || last.purpose !== purpose || typeof last.code !== 'string' || last.code !== body.latest) {
    throw new Error(`GET /_local/codes has no ${purpose} code as the latest for ${username}: ${describeShape(body)}`);
  }
  return last.code;
}

/** The keys and value types of a JSON answer, never its values. */
function describeShape(body: unknown): string {
  if (Array.isArray(body)) return `an array of ${body.length}`;
  if (typeof body !== 'object' || body === null) return typeof body;
  return `{${Object.entries(body).map(([key, value]) => `${key}: ${Array.isArray(value) ? 'array' : typeof value}`).join(', ')}}`;
}

/** A token as tests may show it: its fingerprint. */
export const fp = (token: string | undefined): string => (token ? fingerprint(token) : '(none)');

/**
 * Runs one call of a third-party client; a failure is rethrown as `<client> <call>: <error name>: <message>`,
 * so the report names who failed doing what. Error messages from the pool and the SDKs carry no tokens.
 */
export async function call<T>(label: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const name = error instanceof Error ? (((error as { code?: string }).code ?? error.name) || 'Error') : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    const wrapped = new Error(`${label}: ${name}: ${message}`);
    (wrapped as Error & { cause?: unknown }).cause = error;
    throw wrapped;
  }
}

/** Asserts that a client call fails with this error; the message names the client, the call and what came back. */
export async function refused(label: string, run: () => Promise<unknown>, names: string[], message?: RegExp): Promise<{ name: string; message: string }> {
  let outcome: { name: string; message: string } | undefined;
  try {
    await run();
  } catch (error) {
    const name = error instanceof Error ? (((error as { code?: string }).code ?? error.name) || 'Error') : 'Error';
    outcome = { name, message: error instanceof Error ? error.message : String(error) };
  }
  if (!outcome) {
    throw new Error(`${label}: succeeded, expected ${names.join(' or ')}`);
  }
  if (!names.includes(outcome.name) || (message && !message.test(outcome.message))) {
    throw new Error(`${label}: expected ${names.join(' or ')}${message ? ` matching ${message}` : ''}, got ${outcome.name}: ${outcome.message}`);
  }
  return outcome;
}

/**
 * Makes the pool's next SRP salts these hex strings, so the salts where a client's big-integer parsing
 * drops leading 00 bytes (1 in 512 when drawn at random) are met every run, not by luck. The pool runs in
 * this process and draws each salt in `srpServerStart`, which takes a fixed salt for tests; the wrapper
 * passes ours. `observed` collects the SALT each challenge really carried (read from fetch responses,
 * which both SDKs use), so a test can prove the forced salt was the one used.
 */
export function forceSalts(salts: string[]): { observed: string[]; restore(): void } {
  const queue = [...salts];
  const observed: string[] = [];
  const srpModule = srp as { srpServerStart: typeof srp.srpServerStart };
  const originalStart = srpModule.srpServerStart;
  srpModule.srpServerStart = (userPoolId, username, password, fixed = {}) => {
    const salt = queue.shift();
    return originalStart(userPoolId, username, password, salt === undefined ? fixed : { ...fixed, salt });
  };
  const originalFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const response = await originalFetch(input, init);
    const target = new Headers(init?.headers).get('x-amz-target') ?? '';
    if (/InitiateAuth$/.test(target) && response.ok) {
      const body = (await response.clone().json().catch(() => ({}))) as { ChallengeParameters?: { SALT?: string } };
      if (body.ChallengeParameters?.SALT) observed.push(body.ChallengeParameters.SALT);
    }
    return response;
  };
  return {
    observed,
    restore: () => {
      srpModule.srpServerStart = originalStart;
      globalThis.fetch = originalFetch;
    },
  };
}

/** Salts of 16 bytes: the leading-zero kinds that differ between "hash the string" and "hash the number", and controls. */
export function saltsWithLeadingZeros(): Array<{ kind: string; salt: string }> {
  const tail = (bytes: number): string => randomBytes(bytes).toString('hex');
  return [
    { kind: '00 then a byte below 0x80', salt: `007f${tail(14)}` },
    { kind: '00 00', salt: `0000${tail(14)}` },
    { kind: '00 01', salt: `0001${tail(14)}` },
    { kind: '00 then a byte from 0x80 (control)', salt: `0080${tail(14)}` },
    { kind: 'no leading zero (control)', salt: `a5${tail(15)}` },
  ];
}

/** The number a hex salt stands for, so a forced salt and the one on the wire compare whatever their padding. */
export const saltNumber = (hex: string): bigint => BigInt(`0x${hex || '0'}`);
