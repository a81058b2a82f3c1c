import { CognitoError, invalidParameter, resourceNotFound } from '../errors';
import { str } from '../json';

export interface ResourceServer {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes: Array<{ ScopeName: string; ScopeDescription: string }>;
}

type Body = Record<string, unknown>;

/** Where resource servers live (the layer's state), keyed by pool and identifier. */
export interface ResourceServerStore {
  all(): Readonly<Record<string, ResourceServer>>;
  put(key: string, server: ResourceServer): void;
  remove(key: string): void;
  /** Throws ResourceNotFoundException for a pool that does not exist. */
  requirePool(userPoolId: string): void;
}

const key = (userPoolId: string, identifier: string): string => `${userPoolId} ${identifier}`;

/**
 * CreateResourceServer, DescribeResourceServer, ListResourceServers, UpdateResourceServer and
 * DeleteResourceServer (cognito-local has none): custom scopes used as `identifier/scope`.
 */
export class ResourceServers {
  constructor(private readonly store: ResourceServerStore) {}

  /** True when `scope` is `identifier/name` of a resource server of this pool. */
  scopeExists(userPoolId: string, scope: string): boolean {
    const cut = scope.lastIndexOf('/');
    if (cut <= 0) {
      return false;
    }
    const server = this.store.all()[key(userPoolId, scope.slice(0, cut))];
    return server?.Scopes.some((s) => s.ScopeName === scope.slice(cut + 1)) ?? false;
  }

  handle(operation: string, body: Body): Body {
    const userPoolId = str(body.UserPoolId);
    this.store.requirePool(userPoolId);
    const servers = this.store.all();
    switch (operation) {
      case 'CreateResourceServer': {
        const server = parseServer(userPoolId, body);
        if (servers[key(userPoolId, server.Identifier)]) {
          throw invalidParameter(`${server.Identifier} already exists in this user pool.`);
        }
        this.store.put(key(userPoolId, server.Identifier), server);
        return { ResourceServer: server };
      }
      case 'UpdateResourceServer': {
        const server = parseServer(userPoolId, body);
        this.find(userPoolId, server.Identifier);
        this.store.put(key(userPoolId, server.Identifier), server);
        return { ResourceServer: server };
      }
      case 'DescribeResourceServer':
        return { ResourceServer: this.find(userPoolId, str(body.Identifier)) };
      case 'DeleteResourceServer':
        this.find(userPoolId, str(body.Identifier));
        this.store.remove(key(userPoolId, str(body.Identifier)));
        return {};
      case 'ListResourceServers': {
        const max = body.MaxResults === undefined ? 50 : Number(body.MaxResults);
        if (!Number.isInteger(max) || max < 1 || max > 50) {
          throw invalidParameter('MaxResults must be from 1 to 50.');
        }
        const list = Object.values(servers).filter((s) => s.UserPoolId === userPoolId).sort((a, b) => a.Identifier.localeCompare(b.Identifier));
        const start = body.NextToken === undefined ? 0 : Number(body.NextToken);
        if (!Number.isInteger(start) || start < 0) {
          throw invalidParameter('Invalid NextToken.');
        }
        const page = list.slice(start, start + max);
        return start + max < list.length ? { ResourceServers: page, NextToken: String(start + max) } : { ResourceServers: page };
      }
      default:
        throw new CognitoError('UnknownOperationException', operation);
    }
  }

  private find(userPoolId: string, identifier: string): ResourceServer {
    const server = this.store.all()[key(userPoolId, identifier)];
    if (!server) {
      throw resourceNotFound(`Resource server ${identifier} does not exist.`);
    }
    return server;
  }
}

export const RESOURCE_SERVER_OPERATIONS = ['CreateResourceServer', 'UpdateResourceServer', 'DescribeResourceServer', 'DeleteResourceServer', 'ListResourceServers'];

function parseServer(userPoolId: string, body: Body): ResourceServer {
  const identifier = str(body.Identifier);
  const name = str(body.Name);
  if (!/^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/.test(identifier)) {
    throw invalidParameter('1 validation error detected: Value at \'identifier\' failed to satisfy constraint: Member must have length between 1 and 256 and contain no spaces, quotes or backslashes');
  }
  if (!/^[\w\s+=,.@-]{1,256}$/.test(name)) {
    throw invalidParameter('1 validation error detected: Value at \'name\' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+');
  }
  const scopes = body.Scopes === undefined ? [] : body.Scopes;
  if (!Array.isArray(scopes) || scopes.length > 100) {
    throw invalidParameter('Scopes must be a list of at most 100 scopes.');
  }
  const parsed = scopes.map((scope: unknown) => {
    const entry = (typeof scope === 'object' && scope !== null ? scope : {}) as Body;
    const scopeName = str(entry.ScopeName);
    if (!/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/.test(scopeName)) {
      throw invalidParameter(`Invalid ScopeName "${scopeName}": 1 to 256 characters without spaces, quotes, slashes or backslashes.`);
    }
    return { ScopeName: scopeName, ScopeDescription: str(entry.ScopeDescription) };
  });
  if (new Set(parsed.map((s) => s.ScopeName)).size !== parsed.length) {
    throw invalidParameter('Scope names must be unique within a resource server.');
  }
  return { UserPoolId: userPoolId, Identifier: identifier, Name: name, Scopes: parsed };
}
