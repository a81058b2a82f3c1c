import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OffsetClock } from './clock';
import { CognitoError } from './errors';
import { RotationLayer } from './layer';
import { applySeed, type SeedFile, type SeedResult } from './seed';
import { LayerState } from './state';
import { Upstream } from './upstream';

const MAX_BODY = 1024 * 1024;

export interface LocalPoolOptions {
  /** 0 picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Where cognito-local's data and the layer's state live; a temporary folder (removed on stop) if absent. */
  dataDir?: string;
  seed?: SeedFile;
}

export interface LocalPool {
  readonly endpoint: string;
  readonly clock: OffsetClock;
  readonly seeded?: SeedResult;
  stop(): Promise<void>;
}

/** Starts cognito-local behind the rotation layer. Used by the CLI, the test suites and `npm start`. */
export async function startLocalPool(options: LocalPoolOptions = {}): Promise<LocalPool> {
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'local-cognito-'));
  const clock = new OffsetClock();
  /** Requests per operation, for tests that check how many calls a client made (GET /_local/stats). */
  const stats: Record<string, number> = {};
  let layer: RotationLayer | undefined;
  let upstream: Upstream | undefined;

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      if (!layer || !upstream) {
        throw new CognitoError('ServiceUnavailableException', 'The local user pool is starting.', 503);
      }
      const url = request.url ?? '/';
      if (request.method === 'GET' && url === '/_local/stats') {
        send(response, 200, stats);
        return;
      }
      if (request.method === 'GET') {
        // JWKS and anything else cognito-local serves over GET (its keys are the pool keys).
        const upstreamResponse = await fetch(`${upstream.url}${url}`);
        response.writeHead(upstreamResponse.status, { 'content-type': upstreamResponse.headers.get('content-type') ?? 'application/json' });
        response.end(Buffer.from(await upstreamResponse.arrayBuffer()));
        return;
      }
      const body = await readJson(request);
      if (url === '/_local/clock') {
        // Tests move the layer's clock instead of sleeping through grace periods and expiry.
        clock.advance(Number((body as { advanceSeconds?: number }).advanceSeconds ?? 0) * 1000);
        send(response, 200, { offsetSeconds: clock.offset / 1000 });
        return;
      }
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('AWSCognitoIdentityProviderService.') ? target.slice('AWSCognitoIdentityProviderService.'.length) : '';
      if (!operation) {
        throw new CognitoError('UnknownOperationException', `Missing or unknown X-Amz-Target header: "${target}"`);
      }
      stats[operation] = (stats[operation] ?? 0) + 1;
      send(response, 200, await layer.handle(operation, body));
    } catch (error) {
      const cognito = toCognitoError(error);
      response.setHeader('x-amzn-errortype', cognito.type);
      send(response, cognito.status, { __type: cognito.type, message: cognito.message });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    upstream = await Upstream.start(dataDir, endpoint);
    layer = new RotationLayer(upstream, new LayerState(join(dataDir, 'local-pool-layer.json')), clock);
  } catch (error) {
    server.close();
    throw error;
  }
  const activeLayer = layer;
  const seeded = options.seed ? await applySeed(options.seed, (operation, body) => activeLayer.handle(operation, body)) : undefined;
  const activeUpstream = upstream;
  return {
    endpoint,
    clock,
    seeded,
    stop: async () => {
      activeUpstream.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (temporary) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new CognitoError('SerializationException', 'Request body too large.', 413));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') {
        resolve({});
        return;
      }
      try {
        const value: unknown = JSON.parse(text);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw new Error('not an object');
        }
        resolve(value as Record<string, unknown>);
      } catch {
        reject(new CognitoError('SerializationException', 'The request body is not a valid JSON object.'));
      }
    });
    request.on('error', reject);
  });
}

function toCognitoError(error: unknown): CognitoError {
  if (error instanceof CognitoError) {
    if (error.type === 'Unsupported' || error.type.endsWith('Unsupported')) {
      return /x-amz-target/i.test(error.message)
        ? new CognitoError('UnknownOperationException', error.message.replace(/^Cognito Local unsupported feature: /, ''))
        : new CognitoError('UnsupportedOperationException', `${error.message.replace(/^Cognito Local unsupported feature: /, '')} (not supported by the local user pool)`);
    }
    return error;
  }
  return new CognitoError('InternalErrorException', error instanceof Error ? error.message : String(error), 500);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(body));
}
