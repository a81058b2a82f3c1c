import * as assert from 'node:assert/strict';
import { isLoopbackHost, isLoopbackUrl } from '../../src/core/shared/loopback';

// The one loopback rule (src/core/shared/loopback.ts): 127.0.0.0/8, ::1 and localhost, any case.
describe('loopback: one rule for every caller', () => {
  it('all of 127.0.0.0/8 is loopback, 127.0.0.2 included (the copies disagreed on it)', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', '127.255.255.255', '127.1.2.3']) assert.ok(isLoopbackHost(host), host);
  });
  it('::1 bracketed or bare, and localhost in any case', () => {
    for (const host of ['[::1]', '::1', 'localhost', 'LocalHost']) assert.ok(isLoopbackHost(host), host);
  });
  it('neighbours and look-alikes are not loopback', () => {
    for (const host of ['128.0.0.1', '126.0.0.1', '127.0.0.256', '127.0.0', '127.0.0.1.evil.example', 'localhost.evil.example', 'sub.localhost', '0.0.0.0', '[::2]', '[::ffff:7f00:1]', '']) {
      assert.ok(!isLoopbackHost(host), host);
    }
  });
  it('a URL is judged by its host; one that does not parse is not loopback', () => {
    assert.ok(isLoopbackUrl('http://127.0.0.2:9229/pool'));
    assert.ok(isLoopbackUrl('http://[::1]:8080/'));
    assert.ok(!isLoopbackUrl('https://cognito-idp.us-east-1.amazonaws.com/'));
    assert.ok(!isLoopbackUrl('not a url'));
    assert.ok(!isLoopbackUrl(undefined));
  });
  it('the pool, the endpoint check and the OAuth domain check give the same answer for 127.0.0.2', async () => {
    const { endpointProblem } = await import('../../src/core/sessions/binding');
    const { parseOAuthDomain } = await import('../../src/core/protocol/oauth');
    const { PoolAccess } = await import('../../local-cognito/access');
    const access = new PoolAccess();
    assert.equal(endpointProblem('http://127.0.0.2:9229'), undefined);
    assert.deepEqual(parseOAuthDomain('http://127.0.0.2:9229'), { origin: 'http://127.0.0.2:9229', kind: 'loopback' });
    assert.ok(access.hostAllowed('127.0.0.2:9229') && access.originAllowed('http://127.0.0.2:3000'));
    assert.equal(endpointProblem('http://128.0.0.1:9229'), 'endpointInsecure');
    assert.equal(parseOAuthDomain('http://128.0.0.1:9229'), 'domainNotHttps');
    assert.ok(!access.hostAllowed('128.0.0.1:9229'));
  });
});
