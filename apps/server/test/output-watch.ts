import type { ChildProcess } from 'node:child_process';

/**
 * Collects a child's stdout and stderr, and waits for patterns in them as the output arrives,
 * never polled (a poll would take a core from the process it waits for): `until` resolves once
 * the output matches and fails if the process ends first.
 */
export function watchOutput(child: ChildProcess) {
  let out = '';
  const waiting = new Set<() => void>();
  const read = (chunk: Buffer) => {
    out += chunk.toString();
    for (const check of waiting) check();
  };
  child.stdout?.on('data', read);
  child.stderr?.on('data', read);
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
      void exited.then((code) => {
        if (waiting.delete(check)) reject(new Error(`exited ${code} before ${pattern}:\n${out}`));
      });
    });
  return { until, exited, output: () => out };
}
