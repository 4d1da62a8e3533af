/**
 * A progress line for long imports on stderr: redrawn in place on a terminal, and printed
 * every tenth of the way otherwise (logs in CI), so stdout stays free for the summary.
 * The share is of the file read, which runs ahead of the storing (streams read ahead, the
 * last batches are stored after the last byte is read): it shows at most 99% until
 * `finish`, so 100% means done.
 */
export function progressReporter(
  write: (text: string) => void,
  isTerminal: boolean,
  total: number,
) {
  const started = Date.now();
  let lastTenth = -1;
  const draw = (share: number, counts: string, end: string) => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const bar = isTerminal ? `\r[${'#'.repeat(Math.round(share * 30)).padEnd(30, '.')}] ` : '';
    const percent = `${Math.floor(share * 100)}%`;
    write(
      `${bar}${isTerminal ? percent.padStart(4) : percent}  ${counts}  ${seconds.toFixed(1)} s${end}`,
    );
  };
  return {
    update(done: number, counts: string): void {
      const share = total > 0 ? Math.min(0.99, done / total) : 0;
      if (isTerminal) draw(share, counts, '');
      else if (Math.floor(share * 10) > lastTenth) {
        lastTenth = Math.floor(share * 10);
        draw(share, counts, '\n');
      }
    },
    /** The 100% line, with the final counts. */
    finish(counts: string): void {
      draw(1, counts, '\n');
    },
  };
}
