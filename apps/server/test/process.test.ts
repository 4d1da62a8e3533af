import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, schema } from '@breachless/db';
import { afterAll, describe, expect, it } from 'vitest';
import { npmStart } from './npm-start.js';
import { startServer, stopServer } from './server-process.js';

const CLI = fileURLToPath(new URL('../../cli/bin/breachless.js', import.meta.url));
const dataDir = join(mkdtempSync(join(tmpdir(), 'breachless-start-')), 'data');
const ETX = '\x03';

// One data directory for every start of this file, in order: each start succeeding on the
// directory the one before stopped is the proof that stop left the database whole and
// unlocked, and the first `npm start` resuming where the plain process stopped is the proof
// that the position was saved. Every start is a whole demo start (some 12 s of CPU).
let saved: Date | undefined;
// What a failed or timed-out test left running is stopped, so that nothing outlives the run.
const running: Array<{ kill(signal: NodeJS.Signals): unknown }> = [];
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});

describe('the server process (npm start)', () => {
  it('prints alerts, answers a typed command, stops cleanly on Ctrl-C', async () => {
    const first = startServer(
      ['--demo'],
      { BREACHLESS_DATA_DIR: dataDir, BREACHLESS_DEMO_SPEED: '20000' },
      /\[console chat #support #\d+\] ⚠/,
    );
    running.push(first.child);
    await first.seen;
    // The embedded database is this process's: a second one is told so, and nothing breaks.
    const cli = spawn(process.execPath, [CLI, 'stats', '7d', '--tenant', 'demo'], {
      env: { ...process.env, BREACHLESS_DATA_DIR: dataDir },
    });
    let cliErr = '';
    cli.stderr?.on('data', (chunk: Buffer) => {
      cliErr += chunk.toString();
    });
    const [cliCode] = await once(cli, 'exit');
    expect(cliCode).toBe(1);
    expect(cliErr).toContain(`${dataDir} is in use by process ${first.child.pid}`);
    first.child.stdin?.write('/sla stats bogus\n');
    await first.waitFor(/Usage: \/sla stats/);
    const code = await stopServer(first.child);
    expect(code, first.output().slice(-800)).toBe(0);
    expect(first.output()).toContain('Starting the demo at');
    expect(first.output()).toContain('Stopped.');
    // The position is saved in the database the demo replayed into.
    const stopped = await openDatabase({ dataDir });
    const [position] = await stopped.db.select().from(schema.simulatedClocks);
    await stopped.close();
    saved = position?.simAt;
    expect(saved).toBeInstanceOf(Date);
  });
});

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ctrl-C as a user presses it (npm-start.ts): starts the demo, types a command, presses Ctrl-C
 * `pressAfter` ms later (and again at each `thenAfter`), then checks the stop was the clean
 * one. Returns what the run printed.
 */
async function ctrlC(pressAfter: number, thenAfter: readonly number[] = []) {
  const run = npmStart(dataDir);
  running.push(run);
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
  return output;
}

// Three tries: while the typed command is answered, a few seconds into the replay, and pressed
// twice in a row between them.
describe('Ctrl-C on npm start, a moment after a typed command', () => {
  it('stops cleanly when pressed 500 ms after, having resumed where the last stop left it', async () => {
    expect(saved, 'the plain start above saved a position').toBeDefined();
    const output = await ctrlC(500);
    expect(output).toContain(`Resuming the demo at ${saved?.toISOString()}`);
  });

  it('stops cleanly when pressed 3000 ms after', () => ctrlC(3_000));

  it('keeps stopping when pressed twice in a row', () => ctrlC(1_500, [150]));
});
