import { sql } from 'drizzle-orm';
import type { Database } from './storage/index.js';
import { rowsOf } from './storage/index.js';

/** What the benches compare of a cycle, its instants in epoch milliseconds. */
export interface CycleFacts {
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  readonly status: string;
  readonly startedAt: number;
  readonly stoppedAt: number | null;
  readonly dueAt: number | null;
}

const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::bigint`);
// int8 is a string from postgres.js and a number from PGlite.
const instant = (v: string | number | null) => (v === null ? null : Number(v));

/** Every stored cycle of the database, in no particular order. */
export async function storedCycles(db: Database): Promise<CycleFacts[]> {
  const rows = rowsOf<{
    ticket_id: string;
    metric: string;
    cycle: number;
    status: string;
    started: string | number;
    stopped: string | number | null;
    due: string | number | null;
  }>(
    await db.execute(sql`
      select ticket_id, metric, cycle, status, ${ms('started_at')} as started,
        ${ms('stopped_at')} as stopped, ${ms('due_at')} as due
      from cycles`),
  );
  return rows.map((r) => ({
    ticket: r.ticket_id,
    metric: r.metric,
    cycle: r.cycle,
    status: r.status,
    startedAt: Number(r.started),
    stoppedAt: instant(r.stopped),
    dueAt: instant(r.due),
  }));
}

/**
 * Throws unless the stored cycles' keys are the expected ones, as lists sorted alike,
 * naming the counts and the first difference: a bench's check that its rounds stored what
 * the core computes.
 */
export function assertSameCycles(
  what: string,
  expected: readonly string[],
  stored: readonly string[],
): void {
  const differ = expected.findIndex((k, i) => stored[i] !== k);
  if (stored.length !== expected.length || differ >= 0)
    throw new Error(
      `${what} stored ${stored.length} cycles, the core has ${expected.length}; first difference: ${expected[differ]} vs ${stored[differ]}`,
    );
}
