import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PoolAccess } from './access';
import { OffsetClock } from './clock';
import type { LayerContext } from './context';
import { createEdge } from './edge';
import { setNextCode } from './families/codes';
import { createLayer } from './layer';
import type { Registry } from './registry';
import { PoolSigner } from './signing';
import { applySeed, type SeedFile, type SeedResult } from './seed';
import { LayerState } from './state';
import { lockDataFolder } from './store/dataLock';
import { PoolStore } from './store/poolStore';
import { Upstream } from './upstream';

export interface LocalPoolOptions {
  /** 0 picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Where the pool's users, clients and tokens live; a temporary folder (removed on stop) if absent. */
  dataDir?: string;
  seed?: SeedFile;
  /** Lines the pool prints (codes it "sends"); the CLI passes stdout. */
  output?: (line: string) => void;
  /** Browser origins besides loopback ones (`http://my-laptop.lan:3000`) whose pages may call the pool;
   *  their host names are accepted in the Host header too. */
  allowOrigins?: readonly string[];
}

export interface LocalPool {
  readonly endpoint: string;
  readonly clock: OffsetClock;
  readonly seeded?: SeedResult;
  stop(): Promise<void>;
}

/** Starts the local pool, in this process. Used by the CLI, the test suites and `npm start`. */
export async function startLocalPool(options: LocalPoolOptions = {}): Promise<LocalPool> {
  // First: an invalid origin fails the start before any folder or process exists.
  const access = new PoolAccess(options.allowOrigins);
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'local-cognito-'));
  const clock = new OffsetClock();
  let layer: { ctx: LayerContext; registry: Registry } | undefined;
  let endpoint = '';

  // The server listens first: its address is the tokens' issuer.
  const server = createServer(createEdge(() => layer?.registry, () => endpoint, () => layer?.ctx.stats, access));
  // Keep idle connections longer than clients do (AWS endpoints keep them about a minute): a server that
  // closes first races a client reusing the socket, and the client sees ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let unlock = (): void => {};
  try {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataFolder(dataDir);
    // A new data folder's key is made on libuv's threads while this one loads the store and cognito-local's
    // handlers: a cold start costs the longer of the two, not both.
    const signing = PoolSigner.forDataDir(dataDir);
    signing.catch(() => {}); // Awaited below; a store that fails to load must not leave it unhandled.
    const upstream = new Upstream(new PoolStore(dataDir, options.output), endpoint);
    upstream.warm();
    const signer = await signing;
    layer = createLayer(upstream, new LayerState(join(dataDir, 'local-pool-layer.json'), () => clock.now()), clock, signer, options.output);
  } catch (error) {
    unlock();
    server.close();
    throw error;
  }
  const { registry } = layer;
  const seedRequest = { requestId: 'seed', origin: endpoint, headers: {} };
  const { ctx } = layer;
  const seeded = options.seed
    ? await applySeed(options.seed, (operation, body) => registry.invoke(operation, body, seedRequest), (userPoolId, username, code) => setNextCode(ctx, userPoolId, username, code))
    : undefined;
  return {
    endpoint,
    clock,
    seeded,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      unlock();
      if (temporary) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
