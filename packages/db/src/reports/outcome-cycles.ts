import { and, asc, count, eq } from 'drizzle-orm';
import { cycles } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { countedWhere } from './counted.js';
import type { CycleFilter } from './cycle-filter.js';

/** A cycle that reached an outcome, as a drill-down from a compliance figure lists it. */
export interface OutcomeCycle {
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  readonly team: string | null;
  readonly priority: string | null;
  /** Epoch milliseconds: when the cycle was achieved or breached for the report. */
  readonly outcomeAt: number;
}

/**
 * The cycles behind one figure of a compliance report: the tenant's cycles of one outcome
 * (`achieved` or `breached`) and metric whose outcome falls in `[from, to)` (epoch
 * milliseconds), as the report counts them, earliest first, at most `limit`, with how many
 * there are in all.
 */
export async function outcomeCycles(
  db: Database,
  tenant: string,
  o: {
    from: number;
    to: number;
    limit: number;
    outcome: 'achieved' | 'breached';
    metric?: string | undefined;
  } & CycleFilter,
): Promise<{ items: OutcomeCycle[]; total: number }> {
  // The report's own condition for what it counts, narrowed to one outcome and metric.
  const where = and(
    countedWhere(tenant, [{ start: o.from, end: o.to }], o),
    eq(cycles.status, o.outcome),
    ...(o.metric === undefined ? [] : [eq(cycles.metric, o.metric)]),
  );
  const rows = await db
    .select({
      ticket: cycles.ticketId,
      metric: cycles.metric,
      cycle: cycles.cycle,
      team: cycles.team,
      priority: cycles.priority,
      outcomeAt: cycles.outcomeAt,
    })
    .from(cycles)
    .where(where)
    .orderBy(asc(cycles.outcomeAt), asc(cycles.ticketId), asc(cycles.metric), asc(cycles.cycle))
    .limit(o.limit);
  const [all] = await db.select({ n: count() }).from(cycles).where(where);
  return {
    items: rows.flatMap(({ outcomeAt, ...r }) =>
      outcomeAt ? [{ ...r, outcomeAt: outcomeAt.getTime() }] : [],
    ),
    total: Number(all?.n ?? 0),
  };
}
