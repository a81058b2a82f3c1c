import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { alive, childrenOf } from '../fixtures/processes';

describe('local user pool: process lifetime', function () {
  this.timeout(40_000);

  it('runs as one process: cognito-local works inside it, so nothing is left behind when it is killed', async function () {
    if (!existsSync('/proc/self/stat')) {
      console.log('      (skipped: needs /proc to see process ancestry)');
      this.skip();
    }
    const main = resolve(__dirname, '../../local-cognito/main.js');
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-process-test-'));
    const layer = spawn(process.execPath, [main, '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const layerPid = layer.pid ?? 0;
    try {
      const endpoint = await new Promise<string>((ready, fail) => {
        let out = '';
        layer.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /endpoint: (\S+)\n/.exec(out);
          if (match) ready(match[1]);
        });
        layer.once('exit', (code) => fail(new Error(`the pool exited with ${code} before it was ready`)));
      });
      // An operation only cognito-local answers: it is loaded now, in this process.
      const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.CreateUserPool' }, body: JSON.stringify({ PoolName: 'one' }) });
      assert.equal(response.status, 200);
      assert.deepEqual(childrenOf(layerPid), [], 'the pool starts no other process');
      layer.kill('SIGKILL');
      await new Promise((r) => (layer.exitCode === null && layer.signalCode === null ? layer.once('exit', r) : r(undefined)));
      assert.equal(alive(layerPid), false);
    } finally {
      layer.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('prints the codes it sends on its standard output', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pool-output-test-'));
    const seedFile = join(dataDir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify({ userPools: [{ name: 'out', clients: [{ key: 'web', ClientName: 'web' }], codes: { ivan: '975310' } }] }));
    const main = resolve(__dirname, '../../local-cognito/main.js');
    const layer = spawn(process.execPath, [main, '--port', '0', '--data', join(dataDir, 'data'), '--seed', seedFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    layer.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const match = pattern.exec(out);
        if (match) return match;
        if (Date.now() > deadline || layer.exitCode !== null) throw new Error(`no ${pattern} in the output: ${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      const endpoint = (await waitFor(/endpoint: (\S+)/))[1];
      const seeded = JSON.parse((await waitFor(/seeded: (.+)\n/))[1]) as { userPools: Array<{ clients: Record<string, { clientId: string }> }> };
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp' },
        body: JSON.stringify({ ClientId: seeded.userPools[0].clients.web.clientId, Username: 'ivan', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'ivan@example.com' }] }),
      });
      assert.equal(response.status, 200);
      await waitFor(/^code for ivan \(sign-up\): 975310$/m);
    } finally {
      layer.kill('SIGTERM');
      await new Promise((r) => layer.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
