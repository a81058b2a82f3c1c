import { appendFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A snapshot file plus an append-only journal beside it (`x.json` and `x.journal`): the durable half of the
 * pool's state, whose live half is in memory. A change is one JSON line appended (a single `write`) before
 * the request that made it is answered, so what the pool acknowledged survives SIGTERM and SIGKILL; it
 * costs what the change costs, not what the store holds. Compaction writes the whole state to a temporary
 * file, renames it over the snapshot (the snapshot is always one complete version), then empties the
 * journal; a stop between the two replays changes the snapshot already holds, which is harmless because
 * every change sets or removes a value outright. A line cut short by a crash is the only incomplete one,
 * the last, and is dropped at load; a write that fails while the pool runs (a full disk) is cut back off,
 * so the next change starts on a line of its own, and if even that fails the journal takes no more
 * changes: each is refused (its request fails) rather than acknowledged and lost at the next start.
 */
export class Journal {
  readonly journalFile: string;
  private appended = 0;
  /** The journal's length after the last complete line. */
  private length: number | undefined;
  /** Why the journal takes no more changes (a failed write that could not be cut back off). */
  private broken: string | undefined;

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

  /**
   * Every complete change in the journal, oldest first. Only the last line may be incomplete (a stop in the
   * middle of its write: its request was never answered); a line that does not parse anywhere else means
   * the file was damaged from outside, and the start stops naming it.
   */
  readChanges<T>(reviver?: (this: unknown, key: string, value: unknown) => unknown): T[] {
    if (!existsSync(this.journalFile)) {
      return [];
    }
    const changes: T[] = [];
    const lines = readFileSync(this.journalFile, 'utf8').split('\n');
    for (const [index, line] of lines.entries()) {
      if (line === '') continue;
      try {
        changes.push(JSON.parse(line, reviver) as T);
      } catch {
        if (index === lines.length - 1) continue; // The last line, without its end: cut short by a stop.
        throw new Error(`the local pool's journal ${this.journalFile} is damaged at line ${index + 1}. Nothing was changed. Restore it from a backup, or move it away (with the snapshot beside it) to start from the snapshot alone.`);
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
    if (this.broken !== undefined) {
      throw new Error(`the local pool cannot write its journal (${this.broken}); nothing more is changed until it is restarted. Free some disk space, then restart the pool: every change it acknowledged is kept.`);
    }
    const line = `${JSON.stringify(change)}\n`;
    this.length ??= existsSync(this.journalFile) ? statSync(this.journalFile).size : 0;
    try {
      appendFileSync(this.journalFile, line);
    } catch (error) {
      // Part of the line may be in the file: cut it back off, so the next change starts on its own line.
      try {
        truncateSync(this.journalFile, this.length);
      } catch {
        this.broken = error instanceof Error ? error.message : String(error);
      }
      throw error;
    }
    this.length += Buffer.byteLength(line);
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
    this.length = 0;
  }
}

/** The fields cognito-local keeps as Date objects (users, pools, app clients, groups). */
const DATE_FIELDS = new Set(['UserCreateDate', 'UserLastModifiedDate', 'CreationDate', 'LastModifiedDate']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * JSON with dates: JSON holds cognito-local's Date fields as ISO strings, and this reviver makes them dates
 * again. Only those fields, and only real ISO dates: a user's own tag named `expiryDate` stays the string it was.
 */
export function reviveDates(key: string, value: unknown): unknown {
  return DATE_FIELDS.has(key) && typeof value === 'string' && ISO_DATE.test(value) ? new Date(value) : value;
}
