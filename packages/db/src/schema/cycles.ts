import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant, tenantId } from './columns.js';

/** The core's output per cycle, kept current as events arrive and clocks run. */
export const cycles = pgTable(
  'cycles',
  {
    tenantId: tenantId(),
    ticketId: text('ticket_id').notNull(),
    metric: text('metric').notNull(),
    cycle: integer('cycle').notNull(),
    status: text('status').notNull(),
    policy: text('policy'),
    calendar: text('calendar'),
    targetSeconds: integer('target_seconds').notNull(),
    elapsedSeconds: integer('elapsed_seconds').notNull(),
    startedAt: instant('started_at').notNull(),
    stoppedAt: instant('stopped_at'),
    dueAt: instant('due_at'),
    breachedAt: instant('breached_at'),
    outcomeAt: instant('outcome_at'),
    warningsFired: jsonb('warnings_fired').$type<string[]>().notNull().default([]),
    /** Every fired level with its instant: what the worker turns into notifications. */
    fired: jsonb('fired').$type<{ level: string; at: string }[]>().notNull().default([]),
    /** The next instant the worker must look at this cycle; null when time alone changes nothing. */
    nextCheckAt: instant('next_check_at'),
    team: text('team'),
    agent: text('agent'),
    priority: text('priority'),
    channel: text('channel'),
    /** The ticket's organization and requester at the cycle's outcome (or now, while open). */
    organization: text('organization'),
    requester: text('requester'),
    /** The customer contract whose version judged the cycle; null under a plain policy. */
    contract: text('contract'),
    evaluatedAt: instant('evaluated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId, t.metric, t.cycle] }),
    index('cycles_next_check').on(t.nextCheckAt).where(sql`${t.nextCheckAt} is not null`),
    // Reports read cycles by outcome instant, always within a range (which implies not
    // null): open cycles have none, so they stay out of the index and a recompute or tick
    // rewriting an open cycle adds no entry to it.
    index('cycles_outcome').on(t.tenantId, t.outcomeAt).where(sql`${t.outcomeAt} is not null`),
    // At-risk lists (API, /sla at-risk, home tabs, digests): running cycles by due instant.
    // 1M cycles: 65 ms to 1.8 ms per list; a recompute's row write costs ~15% more.
    index('cycles_due').on(t.tenantId, t.dueAt).where(sql`${t.status} = 'running'`),
    // The SLA log pages through a period's cycles by start instant, a page per query.
    // Partial, though every row has a start: its readers always bound the start, which
    // implies not null, and a lookup of tickets by id cannot take it. A tenant the
    // statistics have not seen yet (a new one, or a young table) is estimated at a row or
    // two, and with a full index on (tenant_id, ...) the planner read a ticket's cycles by
    // scanning the tenant's whole range: 70-175 ms a write at 220,000 cycles.
    index('cycles_started').on(t.tenantId, t.startedAt).where(sql`${t.startedAt} is not null`),
  ],
);
