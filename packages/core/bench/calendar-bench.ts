import { IntervalTable } from '../src/calendar/table.js';
import { instants, OFFICE } from './office.js';
import { luxonAdd, luxonBetween } from './peers/luxon-day-loop.js';
import { momentAdd, momentBetween } from './peers/moment-business-time.js';
import { prng, timeMedian } from './prng.js';

export interface ArithmeticResult {
  name: string;
  cases: number;
  addPerSecond: number;
  betweenPerSecond: number;
  /** Results that differ from ours, out of `cases`. */
  addDisagree: number;
  betweenDisagree: number;
}

const ADD_SECONDS = 240 * 60;

/**
 * `add` of 240 business minutes and `between` of two instants a few days apart, on
 * Mon-Fri 09:00-17:00 New York with holidays: ours and two peers, on the same inputs.
 * Peers are far slower, so they time a slice of the inputs; rates are per operation.
 */
export function calendarBench(n: number, runs: number): ArithmeticResult[] {
  const random = prng(2026);
  const starts = instants(random, n);
  const ends = starts.map((s) => s + Math.floor(random() * 5 * 24 * 60) * 60_000);
  const ours = new IntervalTable(OFFICE);
  const oursAdd = starts.map((s) => ours.add(s, ADD_SECONDS));
  const oursBetween = starts.map((s, i) => ours.between(s, ends[i] as number));
  const peers: [
    string,
    (a: number, d: number) => number,
    (a: number, b: number) => number,
    number,
  ][] = [
    ['breachless (interval table)', (a, d) => ours.add(a, d), (a, b) => ours.between(a, b), n],
    ['moment-business-time 2.0', momentAdd, momentBetween, Math.ceil(n / 10)],
    ['luxon day-by-day loop', luxonAdd, luxonBetween, Math.ceil(n / 10)],
  ];
  return peers.map(([name, add, between, cases]) => {
    const addTime = timeMedian(runs, () => {
      for (let i = 0; i < cases; i++) add(starts[i] as number, ADD_SECONDS);
    });
    const betweenTime = timeMedian(runs, () => {
      for (let i = 0; i < cases; i++) between(starts[i] as number, ends[i] as number);
    });
    let addDisagree = 0;
    let betweenDisagree = 0;
    for (let i = 0; i < cases; i++) {
      if (add(starts[i] as number, ADD_SECONDS) !== oursAdd[i]) addDisagree++;
      if (between(starts[i] as number, ends[i] as number) !== oursBetween[i]) betweenDisagree++;
    }
    return {
      name,
      cases,
      addPerSecond: cases / addTime,
      betweenPerSecond: cases / betweenTime,
      addDisagree,
      betweenDisagree,
    };
  });
}
