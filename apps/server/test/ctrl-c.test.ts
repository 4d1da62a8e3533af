import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Ctrl-C as a user presses it: `npm start` in a terminal (a pseudo-terminal from util-linux's
// `script`), so the terminal sends SIGINT to the whole foreground process group (npm, the
// shells, the server) and npm's own handling is part of what is tested.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = join(mkdtempSync(join(tmpdir(), 'breachless-ctrl-c-')), 'data');
const ETX = '\x03';

// The user's environment, not the test runner's: npm's variables would point `npm start` at a
// workspace, DATABASE_URL at PostgreSQL, chat credentials would start Slack or Teams.
const userEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^(npm_|INIT_CWD$|DATABASE_URL$|BREACHLESS_|SLACK_|MICROSOFT_)/.test(k),
  ),
);

/**
 * `npm start` on the test's data directory in a pseudo-terminal; `typed` sends keys as the
 * terminal would, `until` resolves once the output matches.
 */
function npmStart() {
  const child = spawn('script', ['-qfec', 'npm start', '/dev/null'], {
    cwd: ROOT,
    env: { ...userEnv, BREACHLESS_DATA_DIR: dataDir, PORT: '0' },
  });
  let out = '';
  const waiting = new Set<() => void>();
  const read = (chunk: Buffer) => {
    out += chunk.toString();
    for (const check of waiting) check();
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  const until = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(out)) return;
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
      void exited.then(() => {
        if (waiting.delete(check)) reject(new Error(`ended before ${pattern}:\n${out}`));
      });
    });
  return { typed: (keys: string) => child.stdin.write(keys), until, exited, output: () => out };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the demo, types a command, presses Ctrl-C `pressAfter` ms later (and again at each
 * `thenAfter`), then checks the stop was the clean one.
 */
async function ctrlC(pressAfter: number, thenAfter: readonly number[] = []) {
  const run = npmStart();
  await run.until(/Breachless is running/);
  expect(existsSync(`${dataDir}.lock`), 'the running server holds the lock').toBe(true);
  run.typed('/sla stats 7d\r');
  await later(pressAfter);
  run.typed(ETX);
  for (const ms of thenAfter) {
    await later(ms);
    run.typed(ETX);
  }
  const code = await run.exited;
  const output = run.output();
  expect(output, output.slice(-2000)).toContain('Stopped. `npm start` again resumes');
  expect(output).not.toMatch(/forced to stop|could not stop cleanly|npm error/);
  // npm ends 130 on Ctrl-C (128 + SIGINT), whatever the script's own exit code.
  expect(code).toBe(130);
  expect(existsSync(`${dataDir}.lock`), 'the stopped server left the lock').toBe(false);
}

// Each try starts again on the data directory the try before stopped: the start succeeding is
// the proof the stop before it left the database whole and unlocked. Three tries, each a full
// `npm start` (some 14 s of CPU): while the typed command is answered, a few seconds into the
// replay, and pressed twice in a row between them.
describe('Ctrl-C on npm start, a moment after a typed command', () => {
  for (const ms of [500, 3_000])
    it(`stops cleanly when pressed ${ms} ms after`, () => ctrlC(ms), 300_000);

  it('keeps stopping when pressed twice in a row', () => ctrlC(1_500, [150]), 300_000);
});
