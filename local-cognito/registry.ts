import type { IncomingHttpHeaders } from 'node:http';
import type { UpstreamClient } from './upstream';
import type { SessionRecord } from './state';

export type Body = Record<string, unknown>;

/** Where a request came from, for answers that must name the address the client used (issuer, CORS). */
export interface RequestInfo {
  requestId: string;
  /** `http://host:port` as the client addressed the pool (its Host header), else the configured endpoint. */
  origin: string;
  headers: IncomingHttpHeaders;
}

/** A JSON operation (`X-Amz-Target: AWSCognitoIdentityProviderService.<name>`). */
export type OperationHandler = (body: Body, request: RequestInfo) => Promise<Body> | Body;

/** A plain HTTP path (`/_local/clock`, `/{pool}/.well-known/jwks.json`, later `/oauth2/token`). */
export interface PlainRequest extends RequestInfo {
  method: string;
  url: URL;
  /** The raw body, already bounded by the edge's size limit. */
  body: Buffer;
}
export interface PlainResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON. */
  body?: unknown;
}
export type PathHandler = (request: PlainRequest) => Promise<PlainResponse> | PlainResponse;

/** One AuthFlow of InitiateAuth / AdminInitiateAuth, after the client and the pool were checked. */
export interface AuthFlowRequest {
  flow: string;
  admin: boolean;
  body: Body;
  client: UpstreamClient;
  params: Record<string, string>;
  request: RequestInfo;
}
export type AuthFlowHandler = (auth: AuthFlowRequest) => Promise<Body>;

/** One ChallengeName of RespondToAuthChallenge, after the Session was checked and used up. */
export interface ChallengeRequest {
  challenge: string;
  body: Body;
  client: UpstreamClient;
  session: SessionRecord;
  responses: Record<string, string>;
  request: RequestInfo;
}
export type ChallengeHandler = (challenge: ChallengeRequest) => Promise<Body>;

interface PathRoute {
  method: string;
  match: string | RegExp;
  handler: PathHandler;
}

/**
 * What each API family answers. Families register here (see `families/index.ts`); the HTTP edge and
 * the sign-in family only look things up, so a new family (the OAuth front) adds its operations,
 * auth flows, challenges and paths without editing them.
 */
export class Registry {
  private readonly operations = new Map<string, OperationHandler>();
  private readonly flows = new Map<string, AuthFlowHandler>();
  private readonly challenges = new Map<string, ChallengeHandler>();
  private readonly paths: PathRoute[] = [];
  private fallbackOperation?: (operation: string, body: Body, request: RequestInfo) => Promise<Body>;
  private fallbackPath?: PathHandler;

  operation(name: string, handler: OperationHandler): void {
    claim(this.operations, name, handler, 'operation');
  }

  authFlow(name: string, handler: AuthFlowHandler): void {
    claim(this.flows, name, handler, 'auth flow');
  }

  challenge(name: string, handler: ChallengeHandler): void {
    claim(this.challenges, name, handler, 'challenge');
  }

  /** `match`: an exact pathname, or a RegExp tested against the pathname. Exact paths win over patterns. */
  path(method: string, match: string | RegExp, handler: PathHandler): void {
    if (this.paths.some((route) => route.method === method && String(route.match) === String(match))) {
      throw new Error(`${method} ${String(match)} is registered twice`);
    }
    this.paths.push({ method, match, handler });
  }

  /** What an operation no family claims does (forward it to cognito-local). */
  otherOperations(handler: (operation: string, body: Body, request: RequestInfo) => Promise<Body>): void {
    this.fallbackOperation = handler;
  }

  /** What a GET no family claims does. */
  otherGets(handler: PathHandler): void {
    this.fallbackPath = handler;
  }

  flowNames(): string[] {
    return [...this.flows.keys()];
  }

  findOperation(name: string): OperationHandler | undefined {
    const fallback = this.fallbackOperation;
    return this.operations.get(name) ?? (fallback && ((body, request) => fallback(name, body, request)));
  }

  findFlow(name: string): AuthFlowHandler | undefined {
    return this.flows.get(name);
  }

  findChallenge(name: string): ChallengeHandler | undefined {
    return this.challenges.get(name);
  }

  findPath(method: string, pathname: string): PathHandler | undefined {
    const routes = this.paths.filter((route) => route.method === method);
    const exact = routes.find((route) => route.match === pathname);
    const pattern = routes.find((route) => route.match instanceof RegExp && route.match.test(pathname));
    return (exact ?? pattern)?.handler ?? (method === 'GET' ? this.fallbackPath : undefined);
  }

  /** Runs an operation as if it came over HTTP (the seed uses it). */
  async invoke(operation: string, body: Body, request: RequestInfo): Promise<Body> {
    const handler = this.findOperation(operation);
    if (!handler) {
      throw new Error(`no handler for ${operation}`);
    }
    return handler(body, request);
  }
}

function claim<T>(map: Map<string, T>, name: string, handler: T, what: string): void {
  if (map.has(name)) {
    throw new Error(`${what} ${name} is registered twice`);
  }
  map.set(name, handler);
}
