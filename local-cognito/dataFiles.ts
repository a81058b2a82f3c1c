import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * cognito-local's data files, checked before it starts. It would read an empty file as an empty pool
 * (its users gone without a word) and refuse a half-written one with no useful message. Each start
 * keeps a copy of every file that checks out in `.cognito/last-good/`; a damaged file is set aside in
 * `.cognito/damaged/` and replaced by that copy, or, with no copy, the start stops naming the file.
 * (Since writes became atomic, see `upstreamShim.ts`, damage comes only from outside: an older pool
 * version, a full disk before that, an edit by hand.)
 */
export function checkDataFiles(cognitoDir: string, output: (line: string) => void): void {
  const db = join(cognitoDir, 'db');
  if (!existsSync(db)) return;
  const lastGood = join(cognitoDir, 'last-good');
  mkdirSync(lastGood, { recursive: true });
  for (const name of readdirSync(db)) {
    if (name.endsWith('.tmp')) {
      // A save that never finished: the file it was for still holds the version before it.
      rmSync(join(db, name), { force: true });
    }
  }
  for (const name of readdirSync(db).filter((entry) => entry.endsWith('.json'))) {
    const file = join(db, name);
    const problem = damage(file, name);
    const copy = join(lastGood, name);
    if (problem === undefined) {
      const temp = `${copy}.tmp`;
      copyFileSync(file, temp);
      renameSync(temp, copy);
      continue;
    }
    if (problem === UNFINISHED) {
      // cognito-local writes `{}` first when it creates a file: a creation stopped before its first save,
      // which was never acknowledged. Set aside, so cognito-local does not take it for an empty pool.
      output(`${file} held only {} (a creation stopped before its first save, never acknowledged): set aside as ${setAside(cognitoDir, file, name)}.`);
      continue;
    }
    if (existsSync(copy) && damage(copy, name) === undefined) {
      const kept = setAside(cognitoDir, file, name);
      copyFileSync(copy, file);
      output(`${file} was ${problem}: restored the copy kept at the pool's last start (changes since then are lost); the damaged file is kept as ${kept}.`);
      continue;
    }
    throw new Error(
      `the data file ${file} is ${problem}, and there is no good copy of it to restore. Nothing was changed. ` +
        `Restore the file from a backup, or move it away to start ${name === 'clients.json' ? 'with no app clients' : 'without that user pool'} (what it held is then lost).`,
    );
  }
}

const UNFINISHED = 'an unfinished creation ({})';

function setAside(cognitoDir: string, file: string, name: string): string {
  const aside = join(cognitoDir, 'damaged');
  mkdirSync(aside, { recursive: true });
  const kept = join(aside, `${name}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
  renameSync(file, kept);
  return kept;
}

/** Why a data file cannot be used as it is, or undefined when it can. */
function damage(file: string, name: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  if (text.trim() === '') {
    return 'empty';
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `not complete JSON (${text.length} bytes; probably cut short by a stop during a write)`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'not a JSON object';
  }
  if (Object.keys(value).length === 0) {
    return UNFINISHED;
  }
  // Every pool cognito-local creates has its Options; clients.json has its Clients.
  const required = name === 'clients.json' ? 'Clients' : 'Options';
  if (!(required in value)) {
    return `missing its "${required}" (an empty or foreign file)`;
  }
  return undefined;
}
