/**
 * `npm run local-cognito -- [--port N] [--data DIR] [--seed FILE] [--allow-origin URL]…`: a local Cognito user pool with
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

/** Every value of a repeatable option. */
function options(name: string): string[] {
  return process.argv.flatMap((arg, index) => (arg === `--${name}` && index + 1 < process.argv.length ? [process.argv[index + 1]] : []));
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(
      'usage: npm run local-cognito -- [--port N (0: any free port)] [--data DIR] [--seed FILE] [--allow-origin URL]...\n' +
        '  --allow-origin URL  also answer browser pages served from URL (e.g. http://my-laptop.lan:3000; repeatable).\n' +
        '                      Without it, only pages on localhost, 127.0.0.1 or [::1] (any port) may call the pool.\n',
    );
    return;
  }
  const port = Number(option('port') ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number, got ${option('port')}`);
  }
  const seedFile = option('seed');
  const seed = seedFile ? (JSON.parse(readFileSync(seedFile, 'utf8')) as SeedFile) : undefined;
  const pool = await startLocalPool({ port, dataDir: option('data'), seed, allowOrigins: options('allow-origin'), output: (line) => process.stdout.write(`${line}\n`) });
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
