import {
  type CycleStatus,
  complianceReport,
  type Metric,
  type ReportCycle,
  type ReportOptions,
  type ReportRow,
} from '@breachless/core';
import { type SQL, sql } from 'drizzle-orm';
import { cycles } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { sqlComplianceRows } from './compliance-sql.js';
import { countedWhere } from './counted.js';
import type { CycleFilter } from './cycle-filter.js';
import { periodComplianceRows } from './periods.js';

/**
 * The compliance report of the tenant's stored cycles whose outcome is in `[from, to)`: the
 * rows `breachless report` gives for the same events, computed by the core's
 * `complianceReport` so both paths share one definition of every figure.
 *
 * Given `now`, a report grouped by day, week or month over whole periods reads its closed
 * periods from `report_periods` (periods.ts) and computes only the open one: a year
 * by month costs the month in progress, not the year. Other reports read the cycles.
 * A cycle counts as its ticket was last evaluated: one that breached since (no new event,
 * the worker not yet past its due instant) counts once the worker records the breach.
 * `signal` stops the work between periods (the client gone, or its timeout passed).
 * @throws RangeError for options the core refuses (unknown group key or zone, reversed period)
 */
export async function complianceRows(
  db: Database,
  tenant: string,
  options: ReportOptions,
  filter: CycleFilter = {},
  now?: number,
  signal?: AbortSignal,
): Promise<ReportRow[]> {
  const raw = (d: Database, o: ReportOptions, f: CycleFilter) =>
    cycleComplianceRows(d, tenant, o, f);
  if (now !== undefined) {
    complianceReport([], options); // the core's checks first: a bad zone fails the same way
    const rows = await periodComplianceRows(db, tenant, options, filter, now, raw, signal);
    if (rows) return rows;
  }
  return raw(db, options, filter);
}

/** The counted cycles of a report: the tenant's, with an outcome in the period, filtered. */
function countedIn(tenant: string, options: ReportOptions, filter: CycleFilter): SQL {
  return countedWhere(tenant, [{ start: options.from, end: options.to }], filter);
}

/**
 * The report from the cycles themselves, computed by PostgreSQL in one statement
 * (compliance-sql.ts): the cycles never leave the database, which is what made a year of a
 * large tenant cost seconds of loading rows.
 */
export function cycleComplianceRows(
  db: Database,
  tenant: string,
  options: ReportOptions,
  filter: CycleFilter,
): Promise<ReportRow[]> {
  return sqlComplianceRows(db, options, countedIn(tenant, options, filter));
}

/**
 * The same report with every counted cycle loaded and given to the core's
 * `complianceReport`: the definition the SQL path must equal to the byte (tests and the
 * report bench compare the two). Only the columns the report reads are loaded (the
 * `cycles_outcome` index finds the period); the fields a cycle is grouped by are those the
 * cycle row kept from its outcome.
 */
export async function coreComplianceRows(
  db: Database,
  tenant: string,
  options: ReportOptions,
  filter: CycleFilter,
): Promise<ReportRow[]> {
  const rows = await db
    .select({
      metric: cycles.metric,
      status: cycles.status,
      elapsedSeconds: cycles.elapsedSeconds,
      // Epoch milliseconds, not a Date per row: a year of a large tenant is millions of rows.
      outcomeAt: sql<number>`(extract(epoch from ${cycles.outcomeAt}) * 1000)::float8`,
      policy: cycles.policy,
      team: cycles.team,
      agent: cycles.agent,
      priority: cycles.priority,
      channel: cycles.channel,
      organization: cycles.organization,
      contract: cycles.contract,
    })
    .from(cycles)
    .where(countedIn(tenant, options, filter));
  // The columns hold what the engine wrote (ingest/cycle-rows.ts), so the casts restore its types.
  const counted: ReportCycle[] = rows.map((r) => ({
    metric: r.metric as Metric,
    status: r.status as CycleStatus,
    elapsedSeconds: r.elapsedSeconds,
    outcomeAt: r.outcomeAt,
    policy: r.policy,
    contract: r.contract,
    fields: {
      team: r.team,
      assignee: r.agent,
      priority: r.priority,
      channel: r.channel,
      organization: r.organization,
    },
  }));
  return complianceReport([{ cycles: counted }], options);
}
