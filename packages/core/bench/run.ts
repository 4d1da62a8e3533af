/**
 * `npm run bench`: business-time arithmetic against peers, and ticket evaluation.
 * BENCH_QUICK=1 runs a tenth of the work once, to check the code paths.
 */
import { calendarBench } from './calendar-bench.js';
import { configBench } from './config-bench.js';
import { machine } from './machine.js';
import { ticketBench } from './ticket-bench.js';

const quick = process.env.BENCH_QUICK === '1';
const runs = quick ? 1 : 5;
const n = quick ? 10_000 : 100_000;
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

console.log(`Machine: ${machine()}`);
console.log(`Runs: median of ${runs} after a warm-up${quick ? ' (BENCH_QUICK)' : ''}\n`);

const arithmetic = calendarBench(n, runs);
const ours = arithmetic[0];
console.log(
  '| implementation | cases | add / s | between / s | add disagreements | between disagreements |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of arithmetic) {
  console.log(
    `| ${r.name} | ${fmt(r.cases)} | ${fmt(r.addPerSecond)} | ${fmt(r.betweenPerSecond)} | ${r.addDisagree} | ${r.betweenDisagree} |`,
  );
}
const moment = arithmetic[1];
if (ours && moment) {
  console.log(
    `\nours / moment-business-time: add x${fmt(ours.addPerSecond / moment.addPerSecond)}, between x${fmt(ours.betweenPerSecond / moment.betweenPerSecond)}`,
  );
}

const tickets = ticketBench(n, runs);
console.log(
  '\n| tickets | events | cycles | tickets / s (sorted, per ticket) | tickets / s (flat list) | heap growth MiB |',
);
console.log('|---:|---:|---:|---:|---:|---:|');
console.log(
  `| ${fmt(tickets.tickets)} | ${fmt(tickets.events)} | ${fmt(tickets.cycles)} | ${fmt(tickets.sortedPerSecond)} | ${fmt(tickets.flatPerSecond)} | ${tickets.heapMiB.toFixed(1)} |`,
);
console.log(
  `flat list over sorted, in time: ${(tickets.sortedPerSecond / tickets.flatPerSecond).toFixed(2)}x (goal: within 1.5x)`,
);

const config = configBench(runs);
console.log(
  `\nlargest config allowed (100 calendars, 5,000 holidays, 200 policies, 1,000 conditions): validate ${fmt(config.validateMs)} ms, compile ${fmt(config.compileMs)} ms`,
);
console.log(`rss ${fmt(process.memoryUsage().rss / 2 ** 20)} MiB at the end`);
