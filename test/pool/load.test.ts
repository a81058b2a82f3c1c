import { GetTokensFromRefreshTokenCommand, InitiateAuthCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { makeClient, makePool, makeUser, rejectsWith, sdk, signIn, srpSignIn, type Fixture } from './poolHelpers';

/** Bytes this process has written (files and sockets), from /proc; undefined where there is no /proc. */
function bytesWritten(): number | undefined {
  if (!existsSync('/proc/self/io')) return undefined;
  const match = /^wchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
  return match ? Number(match[1]) : undefined;
}

/** The size of the layer's own files (not cognito-local's). */
function layerStateBytes(dataDir: string): number {
  return readdirSync(dataDir)
    .filter((name) => name.startsWith('local-pool-layer'))
    .reduce((sum, name) => sum + statSync(join(dataDir, name)).size, 0);
}

async function settle<T>(promises: Array<Promise<T>>): Promise<{ ok: T[]; failed: unknown[] }> {
  const results = await Promise.allSettled(promises);
  return {
    ok: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    failed: results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : [])),
  };
}

function describeFailures(failed: unknown[]): string {
  const names = failed.map((e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)));
  return [...new Set(names)].slice(0, 5).join('; ');
}

describe('local user pool: under load and bad input (loopback, bounded)', function () {
  this.timeout(120_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let dataDir: string;
  let poolId: string;
  let app: Fixture;
  let strict: Fixture;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pool-load-test-'));
    pool = await startPool({ dataDir });
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    app = await makeClient(client, poolId);
    strict = await makeClient(client, poolId, { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } });
    for (let i = 0; i < 10; i++) {
      await makeUser(client, poolId, `load${i}`);
    }
  });
  after(async () => {
    await pool.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets exactly one of 200 concurrent refreshes with one token win on a grace-0 rotating client', async () => {
    const tokens = await signIn(client, strict, 'load0');
    const { ok, failed } = await settle(
      Array.from({ length: 200 }, () => client.send(new GetTokensFromRefreshTokenCommand({ ClientId: strict.clientId, RefreshToken: tokens.RefreshToken }))),
    );
    assert.equal(ok.length, 1, `winners: ${ok.length}`);
    assert.ok(failed.every((e) => e instanceof Error && e.name === 'RefreshTokenReuseException'), describeFailures(failed));
    // The winner's new token works.
    const next = ok[0].AuthenticationResult?.RefreshToken;
    assert.ok((await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: strict.clientId, RefreshToken: next }))).AuthenticationResult?.AccessToken);
  });

  it('signs in 200 concurrent SRP users without a failure while cognito-local writes its data', async () => {
    const started = Date.now();
    const { ok, failed } = await settle(Array.from({ length: 200 }, (_, i) => srpSignIn(client, app, `load${i % 10}`)));
    console.log(`      200 concurrent SRP sign-ins: ${failed.length} failed, ${Date.now() - started} ms`);
    assert.equal(failed.length, 0, describeFailures(failed));
    assert.ok(ok.every((r) => r.AuthenticationResult?.AccessToken));
  });

  it('stores nothing for oversized input, and sign-ins stay healthy after it', async () => {
    const before = layerStateBytes(dataDir);
    const huge = 'a'.repeat(900 * 1024);
    for (let i = 0; i < 30; i++) {
      await rejectsWith(client.send(new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'load1', SRP_A: huge } })), 'InvalidParameterException');
    }
    await rejectsWith(client.send(new InitiateAuthCommand({ ClientId: app.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'x'.repeat(200_000), SRP_A: 'ab' } })), 'InvalidParameterException');
    assert.ok(layerStateBytes(dataDir) - before < 4096, `state grew by ${layerStateBytes(dataDir) - before} bytes`);
    const started = Date.now();
    const { failed } = await settle(Array.from({ length: 200 }, (_, i) => signIn(client, app, `load${i % 10}`)));
    console.log(`      200 concurrent sign-ins after oversized input: ${failed.length} failed, ${Date.now() - started} ms`);
    assert.equal(failed.length, 0, describeFailures(failed));
  });

  it('writes in proportion to the change: a sign-in does not rewrite everything stored before it', async function () {
    if (bytesWritten() === undefined) {
      console.log('      (skipped: needs /proc/self/io to count written bytes)');
      this.skip();
    }
    // Plenty stored already (the tests above signed in 400 times); add some more refresh families.
    for (let i = 0; i < 50; i++) await signIn(client, app, `load${i % 10}`);
    const stored = layerStateBytes(dataDir);
    const start = bytesWritten() ?? 0;
    for (let i = 0; i < 10; i++) await signIn(client, app, `load${i}`);
    const perSignIn = ((bytesWritten() ?? 0) - start) / 10;
    console.log(`      layer state ${stored} bytes; ${Math.round(perSignIn)} bytes written per sign-in (requests and state)`);
    assert.ok(perSignIn < 64 * 1024, `${Math.round(perSignIn)} bytes written per sign-in with ${stored} bytes stored`);
  });
});
