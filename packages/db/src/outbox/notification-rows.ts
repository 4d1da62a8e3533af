import type { CycleResult, TicketResult } from '@breachless/core';
import type { AlertRow } from './write.js';

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** How long after a cycle stopped its levels are still news, not history. */
const RECENT_MS = 86_400_000;

/**
 * Whether a cycle's levels are still news: open, or stopped within the last day. A level
 * can be noticed only after its cycle stopped (the reply came before the next scan, the
 * worker or PostgreSQL was down): the breach must still be announced, and the warning is
 * recorded (routing suppresses it as stale). Older stopped cycles are history, such as
 * imported tickets, and cancelled cycles count nowhere.
 */
function stillNews(c: CycleResult, now: number): boolean {
  if (c.status === 'cancelled') return false;
  return c.stoppedAt === null || now - c.stoppedAt <= RECENT_MS;
}

/**
 * The notifications a ticket's fired levels call for: one per cycle and level, warnings and
 * breach alike, for open cycles and those stopped within the last day. The outbox's unique
 * key makes creating them idempotent, so callers may
 * offer the same rows at every recompute. A level noticed more than `lateAfterMs` after its
 * instant (the worker was down, or the event arrived late) is marked late.
 */
export function notificationRows(
  tenant: string,
  ticket: TicketResult,
  now: number,
  lateAfterMs: number,
): AlertRow[] {
  const rows: AlertRow[] = [];
  for (const c of ticket.cycles) {
    if (!stillNews(c, now)) continue;
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
          stoppedAt: c.stoppedAt === null ? null : new Date(c.stoppedAt).toISOString(),
        },
      });
    }
  }
  return rows;
}
