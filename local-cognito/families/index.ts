import type { LayerContext } from '../context';
import { registerManagedLogin } from '../oauth/family';
import type { Registry } from '../registry';
import { registerUserAuth } from '../userAuth';
import { registerAttributes } from './attributes';
import { registerClientSecrets } from './clientSecrets';
import { registerAppClients } from './appClients';
import { registerCodes } from './codes';
import { registerDiscovery } from './discovery';
import { registerLocalControl } from './localControl';
import { registerRefresh } from './refresh';
import { registerSignIn } from './signIn';
import { registerSignOut } from './signOut';
import { registerSrp } from './srp';
import { registerTokenExchange } from './tokenExchange';
import { registerUserPools } from './userPools';

/**
 * The API families of the local pool. Each registers its JSON operations, auth flows, challenges and
 * plain HTTP paths; a new family is one file and one line here.
 */
export const FAMILIES: Array<(registry: Registry, ctx: LayerContext) => void> = [
  registerAppClients,
  registerSignIn,
  registerSrp,
  registerRefresh,
  registerSignOut,
  registerCodes,
  registerLocalControl,
  registerManagedLogin,
  registerUserAuth,
  registerDiscovery,
  registerUserPools,
  registerAttributes,
  registerClientSecrets,
  registerTokenExchange,
];

