/**
 * A progress line for long imports on stderr: redrawn in place on a terminal, and printed
 * every tenth of the way otherwise (logs in CI), so stdout stays free for the summary.
 */
export function progressReporter(
  write: (text: string) => void,
  isTerminal: boolean,
  total: number,
) {
  const started = Date.now();
  let lastTenth = -1;
  return {
    update(done: number, counts: string): void {
      const share = total > 0 ? Math.min(1, done / total) : 0;
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      if (isTerminal) {
        const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
        write(
          `\r[${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${counts}  ${seconds.toFixed(1)} s`,
        );
      } else if (Math.floor(share * 10) > lastTenth) {
        lastTenth = Math.floor(share * 10);
        write(`${(share * 100).toFixed(0)}%  ${counts}  ${seconds.toFixed(1)} s\n`);
      }
    },
    finish(): void {
      if (isTerminal) write('\n');
    },
  };
}
