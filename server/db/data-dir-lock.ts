/**
 * A lock file in the PGlite data dir. PGlite runs inside one process; two processes writing one
 * data dir would corrupt it, so the second one is refused with a message saying what to do.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  /** The data dir and the process holding it, so the CLI can say it in the user's language. */
  constructor(message: string, readonly dataDir?: string, readonly holderPid?: number) {
    super(message);
  }
}

/** Whether a process with this id runs on this machine. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws DataDirLockedError; returns the function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'partnerskab.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(holder) && processAlive(holder)) {
        throw new DataDirLockedError(
          `The data dir ${resolve(dataDir)} is in use by process ${holder} (an embedded PGlite database allows one process). ` +
            `Stop that process, or use another DATA_DIR, or run both against PostgreSQL with DATABASE_URL.`,
          resolve(dataDir),
          holder,
        );
      }
      // The holder is gone (a crash or kill -9): the lock is stale.
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not take the lock ${path}; remove it if no service is running.`);
}
