// `npm start`: builds, then opens the extension in a VS Code with a demo workspace.
// Desktop `code` when it is on PATH (--extensionDevelopmentPath), otherwise code-server on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { openCodeServer } from './codeServerSession.mjs';
import { writeDemoWorkspace } from './demoWorkspace.mjs';
import { compileTests, root, run } from './lib.mjs';

const require = createRequire(import.meta.url);
run('npm', ['run', '--silent', 'build']);
compileTests();
const { createSigningKey } = require(join(root, 'out', 'test', 'fixtures', 'tokenFactory.js'));
const { startJwksServer } = require(join(root, 'out', 'test', 'fixtures', 'jwksServer.js'));

// A loopback issuer for the demo tokens, so "Verify signature" works without AWS.
const key = createSigningKey('demo-key');
const jwks = await startJwksServer([key], 'ap-northeast-1_DemoPool1');
const folder = writeDemoWorkspace(join(root, '.demo', 'workspace'), jwks.issuer, key);
const cleanups = [() => jwks.close()];

// The local user pool (cognito-local + our rotation layer) with the demo seed.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { startLocalPool } = require(join(root, 'out', 'local-cognito', 'server.js'));
const seed = JSON.parse(readFileSync(join(root, 'local-cognito', 'demo-seed.json'), 'utf8'));
const pool = await startLocalPool({ seed });
cleanups.push(() => pool.stop());
const demo = pool.seeded.userPools[0];
const demoUser = seed.userPools[0].users[0];
// Profiles for the demo pool, in the demo workspace's settings (they work with desktop VS Code and code-server alike).
const profile = (name, client, authFlow) => ({ name, region: 'local', userPoolId: demo.id, clientId: demo.clients[client].clientId, endpoint: pool.endpoint, authFlow, username: demoUser.username });
mkdirSync(join(folder, '.vscode'), { recursive: true });
writeFileSync(
  join(folder, '.vscode', 'settings.json'),
  `${JSON.stringify({
    'cognitoTokens.profiles': [
      profile('demo-rotating', 'rotating', 'USER_SRP_AUTH'),
      profile('demo-classic', 'classic', 'USER_PASSWORD_AUTH'),
      profile('demo-secret', 'secret', 'USER_SRP_AUTH'),
      // The local pool serves managed login on its own port: the domain is its endpoint.
      { ...profile('demo-managed', 'managed', 'MANAGED_LOGIN'), domain: pool.endpoint, scopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'], redirectUri: 'http://localhost:45678/callback' },
      { ...profile('demo-choice', 'choice', 'USER_AUTH'), username: 'passwordless' },
      { ...profile('demo-machine', 'm2m', 'CLIENT_CREDENTIALS'), username: undefined, domain: pool.endpoint, scopes: ['demo-api/read'] },
      // Token exchange (Cognito: Exchange Token): its app client allows ALLOW_TOKEN_EXCHANGE_*.
      profile('demo-agent', 'agent', 'USER_PASSWORD_AUTH'),
    ],
  }, null, 2)}\n`,
);
writeFileSync(join(folder, 'local-user-pool.json'), `${JSON.stringify({ endpoint: pool.endpoint, region: 'local', userPoolId: demo.id, clients: demo.clients, username: demoUser.username, password: demoUser.password }, null, 2)}\n`);

const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCode) {
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, folder], { stdio: 'inherit' });
  child.on('exit', () => console.log('VS Code started; press Ctrl+C here to stop the demo key server.'));
} else {
  // The current VS Code (code-server 4.139.1 = 1.139) reads a development extension from the URL only with the
  // smoke-test driver on, which also hides notifications: install the packaged extension instead, as users do.
  run('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const session = await openCodeServer({ name: 'start', folder, vsix: join(root, 'dist-vsix', 'cognito-token-inspector.vsix') });
  cleanups.push(session.stop);
  console.log(`\nCognito Token Inspector is running in code-server ${session.codeServer} (VS Code ${session.vscode}, in the browser).`);
  console.log(`Open this URL (the extension is installed from dist-vsix/; after a change, stop and run npm start again):\n\n  ${session.url}/?folder=${encodeURIComponent(folder)}\n`);
}
console.log(`Demo workspace: ${folder}`);
console.log(`Local user pool: ${pool.endpoint}  pool ${demo.id}`);
console.log(`  clients: rotating ${demo.clients.rotating.clientId}, classic ${demo.clients.classic.clientId}, with secret ${demo.clients.secret.clientId}, managed login ${demo.clients.managed.clientId}, choice-based ${demo.clients.choice.clientId}, machine ${demo.clients.m2m.clientId}`);
console.log(`  demo user: ${demoUser.username} / ${demoUser.password}  (all of this is in local-user-pool.json in the workspace)`);
console.log('  profiles demo-rotating, demo-classic, demo-secret, demo-managed, demo-choice, demo-machine and demo-agent (token exchange) are configured: run "Cognito: Sign In" or use the Cognito Tokens view.');
console.log('  demo-managed signs in through managed login in your browser; demo-choice signs in passwordless with an email code');
console.log(`    (read it at ${pool.endpoint}/_local/codes?userPoolId=${demo.id}&username=passwordless); demo-machine gets a machine-to-machine token.`);
console.log('  demo-secret and demo-machine need their client secret once ("Cognito: Set Client Secret"); it is in local-user-pool.json.');
console.log(`Demo issuer (serves the JWKS that verifies the demo tokens): ${jwks.issuer}`);
console.log('Press Ctrl+C to stop.');

const stop = async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
