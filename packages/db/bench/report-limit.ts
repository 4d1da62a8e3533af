/**
 * The report bench's data and its limit, shared with the regression check
 * (test/bench-ratios.test.ts): stored cycles of tenant `bench`, and PostgreSQL's own single
 * statement for a report's figures.
 */
import type { ReportOptions } from '@breachless/core';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/storage/database.js';

/**
 * `total` achieved and breached cycles with outcomes spread evenly over `[start, end)`,
 * 20 teams, 300 agents, 4 priorities, 4 metrics, 2 policies; one in ten breached at its
 * target. Half a million rows a statement.
 */
export async function seedCycles(
  db: Database,
  total: number,
  start: number,
  end: number,
): Promise<void> {
  const span = Math.floor((end - start) / 1000);
  for (let from = 1; from <= total; from += 500_000) {
    const to = Math.min(total, from + 499_999);
    await db.execute(sql`
      insert into cycles (tenant_id, ticket_id, metric, cycle, status, policy, target_seconds, elapsed_seconds,
        started_at, stopped_at, breached_at, outcome_at, team, agent, priority, channel, evaluated_at)
      select 'bench', 'T-' || g, (array['first_response','next_response','periodic_update','resolution'])[1 + (g % 4)::int], 1,
        case when g % 10 = 0 then 'breached' else 'achieved' end, (array['standard','vip'])[1 + (g % 2)::int],
        28800, case when g % 10 = 0 then 28800 else (g * 7919) % 28800 end,
        o - interval '1 day', case when g % 10 = 0 then null else o end, case when g % 10 = 0 then o else null end, o,
        'team-' || (g % 20), 'agent-' || (g % 300), (array['urgent','high','normal','low'])[1 + (g % 4)::int],
        (array['email','chat','phone','web'])[1 + ((g / 7) % 4)::int], now()
      from (select g, ${new Date(start).toISOString()}::timestamptz + ((g * 104729) % ${span}) * interval '1 second' as o
            from generate_series(${from}::bigint, ${to}::bigint) g) s`);
  }
}

/**
 * PostgreSQL's own answer for a report's figures (UTC, by day or month, and team if asked),
 * one statement: counts, sums, min/max and both percentiles per period, team, metric and
 * status. What the report path is measured against.
 */
export function limitStatement(db: Database, options: ReportOptions) {
  const unit = options.by.find((k) => k === 'day' || k === 'month') ?? 'day';
  const team = options.by.includes('team') ? sql`, team` : sql``;
  return db.execute(sql`
    select metric, status, date_trunc(${unit}, outcome_at at time zone 'UTC') as period ${team},
      count(*), sum(elapsed_seconds), min(elapsed_seconds), max(elapsed_seconds),
      percentile_cont(0.5) within group (order by elapsed_seconds::float8),
      percentile_cont(0.9) within group (order by elapsed_seconds::float8)
    from cycles where tenant_id = 'bench' and status in ('achieved', 'breached')
      and outcome_at >= ${new Date(options.from).toISOString()}::timestamptz
      and outcome_at < ${new Date(options.to).toISOString()}::timestamptz
    group by 1, 2, 3 ${team}`);
}
