import { appendFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A snapshot file plus an append-only journal beside it (`x.json` and `x.journal`): the durable half of the
 * pool's state, whose live half is in memory. A change is one JSON line appended (a single `write`) before
 * the request that made it is answered, so what the pool acknowledged survives SIGTERM and SIGKILL; it
 * costs what the change costs, not what the store holds. Compaction writes the whole state to a temporary
 * file, renames it over the snapshot (the snapshot is always one complete version), then empties the
 * journal; a stop between the two replays changes the snapshot already holds, which is harmless because
 * every change sets or removes a value outright. A line cut short by a crash is the only incomplete one,
 * the last, and is dropped at load.
 */
export class Journal {
  readonly journalFile: string;
  private appended = 0;

  constructor(readonly snapshotFile: string) {
    this.journalFile = snapshotFile.replace(/\.json$/, '') + '.journal';
  }

  /** The snapshot, parsed with `reviver`, or undefined when there is none yet. */
  readSnapshot<T>(what: string, reviver?: (this: unknown, key: string, value: unknown) => unknown): T | undefined {
    this.removeUnfinishedCompactions();
    if (!existsSync(this.snapshotFile)) {
      return undefined;
    }
    try {
      return JSON.parse(readFileSync(this.snapshotFile, 'utf8'), reviver) as T;
    } catch {
      // Written whole or not at all (rename), so only something outside the pool can have damaged it.
      throw new Error(`the local pool's ${what} file ${this.snapshotFile} is damaged. Nothing was changed. Restore it from a backup, or move it away (with ${this.journalFile}) to start without it.`);
    }
  }

  /** Every complete change in the journal, oldest first. */
  readChanges<T>(reviver?: (this: unknown, key: string, value: unknown) => unknown): T[] {
    if (!existsSync(this.journalFile)) {
      return [];
    }
    const changes: T[] = [];
    for (const line of readFileSync(this.journalFile, 'utf8').split('\n')) {
      if (line === '') continue;
      try {
        changes.push(JSON.parse(line, reviver) as T);
      } catch {
        // The last line, cut short by a crash: its request was never answered.
      }
    }
    return changes;
  }

  /** A compaction a stop cut short left its temporary file; the snapshot beside it is the complete one. */
  private removeUnfinishedCompactions(): void {
    const folder = dirname(this.snapshotFile);
    if (!existsSync(folder)) return;
    const prefix = `${basename(this.snapshotFile)}.`;
    for (const name of readdirSync(folder)) {
      if (name.startsWith(prefix) && name.endsWith('.tmp')) rmSync(join(folder, name), { force: true });
    }
  }

  append(change: unknown): void {
    const line = `${JSON.stringify(change)}\n`;
    appendFileSync(this.journalFile, line);
    this.appended += line.length;
  }

  /** Bytes appended since the last compaction. */
  get size(): number {
    return this.appended;
  }

  /** The whole state becomes the snapshot; the journal starts empty. */
  compact(state: unknown): void {
    const temp = `${this.snapshotFile}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(state));
    renameSync(temp, this.snapshotFile);
    if (existsSync(this.journalFile)) truncateSync(this.journalFile, 0);
    else writeFileSync(this.journalFile, '');
    this.appended = 0;
  }
}

/**
 * JSON with dates: cognito-local keeps `…Date` fields (UserCreateDate, CreationDate…) as Date objects;
 * JSON holds them as ISO strings, and this reviver makes them dates again, as cognito-local's own store did.
 */
export function reviveDates(key: string, value: unknown): unknown {
  return key.endsWith('Date') && (typeof value === 'string' || typeof value === 'number') ? new Date(value) : value;
}
