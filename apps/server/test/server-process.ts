import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { watchOutput } from './output-watch.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/**
 * The server as `npm start` runs it, ticking fast; `seen` resolves once its output matches
 * `until`, and `waitFor` once it matches another pattern (checked as output arrives, never
 * polled: a poll would take a core from the server it waits for). `from` runs another copy
 * of the repository (its root, ending in `/`) from there.
 */
export function startServer(
  args: readonly string[],
  env: Record<string, string>,
  until: RegExp,
  from?: string,
) {
  const main = from ? `${from}apps/server/dist/main.js` : MAIN;
  const child = spawn(process.execPath, [main, ...args], {
    env: { ...process.env, PORT: '0', BREACHLESS_TICK_MS: '200', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(from ? { cwd: from } : {}),
  });
  const { until: waitFor, output } = watchOutput(child);
  return { child, seen: waitFor(until), waitFor, output };
}

/** Ctrl-C, then the exit code. */
export async function stopServer(child: ChildProcess): Promise<number | null> {
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  return (await exited)[0] as number | null;
}
