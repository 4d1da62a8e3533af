import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/**
 * The server as `npm start` runs it, ticking fast; `seen` resolves once its output matches
 * `until`. `from` runs another copy of the repository (its root, ending in `/`) from there.
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
  const seen = new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      if (until.test(out)) resolve();
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited ${code} before ${until}:\n${out}`)));
  });
  return { child, seen, output: () => out };
}

/** Ctrl-C, then the exit code. */
export async function stopServer(child: ChildProcess): Promise<number | null> {
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  return (await exited)[0] as number | null;
}
