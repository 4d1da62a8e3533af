import { cpus } from 'node:os';
import type { FakeSlack } from '@breachless/chat/testing';
import { type Database, schema } from '@breachless/db';
import { count, eq, inArray } from 'drizzle-orm';
import type { FaultRecord } from './chaos.js';
import type { CheckResult } from './check-types.js';
import type { LoadOutcome } from './load.js';
import type { SoakOptions } from './options.js';

/** Slack deliveries not settled yet: pending (maybe backing off) or claimed. */
export async function undelivered(db: Database): Promise<number> {
  const { deliveries } = schema;
  const [row] = await db
    .select({ n: count() })
    .from(deliveries)
    .where(inArray(deliveries.state, ['pending', 'sending']));
  return Number(row?.n ?? 0);
}

/** One progress line: notifications so far, deliveries waiting, messages Slack has. */
export async function progress(
  db: Database,
  tenant: string,
  slack: FakeSlack,
  say: (line: string) => void,
): Promise<void> {
  const { notifications, ticketEvents } = schema;
  const [events] = await db
    .select({ n: count() })
    .from(ticketEvents)
    .where(eq(ticketEvents.tenantId, tenant));
  const [notified] = await db
    .select({ n: count() })
    .from(notifications)
    .where(eq(notifications.tenantId, tenant));
  say(
    `events stored ${events?.n} · notifications ${notified?.n} · deliveries waiting ${await undelivered(db)} · Slack messages ${slack.posts.length} (calls refused so far: ${slack.refused(429)} with 429, ${slack.refused(500)} with 500)`,
  );
}

/** The run as Markdown: the figures docs/reliability.md reports. */
export function summary(run: {
  opts: SoakOptions;
  outcome: LoadOutcome;
  faults: readonly FaultRecord[];
  result: CheckResult;
  slack: FakeSlack;
  began: number;
  start: number;
}): string {
  const { opts, outcome, result, slack, start } = run;
  const lastAck = Math.max(...outcome.acked.values());
  const lines = [
    `## Soak run of ${new Date(run.began).toISOString().slice(0, 16)}Z`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}. Command: \`npm run soak -- --minutes ${opts.minutes} --rate ${opts.rate}\`.`,
    '',
    '### Load',
    `- events sent ${outcome.acked.size} acknowledged of ${run.result.counts['events sent']}, at ${(outcome.acked.size / ((lastAck - start) / 1000)).toFixed(1)} events/s over ${((lastAck - start) / 1000).toFixed(0)} s`,
    `- requests: ${outcome.latencies.length} accepted, p50 ${pct(outcome.latencies, 50)} ms, p99 ${pct(outcome.latencies, 99)} ms, max ${pct(outcome.latencies, 100)} ms; ${outcome.retries} sent again after a failure; ${outcome.refused.length} refused`,
    `- longest wait of an event between its instant and its acknowledgement: ${(outcome.maxLagMs / 1000).toFixed(1)} s`,
    '',
    '### Faults',
    '| fault | at (s into the load) | lasted (s) |',
    '|---|---:|---:|',
    ...run.faults.map(
      (f) =>
        `| ${f.name} | ${((f.startedAt - start) / 1000).toFixed(0)} | ${((f.endedAt - f.startedAt) / 1000).toFixed(1)} |`,
    ),
    `- Slack refused ${slack.refused(429)} calls with 429 and ${slack.refused(500)} with 500`,
    '',
    '### Alerts',
    busiest(slack),
    `- the Slack app was killed mid-send ${slack.kills.length} time(s); its messages sent again: ${result.counts['messages sent again after a kill of the Slack app'] ?? 0}; alerts its claims held more than 5 min: ${result.counts['messages held more than 5 min by a kill of the Slack app'] ?? 0}`,
    `- delay from a level's instant to its message in Slack (faults included): warnings p50 ${sec(pct(result.delays.warning, 50))}, p99 ${sec(pct(result.delays.warning, 99))}, max ${sec(pct(result.delays.warning, 100))}; breaches p50 ${sec(pct(result.delays.breach, 50))}, p99 ${sec(pct(result.delays.breach, 99))}, max ${sec(pct(result.delays.breach, 100))}`,
    '',
    '### Check',
    '| what | count |',
    '|---|---:|',
    ...Object.entries(result.counts)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `| ${k} | ${v} |`),
    '',
    result.ok
      ? '**Result: pass** (nothing lost, no cycle wrong, nothing misrouted, no message repeated but those a kill of the Slack app explains).'
      : `**Result: FAIL**\n\n${Object.entries(result.problems)
          .map(([kind, list]) => `- ${kind}:\n${list.map((l) => `  - ${l}`).join('\n')}`)
          .join('\n')}`,
  ];
  return lines.join('\n');
}

/** How many channels got messages, and the most any one got (Slack paces each to 1/s). */
function busiest(slack: FakeSlack): string {
  const perChannel = new Map<string, number>();
  for (const p of slack.posts) perChannel.set(p.channel, (perChannel.get(p.channel) ?? 0) + 1);
  const counts = [...perChannel.values()].sort((a, b) => b - a);
  return `- ${slack.posts.length} messages in ${perChannel.size} channels; the busiest got ${counts[0] ?? 0}, the next ${counts.slice(1, 4).join(', ')}; ${slack.of('chat.update').filter((c) => c.result).length} messages updated in place`;
}

/** The p-th percentile (nearest rank) of a list, 100 being its maximum. */
export function pct(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
