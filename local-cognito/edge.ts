/**
 * The HTTP edge: reads the request (bounded), routes plain paths and JSON operations through the
 * registry, and shapes every answer and error as Cognito's JSON protocol does. Families never touch
 * the raw request or response.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PoolAccess } from './access';
import { CognitoError } from './errors';
import { parseJsonObject } from './json';
import type { PlainResponse, Registry, RequestInfo } from './registry';

const MAX_BODY = 1024 * 1024;
/** Past this much, a too-large body is no longer drained to answer 413: the connection is dropped. */
const MAX_DRAIN = 64 * 1024 * 1024;
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
/** What the AWS SDKs and Amplify send from a browser, allowed when a preflight does not list its own. */
const ALLOWED_HEADERS = 'content-type, x-amz-target, x-amz-user-agent, x-amz-date, x-amz-security-token, authorization, amz-sdk-invocation-id, amz-sdk-request, cache-control';
/** What a browser app may read: the SDK takes the request id and error type from these. */
const EXPOSED_HEADERS = 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date';

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** `registry()` is undefined while cognito-local is starting: requests then get a 503. */
export function createEdge(registry: () => Registry | undefined, endpoint: () => string, stats: () => Record<string, number> | undefined, access: PoolAccess): RequestListener {
  return (request, response) => {
    void handle(request, response);
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    // Every answer, errors and preflights included, carries the request id and the CORS headers: a
    // browser app reads neither the body nor the error of a response without them.
    response.setHeader('x-amzn-requestid', requestId);
    response.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    response.setHeader('vary', 'Origin');
    try {
      // Before anything runs: another site's page (or a rebound DNS name) gets a refusal it cannot read.
      const origin = request.headers.origin;
      if (!access.hostAllowed(request.headers.host)) {
        throw new CognitoError('ForbiddenException', 'The local user pool answers only requests addressed to localhost, 127.0.0.1 or [::1] (or to a host given with --allow-origin).', 403);
      }
      if (origin !== undefined && !access.originAllowed(origin, request.headers['sec-fetch-site'])) {
        throw new CognitoError('ForbiddenException', 'The local user pool answers browser pages on localhost, 127.0.0.1 or [::1] only; start it with --allow-origin <origin> to allow another.', 403);
      }
      // A same-origin request needs no grant: `null` is never granted to anyone.
      if (origin !== 'null') response.setHeader('access-control-allow-origin', origin ?? '*');
      if (request.method === 'OPTIONS') {
        answerPreflight(request, response);
        return;
      }
      const routes = registry();
      const counts = stats();
      if (!routes || !counts) {
        throw new CognitoError('ServiceUnavailableException', 'The local user pool is starting.', 503);
      }
      const method = request.method ?? 'GET';
      const url = new URL(request.url ?? '/', endpoint());
      const info: RequestInfo = { requestId, origin: originOf(request, endpoint()), headers: request.headers };
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
      if (response.headersSent) {
        response.destroy();
        return;
      }
      response.setHeader('x-amzn-errortype', cognito.type);
      if (cognito.status === 413) {
        response.setHeader('connection', 'close');
      }
      send(response, cognito.status, { __type: cognito.type, message: cognito.message });
    }
  }
}

/**
 * The address the client used, so issuer URLs match what it asked (`localhost` or `127.0.0.1`). Only
 * loopback names count: a Host header is the client's to set, and the pool never listens elsewhere.
 */
function originOf(request: IncomingMessage, endpoint: string): string {
  const host = request.headers.host ?? '';
  const port = new URL(endpoint).port;
  return /^(localhost|127\.0\.0\.1|\[::1\])$/i.test(host.replace(/:\d+$/, '')) && host.endsWith(`:${port}`) ? `http://${host.toLowerCase()}` : endpoint;
}

function answerPreflight(request: IncomingMessage, response: ServerResponse): void {
  const asked = request.headers['access-control-request-headers'];
  // Echo what the browser asks for (header names only), so new SDK headers never break preflights.
  const headers = typeof asked === 'string' && /^[\w\-, ]{1,2000}$/.test(asked) ? asked : ALLOWED_HEADERS;
  response.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': headers,
    'access-control-max-age': '86400',
    'content-length': '0',
  });
  response.end();
}

/**
 * The body, up to MAX_BODY. A larger one is read to its end and discarded, so the client gets a 413
 * answer instead of a reset connection (a client still sending cannot read an early answer).
 */
function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN) {
        request.destroy();
      } else if (size <= MAX_BODY) {
        chunks.push(chunk);
      }
    });
    request.on('end', () => {
      if (size > MAX_BODY) {
        reject(new CognitoError('SerializationException', `Request body too large: ${size} bytes (at most ${MAX_BODY}).`, 413));
      } else {
        resolve(Buffer.concat(chunks));
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

function sendPlain(response: ServerResponse, answer: PlainResponse): void {
  if (typeof answer.body === 'string' || Buffer.isBuffer(answer.body)) {
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
    return;
  }
  response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
}
