import { createHash } from 'node:crypto';
import { Engine } from '../src/engine/engine.js';
import { compareEvents } from '../src/engine/order.js';
import type { TicketResult } from '../src/engine/types.js';
import { BENCH_CONFIG, histories } from './histories.js';
import { median } from './prng.js';

export interface TicketBenchResult {
  tickets: number;
  events: number;
  cycles: number;
  sortedPerSecond: number;
  flatPerSecond: number;
  heapMiB: number;
}

/**
 * Evaluates tickets of about 20 events into cycles: per ticket with pre-sorted events (as the
 * database path gives them), and as one flat list through `evaluate` (dedupe, group, sort).
 * Both keep every ticket's result, as a caller does: timing the sorted path while dropping
 * its results made the garbage collector's share look like the flat path's own. The paths
 * are timed in alternate rounds, in CPU time, and must make the same cycles (a hash of every
 * ticket's).
 */
export function ticketBench(count: number, runs: number): TicketBenchResult {
  const now = Date.parse('2026-06-01T00:00:00Z');
  // The sorted path is given what the database path gives it: the events up to now (the
  // flat path drops later ones itself) in compareEvents order (a history's events at one
  // instant are not), or the two would evaluate different histories.
  const tickets = histories(count)
    .map((events) => events.filter((e) => e.at <= now).sort(compareEvents))
    .filter((events) => events.length > 0);
  const flat = histories(count).flat();
  const engine = new Engine(BENCH_CONFIG);
  let bySorted: TicketResult[] = [];
  let byFlat: TicketResult[] = [];
  const sortedRun = () => {
    bySorted = tickets.map((events) =>
      engine.evaluateSorted((events[0] as { ticket: string }).ticket, events, now),
    );
  };
  const flatRun = () => {
    byFlat = engine.evaluate(flat, now);
  };
  sortedRun();
  flatRun();
  const heapBefore = process.memoryUsage().heapUsed;
  // Interleaved rounds, so that the machine's load moves both paths alike.
  const sortedTimes: number[] = [];
  const flatTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    sortedTimes.push(seconds(sortedRun));
    flatTimes.push(seconds(flatRun));
  }
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const [sorted, whole] = [median(sortedTimes), median(flatTimes)];
  // The two paths must make the same cycles, or the comparison is of different work.
  const [a, b] = [digest(bySorted), digest(byFlat)];
  if (a.digest !== b.digest)
    throw new Error(`flat list: ${b.cycles} cycles (${b.digest}), not ${a.cycles} (${a.digest})`);
  return {
    tickets: count,
    events: flat.length,
    cycles: a.cycles,
    sortedPerSecond: count / sorted,
    flatPerSecond: count / whole,
    heapMiB,
  };
}

/** Every ticket's cycles, in ticket id order, hashed: equal for equal results whatever their order. */
function digest(results: readonly TicketResult[]): { digest: string; cycles: number } {
  const hash = createHash('sha256');
  let cycles = 0;
  for (const r of [...results].sort((x, y) => (x.ticket < y.ticket ? -1 : 1))) {
    hash.update(`${r.ticket}\n${JSON.stringify(r.cycles)}\n`);
    cycles += r.cycles.length;
  }
  return { digest: hash.digest('hex').slice(0, 16), cycles };
}

/**
 * The process's CPU time (user and system) that `work` took. Evaluation is one thread's work,
 * so on an idle core this is its wall time; unlike wall time, it does not grow when other
 * processes share the cores (at load 20 a single round's wall time moved by 40%).
 */
function seconds(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}
