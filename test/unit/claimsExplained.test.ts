import * as assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/shared/clock';
import { formatMessage as t } from '../../src/core/shared/l10n';
import { actorChain, explainClaimInToken } from '../../src/core/tokens/claimExplanations';
import { renderHoverMarkdown } from '../../src/core/tokens/hoverMarkdown';
import { inspectToken } from '../../src/core/tokens/inspection';
import { decodeToken, type DecodedToken } from '../../src/core/tokens/jwt';
import { accessTokenClaims, idTokenClaims, POOL_ID, REGION, unsignedJwt } from '../fixtures/tokenFactory';

const now = 1_800_000_000;
const options = { clock: new ManualClock(now * 1000), skewSeconds: 0, t, locale: 'en-US', timeZone: 'UTC' };

function inspect(claims: Record<string, unknown>) {
  const token = unsignedJwt(claims);
  return inspectToken(token, decodeToken(token) as DecodedToken, options);
}

const explanation = (claims: Record<string, unknown>, name: string): string | undefined => inspect(claims).payload.find((row) => row.name === name)?.explanation;

/** Issue 16: today's Cognito claims said in words, in the hover and the inspector (one inspection feeds both). */
describe('claims of today\'s Cognito tokens explained', () => {
  it('names the UPDATED issuer in the hover and the inspector, and the ORIGINAL one with its Region', () => {
    const updated = inspect(idTokenClaims(now, { iss: `https://issuer-cognito-idp.${REGION}.amazonaws.com/${POOL_ID}` }));
    assert.equal(updated.cognito?.userPoolId, POOL_ID, 'a token of an UPDATED pool is a Cognito token of its pool');
    assert.equal(updated.cognito?.issuerFormat, 'updated issuer: one key set for every Region');
    assert.ok(updated.notes.some((note) => /issuer-cognito-idp/.test(note)));
    assert.match(renderHoverMarkdown(updated, t, undefined), /updated issuer\\: one key set for every Region/);
    assert.equal(inspect(idTokenClaims(now)).cognito?.issuerFormat, `original issuer (cognito-idp.${REGION})`);
  });

  it('names each amr method, keeps unknown ones as they are, and survives an amr that is not a list', () => {
    const text = explanation(accessTokenClaims(now, { amr: ['pwd', 'otp', 'mfa', 'x-custom'], acr: 'urn:cognito:loa:3' }), 'amr') ?? '';
    assert.match(text, /pwd = password, otp = one-time code, mfa = more than one factor, x-custom/);
    assert.match(explanation(accessTokenClaims(now, { amr: 'pwd' }), 'amr') ?? '', /Authentication methods/);
    assert.match(explanation(accessTokenClaims(now, { acr: 'urn:cognito:loa:3' }), 'acr') ?? '', /urn:cognito:loa:N/);
  });

  it('shows the chain of actors of a delegated token, nearest first, cut after eight', () => {
    const act = { sub: 'agent-sub', client_id: 'agent-client', act: { client_id: 'mcp-server' } };
    assert.deepEqual(actorChain(act), ['agent-client', 'mcp-server']);
    assert.match(explanation(accessTokenClaims(now, { act, aud: 'orders-api' }), 'act') ?? '', /Acting now: agent-client ← mcp-server/);
    let deep: Record<string, unknown> = { sub: 'last' };
    for (let i = 0; i < 10_000; i++) deep = { client_id: `c${i}`, act: deep };
    const chain = actorChain(deep);
    assert.equal(chain.length, 9);
    assert.equal(chain[8], '…');
    assert.deepEqual(actorChain('not an object'), []);
    assert.deepEqual(actorChain([{ sub: 'x' }]), []);
  });

  it('says an access token with aud is bound to one audience and has no refresh when derived', () => {
    const derived = inspect(accessTokenClaims(now, { aud: 'https://orders.example/api', act: { client_id: 'agent' } }));
    assert.match(derived.payload.find((row) => row.name === 'aud')?.explanation ?? '', /bound to/);
    assert.ok(derived.notes.some((note) => /exchange again when it expires/.test(note)));
    // An ID token's aud keeps its usual meaning: the app client.
    assert.equal(explainClaimInToken('aud', idTokenClaims(now), t), undefined);
  });
});
