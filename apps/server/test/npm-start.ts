import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { watchOutput } from './output-watch.js';

// `npm start` as a user runs it: in a terminal (a pseudo-terminal from util-linux's `script`),
// so Ctrl-C sends SIGINT to the whole foreground process group (npm, the shells, the server)
// and npm's own handling is part of what is tested.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// The user's environment, not the test runner's: npm's variables would point `npm start` at a
// workspace, DATABASE_URL at PostgreSQL, chat credentials would start Slack or Teams.
const userEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^(npm_|INIT_CWD$|DATABASE_URL$|BREACHLESS_|SLACK_|MICROSOFT_)/.test(k),
  ),
);

/**
 * `npm start` from the repository's root on `dataDir` in a pseudo-terminal; `typed` sends keys
 * as the terminal would, `until` resolves once the output matches (and fails if npm ends first).
 */
export function npmStart(dataDir: string) {
  const child = spawn('script', ['-qfec', 'npm start', '/dev/null'], {
    cwd: ROOT,
    env: { ...userEnv, BREACHLESS_DATA_DIR: dataDir, PORT: '0' },
  });
  const { until, exited, output } = watchOutput(child);
  return {
    typed: (keys: string) => child.stdin.write(keys),
    until,
    exited,
    output,
    /** Hangs up the terminal, which ends npm and the server as closing a terminal would. */
    kill: () => child.kill('SIGHUP'),
  };
}
