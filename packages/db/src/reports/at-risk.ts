import { and, asc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { cycles } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/**
 * Which running cycles to list: those due in `[from, to]` (epoch milliseconds), optionally of
 * one group.
 */
export interface AtRiskFilter {
  readonly from: number;
  readonly to: number;
  readonly team?: string | undefined;
  readonly priority?: string | undefined;
  readonly metric?: string | undefined;
  readonly agent?: string | undefined;
  readonly limit: number;
}

/** A running cycle with its due instant, as the last evaluation of its ticket stored it. */
export interface AtRiskCycle {
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  readonly policy: string | null;
  readonly calendar: string | null;
  readonly team: string | null;
  readonly agent: string | null;
  readonly priority: string | null;
  readonly channel: string | null;
  /** Epoch milliseconds, like every instant of db's API. */
  readonly startedAt: number;
  readonly targetSeconds: number;
  readonly warningsFired: readonly string[];
  readonly dueAt: number;
}

/**
 * The tenant's running cycles due within `[from, to]`, soonest first (then by ticket, metric
 * and cycle, so that equal due instants list the same way every time), at most `limit`.
 * A running cycle already past its due instant is breached, only not yet recomputed by the
 * worker, so a caller asking "what is at risk" passes `from` = now and never sees it.
 */
export async function atRiskCycles(
  db: Database,
  tenant: string,
  filter: AtRiskFilter,
): Promise<AtRiskCycle[]> {
  // A null due_at never satisfies the range, so paused cycles drop out here too.
  const where: SQL[] = [
    eq(cycles.tenantId, tenant),
    eq(cycles.status, 'running'),
    gte(cycles.dueAt, new Date(filter.from)),
    lte(cycles.dueAt, new Date(filter.to)),
  ];
  if (filter.team !== undefined) where.push(eq(cycles.team, filter.team));
  if (filter.priority !== undefined) where.push(eq(cycles.priority, filter.priority));
  if (filter.metric !== undefined) where.push(eq(cycles.metric, filter.metric));
  if (filter.agent !== undefined) where.push(eq(cycles.agent, filter.agent));
  const rows = await db
    .select({
      ticket: cycles.ticketId,
      metric: cycles.metric,
      cycle: cycles.cycle,
      policy: cycles.policy,
      calendar: cycles.calendar,
      team: cycles.team,
      agent: cycles.agent,
      priority: cycles.priority,
      channel: cycles.channel,
      startedAt: cycles.startedAt,
      targetSeconds: cycles.targetSeconds,
      warningsFired: cycles.warningsFired,
      dueAt: cycles.dueAt,
    })
    .from(cycles)
    .where(and(...where))
    .orderBy(asc(cycles.dueAt), asc(cycles.ticketId), asc(cycles.metric), asc(cycles.cycle))
    .limit(filter.limit);
  // The range already excludes a null due_at; this only tells the type system.
  return rows.flatMap(({ dueAt, startedAt, ...row }) =>
    dueAt ? [{ ...row, startedAt: startedAt.getTime(), dueAt: dueAt.getTime() }] : [],
  );
}
