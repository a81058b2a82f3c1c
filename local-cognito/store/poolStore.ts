import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CognitoError } from '../errors';
import { Journal, reviveDates } from './journal';

/** One of cognito-local's data stores: `clients` (`{ Clients }`) or a user pool (`{ Options, Users, Groups }`). */
export type StoreRoot = Record<string, unknown>;

/** A journal line: set `v` at path `k` of store `s` (the whole store when `k` is empty), or remove it (`d`). */
interface Change {
  s: string;
  k: string[];
  v?: unknown;
  d?: 1;
}

/** Past this many journal bytes, the journal is folded into the snapshot, off the request path. */
const COMPACT_AT = 16 * 1024 * 1024;

/**
 * Users, user pools and app clients, held by the pool itself: in memory, with every change journalled
 * before the request that made it is answered (`journal.ts`). cognito-local runs inside the pool's
 * process on top of this store (it takes any `DataStoreFactory`), and the layer reads the same objects
 * directly, so a sign-in neither crosses a process nor parses a file. Before this, cognito-local kept
 * each pool in a JSON file it rewrote whole on every change: a sign-in got slower as the pool filled, and
 * a stop during the rewrite lost the pool.
 */
export class PoolStore {
  private readonly roots = new Map<string, StoreRoot>();
  private readonly journal: Journal;
  private compactionDue = false;

  constructor(dataDir: string, output: (line: string) => void = () => {}) {
    this.journal = new Journal(join(dataDir, 'local-pool-users.json'));
    const snapshot = this.journal.readSnapshot<Record<string, StoreRoot>>('users, user pools and app clients', reviveDates);
    const changes = this.journal.readChanges<Change>(reviveDates);
    if (snapshot === undefined && changes.length === 0) {
      this.importCognitoLocalFiles(join(dataDir, '.cognito', 'db'), output);
    }
    for (const [id, root] of Object.entries(snapshot ?? {})) {
      this.roots.set(id, root);
    }
    for (const change of changes) {
      this.apply(change);
    }
    // Start from one complete snapshot and an empty journal (a line cut short by a crash goes with it).
    this.compact();
  }

  /** The store's live root; read-only for callers (changes go through set/delete). */
  root(id: string): StoreRoot | undefined {
    return this.roots.get(id);
  }

  /** Ids of the user pools held (every store but `clients`). */
  poolIds(): string[] {
    return [...this.roots.keys()].filter((id) => id !== 'clients');
  }

  /** Creates a store with its defaults if it does not exist yet. */
  ensure(id: string, defaults: StoreRoot): void {
    if (!this.roots.has(id)) {
      this.record({ s: id, k: [], v: defaults });
    }
  }

  drop(id: string): void {
    if (this.roots.has(id)) {
      this.record({ s: id, k: [], d: 1 });
    }
  }

  get(id: string, path: readonly string[]): unknown {
    let node: unknown = this.roots.get(id);
    for (const key of path) {
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  }

  set(id: string, path: readonly string[], value: unknown): void {
    this.record({ s: id, k: [...path], v: value });
  }

  delete(id: string, path: readonly string[]): void {
    this.record({ s: id, k: [...path], d: 1 });
  }

  /** Journal first, then memory: the copy in memory is the one the line describes (no shared references). */
  private record(change: Change): void {
    if (change.k.includes('__proto__') || change.s === '__proto__') {
      // A user, group or client named `__proto__` cannot be kept as a key here: refused, not dropped silently.
      throw new CognitoError('InvalidParameterException', 'The name "__proto__" cannot be used here.');
    }
    this.journal.append(change);
    this.apply(change.v === undefined ? change : { ...change, v: structuredClone(change.v) });
    if (this.journal.size > COMPACT_AT && !this.compactionDue) {
      this.compactionDue = true;
      setImmediate(() => {
        this.compactionDue = false;
        this.compact();
      });
    }
  }

  private apply({ s, k, v, d }: Change): void {
    if (k.length === 0) {
      if (d) this.roots.delete(s);
      else this.roots.set(s, v as StoreRoot);
      return;
    }
    let node = this.roots.get(s);
    if (!node) {
      if (d) return;
      node = {};
      this.roots.set(s, node);
    }
    for (const key of k.slice(0, -1)) {
      if (key === '__proto__') return;
      const next = node[key];
      if (typeof next !== 'object' || next === null) {
        if (d) return;
        node[key] = {};
      }
      node = node[key] as StoreRoot;
    }
    const last = k[k.length - 1];
    if (last === '__proto__') return;
    if (d) delete node[last];
    else node[last] = v;
  }

  private compact(): void {
    this.journal.compact(Object.fromEntries(this.roots));
  }

  /**
   * A data folder from before this store: cognito-local's own files (`.cognito/db/<pool>.json`,
   * `clients.json`) are read once into it, and left where they are. A file that does not parse is named
   * and skipped: the start goes on with the others.
   */
  private importCognitoLocalFiles(db: string, output: (line: string) => void): void {
    if (!existsSync(db)) return;
    for (const name of readdirSync(db).filter((entry) => entry.endsWith('.json'))) {
      try {
        const root = JSON.parse(readFileSync(join(db, name), 'utf8'), reviveDates) as unknown;
        if (typeof root === 'object' && root !== null && !Array.isArray(root)) {
          this.roots.set(name.slice(0, -'.json'.length), root as StoreRoot);
        }
      } catch {
        output(`${join(db, name)} could not be read (not complete JSON); its pool was not imported. The file is left as it was.`);
      }
    }
  }
}
