import { bigint, pgTable } from 'drizzle-orm/pg-core';
import { instant, tenantId } from './columns.js';

/**
 * A tenant that runs on simulated time (the demo's replay of the sample log): the simulated
 * instant its last round ran at, so that every reader of the database (the CLI beside a
 * running demo) answers at the demo's time instead of the real clock, and where the replay
 * stands (`shiftMs`, the log moved by whole weeks), so that a restart on this database
 * resumes and a fresh database starts fresh. No row: the tenant runs on real time.
 */
export const simulatedClocks = pgTable('simulated_clocks', {
  tenantId: tenantId().primaryKey(),
  simAt: instant('sim_at').notNull(),
  shiftMs: bigint('shift_ms', { mode: 'number' }).notNull(),
  /** The real instant of the last round: how long ago a reader's answer was the demo's now. */
  updatedAt: instant('updated_at').notNull(),
});
