import type { CycleResult, TicketResult } from '@breachless/core';
import type { notifications } from './schema/index.js';

type NotificationRow = typeof notifications.$inferInsert;

const OPEN = new Set(['running', 'paused', 'breached']);
const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** Whether anyone still needs to hear about this cycle: it is open (a stopped cycle's warning is stale). */
function stillOpen(c: CycleResult): boolean {
  return c.stoppedAt === null && OPEN.has(c.status);
}

/**
 * The notifications a ticket's fired levels call for: one per open cycle and level, warnings
 * and breach alike. The outbox's unique key makes creating them idempotent, so callers may
 * offer the same rows at every recompute. A level noticed more than `lateAfterMs` after its
 * instant (the worker was down, or the event arrived late) is marked late.
 */
export function notificationRows(
  tenant: string,
  ticket: TicketResult,
  now: number,
  lateAfterMs: number,
): NotificationRow[] {
  const rows: NotificationRow[] = [];
  for (const c of ticket.cycles) {
    if (!stillOpen(c)) continue;
    for (const fired of c.fired) {
      rows.push({
        tenantId: tenant,
        ticketId: ticket.ticket,
        metric: c.metric,
        cycle: c.cycle,
        level: fired.level,
        at: new Date(fired.at),
        late: now - fired.at > lateAfterMs,
        payload: {
          subject: text(ticket.fields.subject),
          url: text(ticket.fields.url),
          priority: text(ticket.fields.priority),
          team: text(c.fields.team),
          assignee: text(c.fields.assignee),
          policy: c.policy,
          targetSeconds: c.targetSeconds,
          dueAt: c.dueAt === null ? null : new Date(c.dueAt).toISOString(),
          breachedAt: c.breachedAt === null ? null : new Date(c.breachedAt).toISOString(),
        },
      });
    }
  }
  return rows;
}
