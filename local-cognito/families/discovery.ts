/**
 * What clients GET: OpenID discovery (built here: the issuer and URLs are the address the client used)
 * and the JWKS: the data folder's own key (`signing.ts`), never cognito-local's published one.
 */
import type { LayerContext } from '../context';
import { managedLoginDiscovery } from '../oauth/endpoints';
import type { Registry } from '../registry';

export function registerDiscovery(registry: Registry, ctx: LayerContext): void {
  registry.path('GET', /^\/[\w-]+\/\.well-known\/openid-configuration$/, (request) => {
    const poolId = request.url.pathname.split('/')[1];
    if (!ctx.upstream.poolExists(poolId)) {
      return { status: 404, body: { __type: 'ResourceNotFoundException', message: `User pool ${poolId} does not exist.` } };
    }
    const issuer = `${request.origin}/${poolId}`;
    // The managed-login endpoints live on the pool's domain on AWS; here, on the pool's own address.
    const domain = request.origin;
    return {
      status: 200,
      body: {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        authorization_endpoint: `${domain}/oauth2/authorize`,
        token_endpoint: `${domain}/oauth2/token`,
        userinfo_endpoint: `${domain}/oauth2/userInfo`,
        revocation_endpoint: `${domain}/oauth2/revoke`,
        end_session_endpoint: `${domain}/logout`,
        response_types_supported: ['code', 'token'],
        scopes_supported: ['openid', 'email', 'phone', 'profile'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        ...managedLoginDiscovery(),
      },
    };
  });
  registry.path('GET', /^\/[\w-]+\/\.well-known\/jwks\.json$/, (request) => {
    const poolId = request.url.pathname.split('/')[1];
    if (!ctx.upstream.poolExists(poolId)) {
      return { status: 404, body: { __type: 'ResourceNotFoundException', message: `User pool ${poolId} does not exist.` } };
    }
    return { status: 200, body: ctx.signer.jwks() };
  });
  registry.otherGets((request) => {
    if (request.url.pathname === '/health') {
      return { status: 200, body: { ok: true } };
    }
    return { status: 404, body: { __type: 'ResourceNotFoundException', message: `Nothing is served at ${request.url.pathname}.` } };
  });
}
