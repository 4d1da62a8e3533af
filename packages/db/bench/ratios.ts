/**
 * The committed speed ratios the regression check holds the code to: each "ours over a
 * limit measured in the same run" (PostgreSQL's own statement, or a peer), so the machine's
 * speed and load cancel out. Adding one is an entry in ratios.json and a test that measures
 * it and calls checkRatio.
 */
import { readFileSync } from 'node:fs';

/** How much worse than committed a ratio may get before the check fails (load, noise). */
export const TOLERANCE = 3;

interface Entry {
  readonly ratio: number;
  /** What was measured for the committed ratio: bench, scale, and the two figures. */
  readonly measured: string;
}

const committed = JSON.parse(
  readFileSync(new URL('./ratios.json', import.meta.url), 'utf8'),
) as Record<string, Entry>;

/**
 * The committed ratio `name` and the most a measurement may show: the ratio times TOLERANCE.
 * @throws Error when ratios.json has no such entry
 */
export function ratioLimit(name: string): { committed: number; most: number } {
  const entry = committed[name];
  if (!entry) throw new Error(`bench/ratios.json has no ratio "${name}"`);
  return { committed: entry.ratio, most: entry.ratio * TOLERANCE };
}

/** The median of some samples. */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Times `ours` and `limit` in turns, `rounds` each, and gives the ratio of their medians:
 * taking turns puts both under the same load.
 */
export async function timeRatio(
  ours: () => Promise<unknown>,
  limit: () => Promise<unknown>,
  rounds: number,
): Promise<number> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let start = performance.now();
    await ours();
    a.push(performance.now() - start);
    start = performance.now();
    await limit();
    b.push(performance.now() - start);
  }
  return median(a) / median(b);
}
