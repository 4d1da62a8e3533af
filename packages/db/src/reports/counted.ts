import type { CycleStatus } from '@breachless/core';
import { and, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import { cycles } from '../schema/index.js';
import { type CycleFilter, filterClauses } from './cycle-filter.js';

/** The outcomes a report counts; every other status has no outcome instant. */
const COUNTED: CycleStatus[] = ['achieved', 'breached'];

/**
 * The counted cycles of a report: the tenant's, with an outcome in one of `spans` (each
 * `[start, end)`; several when the periods missing from storage are not side by side),
 * filtered.
 */
export function countedWhere(
  tenant: string,
  spans: readonly { readonly start: number; readonly end: number }[],
  filter: CycleFilter,
): SQL {
  const within = spans.map(
    (s) =>
      and(gte(cycles.outcomeAt, new Date(s.start)), lt(cycles.outcomeAt, new Date(s.end))) as SQL,
  );
  return and(
    eq(cycles.tenantId, tenant),
    within.length === 1 ? within[0] : or(...within),
    inArray(cycles.status, COUNTED),
    ...filterClauses(filter),
  ) as SQL;
}

/** Side-by-side periods as one span each run: fewer conditions for the planner to weigh. */
export function spansOf(
  periods: readonly { readonly start: number; readonly end: number }[],
): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const p of [...periods].sort((a, b) => a.start - b.start)) {
    const last = spans[spans.length - 1];
    if (last && last.end === p.start) last.end = p.end;
    else spans.push({ start: p.start, end: p.end });
  }
  return spans;
}
