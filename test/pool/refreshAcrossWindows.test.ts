import { GetTokensFromRefreshTokenCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as assert from 'node:assert/strict';
import { createCognitoApi, type CognitoApi } from '../../src/aws/cognitoClient';
import { ManualClock } from '../../src/core/shared/clock';
import { fingerprint } from '../../src/core/shared/fingerprint';
import { RefreshCoordinator, type RefreshOutcome } from '../../src/core/sessions/refreshCoordinator';
import { SessionRepositoryCore } from '../../src/core/sessions/sessionRepository';
import { SessionStore } from '../../src/core/sessions/sessionStore';
import { newSession } from '../../src/core/sessions/storedSession';
import type { LocalPool } from '../../local-cognito/server';
import { startPool } from '../fixtures/testPool';
import { FakeSecrets } from '../fixtures/fakeSecrets';
import { makeClient, makePool, makeUser, sdk, signIn, type Fixture } from './poolHelpers';

/**
 * Two VS Code windows refreshing one profile at once, against the local pool: each window is a coordinator
 * with the extension's own Cognito client, over one SecretStorage that announces changes as VS Code does.
 * Revoking any member of a rotated family revokes the family, so a window that wrongly revokes what it got
 * ends the session the other window just saved ("Refresh Token has been revoked").
 */
describe('local user pool: two windows refreshing one session', function () {
  this.timeout(30_000);
  let pool: LocalPool;
  let client: CognitoIdentityProviderClient;
  let poolId: string;
  const apis: CognitoApi[] = [];

  before(async () => {
    pool = await startPool();
    client = sdk(pool.endpoint);
    poolId = await makePool(client);
    await makeUser(client, poolId, 'hanako');
  });
  after(async () => {
    apis.forEach((api) => api.dispose());
    await pool.stop();
  });

  function window(secrets: FakeSecrets, fixture: Fixture) {
    const store = new SessionStore(secrets, { onCorrupt: () => undefined });
    const repository = new SessionRepositoryCore({
      store,
      history: { append: () => Promise.resolve(), clear: () => Promise.resolve() },
      profileNames: () => ['p'],
      changedInMemory: () => undefined,
      retryDelay: () => Promise.resolve(),
    });
    store.onDidChange((profile) => void repository.storeChanged(profile));
    const real = createCognitoApi({ region: 'ap-northeast-1', endpoint: pool.endpoint, userPoolId: poolId, clientId: fixture.clientId });
    apis.push(real);
    let gate: Promise<void> | undefined;
    let sent: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => (sent = resolve));
    const api: CognitoApi = {
      ...real,
      // Held (when asked) before the request leaves, so the other window's refresh lands first.
      getTokensFromRefreshToken: async (input) => {
        sent();
        if (gate) await gate;
        return real.getTokensFromRefreshToken(input);
      },
    };
    const coordinator = new RefreshCoordinator({ clock: new ManualClock(Date.now()), repository, api: () => api, clientSecret: () => Promise.resolve(undefined), log: () => undefined });
    return {
      coordinator,
      repository,
      waiting,
      hold(): () => void {
        let release: () => void = () => undefined;
        gate = new Promise<void>((resolve) => (release = resolve));
        return () => {
          gate = undefined;
          release();
        };
      },
    };
  }

  /** Signs hanako in (profile `p`), then lets window B read the session and A refresh it before B's request goes out. */
  async function race(graceSeconds: number): Promise<{ fixture: Fixture; first: RefreshOutcome; second: RefreshOutcome | Error; stored: string | undefined }> {
    const fixture = await makeClient(client, poolId, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: graceSeconds } });
    const tokens = await signIn(client, fixture, 'hanako');
    const secrets = new FakeSecrets();
    const session = newSession({
      profile: 'p',
      binding: { region: 'ap-northeast-1', endpoint: pool.endpoint, userPoolId: poolId, clientId: fixture.clientId },
      typedUsername: 'hanako',
      authFlow: 'USER_PASSWORD_AUTH',
      tokens: { id: tokens.IdToken, access: tokens.AccessToken ?? '', refresh: tokens.RefreshToken },
      clock: new ManualClock(Date.now()),
    });
    await new SessionStore(secrets, { onCorrupt: () => undefined }).put(session);
    const a = window(secrets, fixture);
    const b = window(secrets, fixture);
    const releaseB = b.hold();
    const late = b.coordinator.refresh('p', fixture.clientId, 'rotation').catch((error: Error) => error);
    await b.waiting;
    const first = await a.coordinator.refresh('p', fixture.clientId, 'rotation');
    releaseB();
    const second = await late;
    const stored = (await a.repository.current('p'))?.tokens.refresh;
    return { fixture, first, second, stored };
  }

  it('two windows refresh one profile at once (grace period): the late window adopts the rotation and the session survives', async () => {
    const { fixture, first, second, stored } = await race(10);
    assert.equal(first.kind, 'refreshed');
    assert.ok(!(second instanceof Error), `the late window's refresh failed: ${second instanceof Error ? second.message : ''}`);
    assert.ok(second.kind === 'refreshed' && second.adopted, `the late window adopted the stored rotation (got ${second.kind})`);
    assert.equal(fingerprint(second.session.tokens.refresh ?? ''), fingerprint(stored ?? ''));
    // The stored refresh token still works: its family was not revoked.
    const next = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: fixture.clientId, RefreshToken: stored }));
    assert.ok(next.AuthenticationResult?.AccessToken);
  });

  it('two windows refresh one profile at once (grace 0): the refused window adopts the rotation and the session survives', async () => {
    const { fixture, first, second, stored } = await race(0);
    assert.equal(first.kind, 'refreshed');
    assert.ok(!(second instanceof Error), `the late window's refresh failed: ${second instanceof Error ? `${second.name}: ${second.message}` : ''}`);
    assert.ok(second.kind === 'refreshed' && second.adopted);
    const next = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: fixture.clientId, RefreshToken: stored }));
    assert.ok(next.AuthenticationResult?.AccessToken, 'not "Refresh Token has been revoked"');
  });
});
