import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

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
  let out = '';
  const waiting = new Set<() => void>();
  const read = (chunk: Buffer) => {
    out += chunk.toString();
    for (const check of waiting) check();
  };
  child.stdout?.on('data', read);
  child.stderr?.on('data', read);
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(out)) return;
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
      child.once('exit', (code) => {
        if (waiting.delete(check)) reject(new Error(`exited ${code} before ${pattern}:\n${out}`));
      });
    });
  return { child, seen: waitFor(until), waitFor, output: () => out };
}

/** Ctrl-C, then the exit code. */
export async function stopServer(child: ChildProcess): Promise<number | null> {
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  return (await exited)[0] as number | null;
}
