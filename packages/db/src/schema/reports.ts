import { index, json, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant, tenantId } from './columns.js';

/**
 * The compliance rows of one closed day, week or month, as the core computed them from the
 * period's cycles, per zone and report shape (the other group keys and filters). Reports
 * grouped by that unit read closed periods from here and compute only the open one.
 * A trigger on `cycles` deletes the periods a changed outcome falls in (migration 0008).
 */
export const reportPeriods = pgTable(
  'report_periods',
  {
    tenantId: tenantId(),
    zone: text('zone').notNull(),
    unit: text('unit').notNull(),
    /** The group keys besides the unit and the filters, as JSON: `[["team"],{}]`. */
    shape: text('shape').notNull(),
    periodStart: instant('period_start').notNull(),
    periodEnd: instant('period_end').notNull(),
    // json, not jsonb: the rows come back with their keys in the order the core wrote them.
    rows: json('rows').notNull(),
    computedAt: instant('computed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.zone, t.unit, t.shape, t.periodStart] }),
    index('report_periods_span').on(t.tenantId, t.periodStart, t.periodEnd),
  ],
);

/** The report shapes asked for lately: the worker keeps their closed periods computed. */
export const reportShapes = pgTable(
  'report_shapes',
  {
    tenantId: tenantId(),
    zone: text('zone').notNull(),
    unit: text('unit').notNull(),
    shape: text('shape').notNull(),
    usedAt: instant('used_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.zone, t.unit, t.shape] })],
);
