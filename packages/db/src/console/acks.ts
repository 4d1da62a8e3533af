import { and, eq, inArray } from 'drizzle-orm';
import { cycleAcks } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** Who acknowledged or snoozed a cycle, as the console shows it beside the cycle. */
export interface CycleAckView {
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  readonly user: string;
  readonly kind: 'ack' | 'snooze';
  /** Epoch milliseconds; null for an ack. */
  readonly until: number | null;
}

/** The acknowledgements and snoozes of these tickets' cycles, from chat or the console. */
export async function acksOfTickets(
  db: Database,
  tenant: string,
  tickets: readonly string[],
): Promise<CycleAckView[]> {
  if (tickets.length === 0) return [];
  const rows = await db
    .select()
    .from(cycleAcks)
    .where(and(eq(cycleAcks.tenantId, tenant), inArray(cycleAcks.ticketId, [...tickets])));
  return rows.map((r) => ({
    ticket: r.ticketId,
    metric: r.metric,
    cycle: r.cycle,
    user: r.userId,
    kind: r.kind === 'snooze' ? 'snooze' : 'ack',
    until: r.until ? r.until.getTime() : null,
  }));
}
