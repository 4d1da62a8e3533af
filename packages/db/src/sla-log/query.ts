import { and, asc, type Column, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { cycles } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { SLA_LOG_FILTERS, type SlaLogFilterName } from './filters.js';

/** Which cycles the SLA log lists: those started in `[from, to)`, optionally of one group. */
export type SlaLogFilter = {
  /** Epoch milliseconds, like every instant of db's API. */
  readonly from: number;
  readonly to: number;
} & {
  /** `outcome` is the cycle's status: running, paused, achieved, breached or cancelled. */
  readonly [name in SlaLogFilterName]?: string | undefined;
};

/** One cycle of the SLA log, as its ticket's last evaluation stored it. */
export interface SlaLogRow {
  readonly ticket: string;
  readonly organization: string | null;
  readonly requester: string | null;
  readonly team: string | null;
  readonly agent: string | null;
  readonly priority: string | null;
  readonly policy: string | null;
  readonly contract: string | null;
  readonly metric: string;
  readonly cycle: number;
  readonly targetSeconds: number;
  readonly elapsedSeconds: number;
  /** Epoch milliseconds; `dueAt` is kept only while the cycle runs, `stoppedAt` once it stopped. */
  readonly startedAt: number;
  readonly dueAt: number | null;
  readonly stoppedAt: number | null;
  readonly breachedAt: number | null;
  readonly outcome: string;
}

/** Rows a page holds: one query each, so a year of cycles never sits in memory at once. */
export const SLA_LOG_PAGE_ROWS = 1000;

/** The column each filter reads; the log shows them as they are named. */
const FILTER_COLUMNS = {
  organization: cycles.organization,
  requester: cycles.requester,
  team: cycles.team,
  agent: cycles.agent,
  priority: cycles.priority,
  policy: cycles.policy,
  contract: cycles.contract,
  metric: cycles.metric,
  outcome: cycles.status,
} as const satisfies Record<SlaLogFilterName, unknown>;

const epoch = (column: Column) =>
  sql<number | null>`(extract(epoch from ${column}) * 1000)::float8`;

const COLUMNS = {
  ticket: cycles.ticketId,
  ...FILTER_COLUMNS,
  cycle: cycles.cycle,
  targetSeconds: cycles.targetSeconds,
  elapsedSeconds: cycles.elapsedSeconds,
  startedAt: sql<number>`(extract(epoch from ${cycles.startedAt}) * 1000)::float8`,
  dueAt: epoch(cycles.dueAt),
  stoppedAt: epoch(cycles.stoppedAt),
  breachedAt: epoch(cycles.breachedAt),
};

/** float8 comes back as a string from some drivers' raw paths: every instant as a number. */
const ms = (v: number | string | null) => (v === null ? null : Number(v));

/**
 * The tenant's cycles started in `[from, to)`, in start order (then ticket, metric and cycle),
 * a page of at most `pageRows` at a time. Each page is its own query continuing after the
 * last row of the one before (keyset paging on the `cycles_started` index), so memory stays
 * one page whatever the period, no transaction is held open between pages, and a caller that
 * stops reading (a client gone) stops the queries.
 */
export async function* slaLogPages(
  db: Database,
  tenant: string,
  filter: SlaLogFilter,
  pageRows = SLA_LOG_PAGE_ROWS,
): AsyncGenerator<SlaLogRow[]> {
  const where: SQL[] = [
    eq(cycles.tenantId, tenant),
    gte(cycles.startedAt, new Date(filter.from)),
    lt(cycles.startedAt, new Date(filter.to)),
  ];
  for (const name of SLA_LOG_FILTERS) {
    const value = filter[name];
    if (value !== undefined) where.push(eq(FILTER_COLUMNS[name], value));
  }
  let after: SQL | undefined;
  for (;;) {
    const page = await db
      .select(COLUMNS)
      .from(cycles)
      .where(and(...where, after))
      .orderBy(asc(cycles.startedAt), asc(cycles.ticketId), asc(cycles.metric), asc(cycles.cycle))
      .limit(pageRows);
    const rows = page.map((r) => ({
      ...r,
      startedAt: Number(r.startedAt),
      dueAt: ms(r.dueAt),
      stoppedAt: ms(r.stoppedAt),
      breachedAt: ms(r.breachedAt),
    }));
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < pageRows) return;
    const since = sql`to_timestamp(${last.startedAt}::float8 / 1000)`;
    // The plain bound lets the index start at the last page's instant; the row comparison
    // alone is no index condition there, and each page rescanned the period from its start
    // (200,000 cycles: 100 s instead of seconds).
    after = sql`${cycles.startedAt} >= ${since} and (${cycles.startedAt}, ${cycles.ticketId}, ${cycles.metric}, ${cycles.cycle}) >
      (${since}, ${last.ticket}, ${last.metric}, ${last.cycle})`;
  }
}
