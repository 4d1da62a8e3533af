import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The embedded database's directory is held by another live process. */
export class DataDirInUseError extends Error {
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(
      `${dataDir} is in use by process ${pid}: the embedded database serves one process. ` +
        'Stop that process (or type /sla commands into `npm start`), or use PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DataDirInUseError';
    this.pid = pid;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims PGlite's directory for this process with a lock file beside it (`DIR.lock`, the
 * process id inside): PGlite itself does not refuse a second process, and two would corrupt
 * the directory. A lock left by a process that died is taken over.
 * @returns the release, for when the database is closed
 * @throws DataDirInUseError when another live process holds the directory
 */
export function lockDataDir(dataDir: string): () => void {
  const path = `${resolve(dataDir)}.lock`;
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      // This process may open the directory again (a test, a migrate then a serve).
      if (holder === process.pid) break;
      if (Number.isInteger(holder) && alive(holder)) throw new DataDirInUseError(dataDir, holder);
      rmSync(path, { force: true });
    }
  }
  return () => {
    try {
      if (Number.parseInt(readFileSync(path, 'utf8'), 10) === process.pid) rmSync(path);
    } catch {
      // Already gone.
    }
  };
}
