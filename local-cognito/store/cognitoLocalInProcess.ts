import { CognitoError } from '../errors';
import type { PoolStore, StoreRoot } from './poolStore';

/** One of cognito-local's operations, called in process: the answer as its server would have sent it. */
export type CognitoLocalRoute = (operation: string, body: Record<string, unknown>) => Promise<unknown>;

type Constructor<T = unknown> = new (...args: never[]) => T;
type Target = (ctx: unknown, body: unknown) => Promise<unknown>;

/** One of cognito-local's modules, loaded on first use (never at start), typed by what is used here. */
function cognitoLocal<T>(path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load of an external package
  return require(`cognito-local/lib/${path}`) as T;
}

/**
 * cognito-local's own operation handlers (its `Router`), wired as its `createDefaultServer` wires them
 * but on the pool's store and without its HTTP server, its console output and its Lambda and KMS
 * clients (the pool configures no triggers). Loaded on the first operation the layer does not answer.
 */
export async function cognitoLocalRouter(store: PoolStore, issuerDomain: string): Promise<CognitoLocalRoute> {
  const { CognitoServiceImpl, USER_POOL_AWS_DEFAULTS } = cognitoLocal<{ CognitoServiceImpl: Constructor<object>; USER_POOL_AWS_DEFAULTS: object }>('services/cognitoService');
  type UserPools = { create(ctx: unknown, clients: unknown, options: object): Promise<{ options: { Id: string } }> };
  const { UserPoolServiceFactoryImpl } = cognitoLocal<{ UserPoolServiceFactoryImpl: new (clock: unknown, factory: StoreFactory) => UserPools }>('services/userPoolService');
  const { TriggersService } = cognitoLocal<{ TriggersService: new (clock: unknown, cognito: unknown, lambda: unknown, crypto: unknown) => unknown }>('services/triggers/triggers');
  const { MessagesService } = cognitoLocal<{ MessagesService: new (triggers: unknown, delivery: unknown) => unknown }>('services/messages');
  const { MessageDeliveryService } = cognitoLocal<{ MessageDeliveryService: new (sender: unknown) => unknown }>('services/messageDelivery/messageDelivery');
  const { JwtTokenGenerator } = cognitoLocal<{ JwtTokenGenerator: new (clock: unknown, triggers: unknown, config: unknown) => unknown }>('services/tokenGenerator');
  const { DateClock } = cognitoLocal<{ DateClock: new () => unknown }>('services/clock');
  const { otp } = cognitoLocal<{ otp: unknown }>('services/otp');
  const { Router } = cognitoLocal<{ Router: (services: unknown) => (operation: string) => Target }>('server/Router');
  const errors = cognitoLocal<{ UnsupportedError: Constructor<Error>; CognitoError: Constructor<Error & { code: string }> }>('errors');

  const ctx = { logger: SILENT };
  const factory = new StoreFactory(store);
  // Usernames are free-form as on AWS (cognito-local's default insists on email addresses); the issuer
  // is the layer's address (the layer signs every token it hands out anyway).
  const userPoolDefaults = { UsernameAttributes: [] };
  const config = { TriggerFunctions: {}, UserPoolDefaults: userPoolDefaults, TokenConfig: { IssuerDomain: issuerDomain } };
  const clock = new DateClock();
  const userPools = new UserPoolServiceFactoryImpl(clock, factory);
  const clients = await factory.create(ctx, 'clients', { Clients: {} });

  /** cognito-local's service, with its pool list kept by the store instead of a folder of files. */
  class HeldCognitoService extends (CognitoServiceImpl as new (...args: unknown[]) => { userPools?: Array<{ options: { Id: string } }> }) {
    async init(context: unknown): Promise<void> {
      this.userPools = await Promise.all(store.poolIds().map((Id) => userPools.create(context, clients, { ...USER_POOL_AWS_DEFAULTS, ...userPoolDefaults, Id })));
    }

    deleteUserPool(_context: unknown, userPool: { Id: string }): Promise<void> {
      store.drop(userPool.Id);
      this.userPools = this.userPools?.filter((pool) => pool.options.Id !== userPool.Id);
      return Promise.resolve();
    }
  }
  const cognito = new HeldCognitoService('', clients, userPoolDefaults, userPools);
  await cognito.init(ctx);
  const noLambda = { enabled: () => false };
  const triggers = new TriggersService(clock, cognito, noLambda, {});
  const quietSender = { sendEmail: () => Promise.resolve(), sendSms: () => Promise.resolve() };
  const router = Router({
    clock,
    cognito,
    config,
    messages: new MessagesService(triggers, new MessageDeliveryService(quietSender)),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  });

  return async (operation, body) => {
    let output: unknown;
    try {
      output = await router(operation)(ctx, body);
    } catch (error) {
      // As cognito-local's server answered: its Cognito errors as they are, the rest as internal errors.
      if (error instanceof CognitoError) {
        throw error; // The store's own refusal.
      }
      if (error instanceof errors.UnsupportedError) {
        throw new CognitoError('Unsupported', `Cognito Local unsupported feature: ${error.message}`, 500);
      }
      if (error instanceof errors.CognitoError) {
        throw new CognitoError(error.code.split('#').pop() ?? 'InternalErrorException', error.message, 400);
      }
      throw new CognitoError('InternalErrorException', `cognito-local failed: ${error instanceof Error ? error.message : String(error)}`, 500);
    }
    // Its server's JSON: dates as epoch seconds.
    return JSON.parse(JSON.stringify(output ?? {}, epochSeconds)) as unknown;
  };
}

function epochSeconds(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? Math.floor(raw.getTime() / 1000) : value;
}

/** cognito-local's `DataStoreFactory` over the pool's store: a store per pool id, plus `clients`. */
class StoreFactory {
  constructor(private readonly store: PoolStore) {}

  create(_ctx: unknown, id: string, defaults: StoreRoot): Promise<StoreView> {
    this.store.ensure(id, defaults);
    return Promise.resolve(new StoreView(this.store, id));
  }
}

/**
 * cognito-local's `DataStore` (get, set, delete by key path). Values are copied in and out, as its file
 * store did by serialising: cognito-local may change an object it read without saving it.
 */
class StoreView {
  constructor(
    private readonly store: PoolStore,
    private readonly id: string,
  ) {}

  getRoot(): Promise<unknown> {
    return Promise.resolve(structuredClone(this.store.root(this.id) ?? null));
  }

  get(_ctx: unknown, key: string | string[], defaultValue?: unknown): Promise<unknown> {
    const value = this.store.get(this.id, Array.isArray(key) ? key : [key]);
    return Promise.resolve(value === undefined || value === null ? (defaultValue ?? null) : structuredClone(value));
  }

  set(_ctx: unknown, key: string | string[], value: unknown): Promise<void> {
    this.store.set(this.id, Array.isArray(key) ? key : [key], value);
    return Promise.resolve();
  }

  delete(_ctx: unknown, key: string | string[]): Promise<void> {
    this.store.delete(this.id, Array.isArray(key) ? key : [key]);
    return Promise.resolve();
  }
}

/** cognito-local logs through pino; in process, the pool's own output is the only one. */
const SILENT = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => SILENT,
};
