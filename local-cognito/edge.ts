/**
 * The HTTP edge: reads the request (bounded), routes plain paths and JSON operations through the
 * registry, and shapes every answer and error as Cognito's JSON protocol does. Families never touch
 * the raw request or response.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoError } from './errors';
import { parseJsonObject } from './json';
import type { PlainResponse, Registry, RequestInfo } from './registry';

const MAX_BODY = 1024 * 1024;
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** `registry()` is undefined while cognito-local is starting: requests then get a 503. */
export function createEdge(registry: () => Registry | undefined, endpoint: () => string, stats: () => Record<string, number> | undefined): RequestListener {
  return (request, response) => {
    void handle(request, response);
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const routes = registry();
      const counts = stats();
      if (!routes || !counts) {
        throw new CognitoError('ServiceUnavailableException', 'The local user pool is starting.', 503);
      }
      const method = request.method ?? 'GET';
      const url = new URL(request.url ?? '/', endpoint());
      const info: RequestInfo = { requestId: randomUUID(), origin: originOf(request, endpoint()), headers: request.headers };
      const pathHandler = routes.findPath(method, url.pathname);
      if (method === 'GET' && pathHandler) {
        sendPlain(response, await pathHandler({ ...info, method, url, body: Buffer.alloc(0) }));
        return;
      }
      const raw = await readBody(request);
      if (pathHandler) {
        sendPlain(response, await pathHandler({ ...info, method, url, body: raw }));
        return;
      }
      const body = parseJsonObject(raw);
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
      const handler = operation ? routes.findOperation(operation) : undefined;
      if (!handler) {
        throw new CognitoError('UnknownOperationException', `Missing or unknown X-Amz-Target header: "${target}"`);
      }
      counts[operation] = (counts[operation] ?? 0) + 1;
      send(response, 200, await handler(body, info));
    } catch (error) {
      const cognito = toCognitoError(error);
      response.setHeader('x-amzn-errortype', cognito.type);
      send(response, cognito.status, { __type: cognito.type, message: cognito.message });
    }
  }
}

/** The address the client used (Host header), so issuer URLs match what it asked; else the configured one. */
function originOf(request: IncomingMessage, endpoint: string): string {
  const host = request.headers.host;
  return host && /^[\w.-]+(:\d+)?$|^\[[\d:a-f.]+\](:\d+)?$/i.test(host) ? `http://${host}` : endpoint;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
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
    request.on('end', () => resolve(Buffer.concat(chunks)));
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

function sendPlain(response: ServerResponse, answer: PlainResponse): void {
  if (typeof answer.body === 'string' || Buffer.isBuffer(answer.body)) {
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
    return;
  }
  response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
}
