import { isAbsolute, relative, resolve } from 'node:path';

/** The embedded database's directory when `BREACHLESS_DATA_DIR` is unset. */
export const DEFAULT_DATA_DIR = './.breachless';

/**
 * The embedded database's directory as an absolute path, a relative one taken from the folder
 * the user ran the command in. npm runs a workspace's script in the workspace's folder but
 * sets `INIT_CWD` to the user's (`npm start`, `npm start -w ...`, `npx`), so every way of
 * starting from the root opens the root's `./.breachless`; a plain `node`/`tsx` (Docker,
 * Kubernetes) has no `INIT_CWD` and uses its working directory.
 * @param cwd the working directory, tests aside `process.cwd()`
 */
export function resolveDataDir(
  dataDir: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): string {
  const init = env.INIT_CWD;
  // npm runs a script at or under the folder it was typed in. An INIT_CWD that does not hold
  // the working directory was inherited from an npm further up (a test or a supervisor that
  // started this process elsewhere) and says nothing about this command.
  const within = init ? relative(init, cwd) : '..';
  const base = init && !within.startsWith('..') && !isAbsolute(within) ? init : cwd;
  return resolve(base, dataDir || DEFAULT_DATA_DIR);
}
