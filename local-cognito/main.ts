/**
 * `npm run local-cognito -- [--port N] [--data DIR] [--seed FILE]`: a local Cognito user pool with
 * refresh-token rotation, in the foreground. Prints `endpoint: http://127.0.0.1:N` when ready, then the
 * seeded ids as one `seeded: {…}` JSON line. Ctrl+C or SIGTERM stops it and cognito-local with it.
 */
import { readFileSync } from 'node:fs';
import { startLocalPool } from './server';
import type { SeedFile } from './seed';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write('usage: npm run local-cognito -- [--port N (0: any free port)] [--data DIR] [--seed FILE]\n');
    return;
  }
  const port = Number(option('port') ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number, got ${option('port')}`);
  }
  const seedFile = option('seed');
  const seed = seedFile ? (JSON.parse(readFileSync(seedFile, 'utf8')) as SeedFile) : undefined;
  const pool = await startLocalPool({ port, dataDir: option('data'), seed, output: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(`endpoint: ${pool.endpoint}\n`);
  if (pool.seeded) {
    process.stdout.write(`seeded: ${JSON.stringify(pool.seeded)}\n`);
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void pool.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`local-cognito: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
