/**
 * Runs the conformance checks against a target (the local pool, the real service, a recorded fake or the dry
 * run) and writes the report that sets their answers side by side. Pure: callers and output are handed in.
 */
import { CHECKS, setUp, tearDown, type Caller, type Check, type Fixture } from './checks';

export interface ConformanceOptions {
  against?: string;
  region?: string;
  dryRun: boolean;
  yes: boolean;
}

const ENDPOINT = /^https:\/\/cognito-idp\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com\/?$/;

/** `--against https://cognito-idp.REGION.amazonaws.com [--yes-create-resources] [--dry-run]`; throws on anything else. */
export function parseConformanceArgs(argv: readonly string[]): ConformanceOptions | undefined {
  const index = argv.indexOf('--against');
  const dryRun = argv.includes('--dry-run');
  if (index === -1 && !dryRun) return undefined;
  const against = index === -1 ? 'https://cognito-idp.us-east-1.amazonaws.com' : argv[index + 1] ?? '';
  const match = ENDPOINT.exec(against);
  if (!match) {
    throw new Error(`--against needs the Cognito endpoint of a Region, such as https://cognito-idp.ap-northeast-1.amazonaws.com (got "${against}")`);
  }
  return { against: against.replace(/\/$/, ''), region: match[1], dryRun, yes: argv.includes('--yes-create-resources') };
}

export const COST_NOTE = [
  'This creates real resources in your AWS account, with the credentials of your usual AWS environment or profile:',
  '  two user pools (cti-conformance-…, one of them on the Lite plan), app clients and one user; all deleted at the end.',
  '  Cost: a handful of API calls and one monthly active user on the Essentials plan (a few cents at most; within the',
  '  free tier for most accounts). If the run is interrupted, delete pools named cti-conformance-… yourself.',
].join('\n');

export interface CheckResult {
  id: string;
  title: string;
  answer: string;
  skipped?: string;
}

/** Runs every check on one target; the pools it created are deleted whatever happens. */
export async function runChecks(call: Caller, target: 'local' | 'real', checks: readonly Check[] = CHECKS): Promise<CheckResult[]> {
  const fixture: Fixture = { poolId: '', clientId: '', username: 'conformance-user', password: 'Conformance-Passw0rd!', createdPools: [] };
  const results: CheckResult[] = [];
  try {
    await setUp(call, fixture);
    for (const check of checks) {
      if (target === 'real' && check.localOnly) {
        results.push({ id: check.id, title: check.title, answer: '', skipped: check.localOnly });
        continue;
      }
      let answer: string;
      try {
        answer = await check.run(call, fixture);
      } catch (error) {
        answer = `check failed: ${(error as Error).name}: ${(error as Error).message}`;
      }
      results.push({ id: check.id, title: check.title, answer: redact(answer) });
    }
  } finally {
    await tearDown(call, fixture);
  }
  return results;
}

/** Answers name pool and client ids and timestamps that differ between runs: they are replaced so answers compare. */
function redact(answer: string): string {
  return answer.replace(/[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+|local_[0-9A-Za-z]+/g, '<pool>').replace(/\b[0-9a-z]{26}\b/g, '<client>');
}

/** The report: one row per check with both answers, and whether they agree. */
export function report(local: readonly CheckResult[], real: readonly CheckResult[], endpoint: string): string {
  const rows = local.map((l) => {
    const r = real.find((x) => x.id === l.id);
    const realAnswer = r?.skipped ? `skipped: ${r.skipped}` : r?.answer ?? '(not run)';
    const same = r?.skipped ? 'n/a' : r && r.answer === l.answer ? 'same' : 'DIFFERENT';
    return `| ${l.id} | ${l.title} | ${cell(l.answer)} | ${cell(realAnswer)} | ${same} |`;
  });
  return [`# Local pool vs ${endpoint}`, '', `Run ${new Date().toISOString()}.`, '', '| check | what | local pool | Amazon Cognito | |', '| --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Parameters whose values are tokens, secrets or passwords (a validity unit under the same name is not). */
const SECRET_KEYS = /^(AccessToken|IdToken|RefreshToken|REFRESH_TOKEN|ClientSecret|PASSWORD|Password|TemporaryPassword)$/;

/** The dry run's caller: prints each call (ids, no secrets) and answers with placeholders so the run goes on. */
export function dryRunCaller(print: (line: string) => void): Caller {
  let n = 0;
  return (operation, input) => {
    print(`would call ${operation} ${JSON.stringify(input, (key, value: unknown) => (SECRET_KEYS.test(key) && typeof value === 'string' && !/^(seconds|minutes|hours|days)$/.test(value) ? '<redacted>' : value))}`);
    n++;
    return Promise.resolve({
      UserPool: { Id: `dryrun_pool${n}`, UserPoolTier: 'ESSENTIALS' },
      UserPoolClient: { ClientId: `dryrunclient${n}` },
      AuthenticationResult: { AccessToken: 'x.e30.x', IdToken: 'x.e30.x', RefreshToken: `refresh-${n}`, ExpiresIn: 0 },
    });
  };
}
