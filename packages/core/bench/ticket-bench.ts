import { Engine } from '../src/engine/engine.js';
import { compareEvents } from '../src/engine/order.js';
import { BENCH_CONFIG, histories } from './histories.js';
import { timeMedian } from './prng.js';

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
 * its results made the garbage collector's share look like the flat path's own.
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
  let cycles = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  const sorted = timeMedian(runs, () => {
    const results = tickets.map((events) =>
      engine.evaluateSorted((events[0] as { ticket: string }).ticket, events, now),
    );
    cycles = results.reduce((n, r) => n + r.cycles.length, 0);
  });
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  let flatCycles = 0;
  const whole = timeMedian(runs, () => {
    flatCycles = engine.evaluate(flat, now).reduce((n, r) => n + r.cycles.length, 0);
  });
  // The two paths must agree, or the comparison is of different work.
  if (flatCycles !== cycles) throw new Error(`flat list: ${flatCycles} cycles, not ${cycles}`);
  return {
    tickets: count,
    events: flat.length,
    cycles,
    sortedPerSecond: count / sorted,
    flatPerSecond: count / whole,
    heapMiB,
  };
}
