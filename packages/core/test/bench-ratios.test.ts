/**
 * The regression check of the ticket bench at a small scale: one flat list through
 * `evaluate` (dedupe, group, sort) against the same tickets pre-sorted, held to the committed
 * ratio (bench/ratios.json) times a wide tolerance. Speed targets are the bench's business
 * (docs/benchmarks.md); a ratio of two paths timed in one run cancels the machine's speed,
 * and the tolerance its load, so this fails only on a change that makes the flat path
 * several times slower than the sorted one.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ticketBench } from '../bench/ticket-bench.js';

const TOLERANCE = 3;
const committed = JSON.parse(
  readFileSync(new URL('../bench/ratios.json', import.meta.url), 'utf8'),
) as Record<string, { ratio: number }>;

it('evaluates a flat list within the committed ratio of the pre-sorted path', () => {
  // ticketBench checks both paths made the same cycles.
  const r = ticketBench(2000, 3);
  expect(r.cycles).toBeGreaterThan(2000);
  const ratio = r.sortedPerSecond / r.flatPerSecond;
  console.log(`ticket evaluation, sorted / flat: ${ratio.toFixed(2)}`);
  expect(ratio).toBeLessThan((committed['ticket-flat-over-sorted']?.ratio ?? 0) * TOLERANCE);
});
