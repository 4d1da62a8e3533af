import { Engine } from '../src/engine/engine.js';
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
 */
export function ticketBench(count: number, runs: number): TicketBenchResult {
  const tickets = histories(count);
  const flat = tickets.flat();
  const engine = new Engine(BENCH_CONFIG);
  const now = Date.parse('2026-06-01T00:00:00Z');
  let cycles = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  const sorted = timeMedian(runs, () => {
    cycles = 0;
    for (const events of tickets)
      cycles += engine.evaluateSorted((events[0] as { ticket: string }).ticket, events, now).cycles
        .length;
  });
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const whole = timeMedian(runs, () => {
    engine.evaluate(flat, now);
  });
  return {
    tickets: count,
    events: flat.length,
    cycles,
    sortedPerSecond: count / sorted,
    flatPerSecond: count / whole,
    heapMiB,
  };
}
