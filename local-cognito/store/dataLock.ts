import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The lock file in a data folder: the process id of the pool that uses it. */
export const LOCK_FILE = 'local-pool.lock';

/** Folders this process holds (two pools in one process have one process id). */
const heldHere = new Set<string>();

/**
 * One pool per data folder: a second pool would compact the journals under the first one's feet and each
 * would overwrite the other's changes. The lock names the pool's process; a lock left by a process that no
 * longer runs (SIGKILL, a crash) is taken over. Returns the release, for the pool's stop.
 */
export function lockDataFolder(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  if (heldHere.has(file)) {
    throw new Error(`another local pool in this process is using the data folder ${dataDir}. Stop it first, or start this one with another data folder.`);
  }
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && running(holder)) {
      throw new Error(`another local pool (process ${holder}) is using the data folder ${dataDir}. Stop it first, or start this one with another --data folder. If no pool is running, delete ${file}.`);
    }
    // Left by a pool that ended without its stop: its data is complete (the journal), the lock is taken over.
    writeFileSync(file, String(process.pid));
    heldHere.add(file);
    return release(file);
  }
  writeSync(fd, String(process.pid));
  closeSync(fd);
  heldHere.add(file);
  return release(file);
}

function release(file: string): () => void {
  return () => {
    heldHere.delete(file);
    try {
      if (readFileSync(file, 'utf8') === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // Gone already (a temporary folder removed).
    }
  };
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // Running, as another user.
  }
}
