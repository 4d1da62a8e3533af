import type { AlertPayload } from '@breachless/core';
import { and, desc, eq } from 'drizzle-orm';
import { cycles, notifications } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** What an alert's buttons need about its cycle: the latest notification and where it stands. */
export interface CycleAlert {
  readonly level: string;
  readonly late: boolean;
  readonly payload: AlertPayload;
  /** The cycle's status now, or null when the ticket no longer has that cycle. */
  readonly status: string | null;
  readonly calendar: string | null;
}

/** The latest notification of a cycle with the cycle's current status, or null if none. */
export async function cycleAlert(
  db: Database,
  tenant: string,
  key: { ticket: string; metric: string; cycle: number },
): Promise<CycleAlert | null> {
  const [latest] = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.tenantId, tenant),
        eq(notifications.kind, 'alert'),
        eq(notifications.ticketId, key.ticket),
        eq(notifications.metric, key.metric),
        eq(notifications.cycle, key.cycle),
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(1);
  if (!latest) return null;
  const [cycle] = await db
    .select({ status: cycles.status, calendar: cycles.calendar })
    .from(cycles)
    .where(
      and(
        eq(cycles.tenantId, tenant),
        eq(cycles.ticketId, key.ticket),
        eq(cycles.metric, key.metric),
        eq(cycles.cycle, key.cycle),
      ),
    );
  return {
    level: latest.level,
    late: latest.late,
    // A row of kind 'alert' holds an alert's payload (notification-rows.ts writes them).
    payload: latest.payload as AlertPayload,
    status: cycle?.status ?? null,
    calendar: cycle?.calendar ?? null,
  };
}

/** The team of an agent's most recently evaluated cycle: "my team" on a home tab. */
export async function teamOfAgent(
  db: Database,
  tenant: string,
  agent: string,
): Promise<string | null> {
  const [row] = await db
    .select({ team: cycles.team })
    .from(cycles)
    .where(and(eq(cycles.tenantId, tenant), eq(cycles.agent, agent)))
    .orderBy(desc(cycles.evaluatedAt))
    .limit(1);
  return row?.team ?? null;
}
