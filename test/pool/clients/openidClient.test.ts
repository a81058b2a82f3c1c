// openid-client 6 and jose against the local pool: OIDC discovery at {endpoint}/{poolId}, then the JWKS it
// names verifies an ID token the pool issued (issuer, audience, signature).
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as assert from 'node:assert/strict';
import { allowInsecureRequests, discovery } from 'openid-client';
import { sdk, signIn } from '../poolHelpers';
import { PASSWORD, call, startClientsPool, type ClientsPool } from './clientsPool';

describe('third-party client: openid-client 6 and jose', function () {
  this.timeout(30_000);
  let local: ClientsPool;

  before(async () => {
    local = await startClientsPool(['oidc']);
  });
  after(() => local?.pool.stop());

  it('discovery() at {endpoint}/{poolId} finds the pool, and its jwks_uri verifies the pool\'s ID token with jose.jwtVerify', async () => {
    const issuer = `${local.endpoint}/${local.poolId}`;
    // allowInsecureRequests: the local pool speaks http on loopback.
    const config = await call('openid-client discovery', () => discovery(new URL(issuer), local.rotating, undefined, undefined, { execute: [allowInsecureRequests] }));
    const metadata = config.serverMetadata();
    assert.equal(metadata.issuer, issuer);
    assert.ok(metadata.jwks_uri, 'the discovery document names a jwks_uri');
    assert.ok(metadata.jwks_uri.startsWith(`${local.endpoint}/`), `jwks_uri is on the pool's endpoint, got ${metadata.jwks_uri}`);

    const client = sdk(local.endpoint);
    const tokens = await signIn(client, { poolId: local.poolId, clientId: local.rotating }, 'oidc', PASSWORD).finally(() => client.destroy());
    const keys = createRemoteJWKSet(new URL(metadata.jwks_uri));
    const { payload, protectedHeader } = await call('jose jwtVerify (ID token, keys from the discovered jwks_uri)', () => jwtVerify(tokens.IdToken ?? '', keys, { issuer: metadata.issuer, audience: local.rotating }));
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(payload.token_use, 'id');
    assert.equal(payload['cognito:username'], 'oidc');
    await assert.rejects(jwtVerify(tokens.IdToken ?? '', keys, { issuer: metadata.issuer, audience: 'another-client' }), (error: Error) => /aud/.test(error.message), 'jose refuses another audience');
  });
});
