/**
 * `npm run test:pool -- --against https://cognito-idp.REGION.amazonaws.com --yes-create-resources`: the
 * conformance checks on the local pool and on a real user pool this creates and deletes, with the answers of
 * both written to test-results/conformance-report.md. `--dry-run` prints every call it would make instead.
 * Credentials: the AWS SDK's default chain (AWS_PROFILE, environment variables, SSO, …).
 */
import * as sdkModule from '@aws-sdk/client-cognito-identity-provider';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startLocalPool } from '../../local-cognito/server';
import type { Caller } from './checks';
import { COST_NOTE, dryRunCaller, parseConformanceArgs, report, runChecks } from './runner';

function sdkCaller(client: sdkModule.CognitoIdentityProviderClient): Caller {
  const commands = sdkModule as unknown as Record<string, new (input: object) => Parameters<typeof client.send>[0]>;
  return async (operation, input) => {
    const Command = commands[`${operation}Command`];
    if (!Command) throw new Error(`no SDK command for ${operation}`);
    return await client.send(new Command(input));
  };
}

export async function main(argv: readonly string[], print: (line: string) => void = (line) => console.log(line)): Promise<number> {
  const options = parseConformanceArgs(argv);
  if (!options) return 2;
  print(COST_NOTE);
  if (options.dryRun) {
    print(`dry run: the calls the run would make on ${options.against} (the same run happens on the local pool):`);
    await runChecks(dryRunCaller(print), 'real');
    return 0;
  }
  if (!options.yes) {
    print('Nothing was created. Add --yes-create-resources to run against the real service, or --dry-run to see the calls.');
    return 1;
  }
  const local = await startLocalPool();
  const localClient = new sdkModule.CognitoIdentityProviderClient({ endpoint: local.endpoint, region: options.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const realClient = new sdkModule.CognitoIdentityProviderClient({ endpoint: options.against, region: options.region });
  try {
    const localResults = await runChecks(sdkCaller(localClient), 'local');
    const realResults = await runChecks(sdkCaller(realClient), 'real');
    const text = report(localResults, realResults, options.against ?? '');
    const dir = resolve(__dirname, '../../../test-results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'conformance-report.md');
    writeFileSync(file, text);
    print(text);
    print(`report: ${file}`);
    return realResults.some((r, i) => !r.skipped && r.answer !== localResults[i]?.answer) ? 1 : 0;
  } finally {
    localClient.destroy();
    realClient.destroy();
    await local.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code), (error: unknown) => {
    console.error(`conformance: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
