import { and, asc, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { cycles } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { type CycleFilter, filterClauses } from './cycle-filter.js';

/** A breached cycle with what a list of breaches shows. */
export interface BreachedCycle {
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  readonly team: string | null;
  readonly agent: string | null;
  readonly priority: string | null;
  /** Epoch milliseconds. */
  readonly breachedAt: number;
}

/**
 * The tenant's cycles that breached in `[from, to)` (epoch milliseconds), earliest first (or most overdue first),
 * at most `limit`, with how many there are in all (a chat answer says "showing 20 of 134").
 */
export async function breachedCycles(
  db: Database,
  tenant: string,
  o: { from: number; to: number; limit: number; worstFirst?: boolean } & CycleFilter,
): Promise<{ items: BreachedCycle[]; total: number }> {
  const where = and(
    eq(cycles.tenantId, tenant),
    eq(cycles.status, 'breached'),
    gte(cycles.outcomeAt, new Date(o.from)),
    lt(cycles.outcomeAt, new Date(o.to)),
    ...filterClauses(o),
  );
  const rows = await db
    .select({
      ticket: cycles.ticketId,
      metric: cycles.metric,
      cycle: cycles.cycle,
      team: cycles.team,
      agent: cycles.agent,
      priority: cycles.priority,
      breachedAt: cycles.breachedAt,
    })
    .from(cycles)
    .where(where)
    .orderBy(
      ...(o.worstFirst ? [desc(sql`${cycles.elapsedSeconds} - ${cycles.targetSeconds}`)] : []),
      asc(cycles.outcomeAt),
      asc(cycles.ticketId),
      asc(cycles.metric),
      asc(cycles.cycle),
    )
    .limit(o.limit);
  const [all] = await db.select({ n: count() }).from(cycles).where(where);
  return {
    items: rows.flatMap(({ breachedAt, ...r }) =>
      breachedAt ? [{ ...r, breachedAt: breachedAt.getTime() }] : [],
    ),
    total: Number(all?.n ?? 0),
  };
}
