import { AuthorizationCodes } from './authorizationCodes';
import { AuthorizeEndpoint } from './authorize';
import { errorPage, logoutEndpoint, revokeEndpoint, userInfoEndpoint } from './endpoints';
import type { OAuthHost, PlainRequest, PlainResponse } from './host';
import { TokenEndpoint } from './tokenEndpoint';

export interface ManagedLoginRoute {
  method: 'GET' | 'POST';
  path: string;
  handler: (request: PlainRequest) => PlainResponse | Promise<PlainResponse>;
}

/**
 * Managed login on the pool's own port, as Cognito serves it on a pool's domain. The paths are the
 * domain's (no pool in them): the app client named in each request says which pool is meant.
 */
export function managedLoginRoutes(host: OAuthHost): ManagedLoginRoute[] {
  const codes = new AuthorizationCodes(host.clock);
  const authorize = new AuthorizeEndpoint(host, codes);
  const token = new TokenEndpoint(host, codes);
  return [
    { method: 'GET', path: '/oauth2/authorize', handler: (r) => authorize.get(r) },
    { method: 'POST', path: '/oauth2/authorize', handler: (r) => authorize.post(r) },
    { method: 'POST', path: '/oauth2/token', handler: (r) => token.post(r) },
    { method: 'POST', path: '/oauth2/revoke', handler: (r) => revokeEndpoint(host, r) },
    { method: 'GET', path: '/oauth2/userInfo', handler: (r) => userInfoEndpoint(host, r) },
    { method: 'POST', path: '/oauth2/userInfo', handler: (r) => userInfoEndpoint(host, r) },
    { method: 'GET', path: '/logout', handler: (r) => logoutEndpoint(host, r) },
    { method: 'GET', path: '/error', handler: (r) => errorPage(r) },
  ];
}
