import { parseDuration, type TicketFields } from '@breachless/core';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { insertNotifications } from '../outbox/index.js';
import { chatSubscriptions, cycles, type SubscriptionFilters, tickets } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import type { EngineCache } from '../tenants/index.js';
import { insertLadderDeliveries, type LadderDelivery, type Rung } from './deliveries.js';

/** Reminders a rung sends when `times:` is not typed. */
export const DEFAULT_REMINDERS = 3;

/** The level of a rung's `k`th reminder: `breach` first, so chat shows it as the breach. */
export const reminderLevel = (k: number, subscription: string) =>
  `breach reminder ${k} ${subscription}`;

type OpenBreach = Awaited<ReturnType<typeof openBreaches>>[number];

/** The tenant's breached cycles still open, with what an alert shows of their ticket. */
function openBreaches(db: Database, tenant: string) {
  return db
    .select({
      ticketId: cycles.ticketId,
      metric: cycles.metric,
      cycle: cycles.cycle,
      calendar: cycles.calendar,
      policy: cycles.policy,
      team: cycles.team,
      agent: cycles.agent,
      priority: cycles.priority,
      targetSeconds: cycles.targetSeconds,
      breachedAt: cycles.breachedAt,
      fields: tickets.fields,
    })
    .from(cycles)
    .innerJoin(tickets, and(eq(tickets.tenantId, cycles.tenantId), eq(tickets.id, cycles.ticketId)))
    .where(
      and(
        eq(cycles.tenantId, tenant),
        eq(cycles.status, 'breached'),
        isNull(cycles.stoppedAt),
        isNotNull(cycles.breachedAt),
      ),
    );
}

/** Whether a rung's filters take a cycle (its levels must include the breach, or be absent). */
function hears(f: SubscriptionFilters, c: OpenBreach): boolean {
  return (
    (f.levels === undefined || f.levels.split(',').includes('breach')) &&
    (f.team === undefined || f.team === c.team) &&
    (f.priority === undefined || f.priority === c.priority) &&
    (f.policy === undefined || f.policy === c.policy) &&
    (f.metric === undefined || f.metric === c.metric)
  );
}

const text = (fields: unknown, key: string) => {
  const v = (fields as Record<string, unknown> | null)?.[key];
  return typeof v === 'string' ? v : null;
};

/**
 * Queues the reminders of escalation ladders: for every alert subscription with `remind`
 * (business time, read in the cycle's calendar: in the ticket's zone for the customer's
 * hours) and every breached cycle it hears that is
 * still open, the latest reminder whose instant has come (`breachedAt + k x remind`, k up to
 * `times`) becomes one notification, created exactly once by the outbox's unique key (a
 * level per rung and k), with its deliveries in the same transaction: to the rung's channel,
 * or to the assignee by direct message for `to:assignee`. A cycle acknowledged, or snoozed
 * until later, gets its reminder recorded as suppressed. Reminders a worker that was down
 * missed are not sent one after another: only the latest is.
 * @returns the reminders created now
 */
export async function queueReminders(
  db: Database,
  engines: EngineCache,
  now: number,
): Promise<number> {
  const rungs = await db
    .select()
    .from(chatSubscriptions)
    .where(
      and(
        eq(chatSubscriptions.kind, 'alerts'),
        sql`${chatSubscriptions.filters}->>'remind' is not null`,
      ),
    );
  let created = 0;
  for (const tenant of new Set(rungs.map((r) => r.tenantId))) {
    const mine = rungs.filter((r) => r.tenantId === tenant);
    created += await tenantReminders(db, engines, tenant, mine, now);
  }
  return created;
}

async function tenantReminders(
  db: Database,
  engines: EngineCache,
  tenant: string,
  rungs: readonly Rung[],
  now: number,
): Promise<number> {
  const breaches = await openBreaches(db, tenant);
  if (breaches.length === 0) return 0;
  const engine = await engines.engineFor(db, tenant);
  const due: { rung: Rung; cycle: OpenBreach; k: number }[] = [];
  for (const rung of rungs) {
    const every = parseDuration(rung.filters.remind ?? '');
    const times = Number(rung.filters.times ?? DEFAULT_REMINDERS);
    if (every === undefined || every <= 0) continue;
    for (const c of breaches) {
      // The ticket's zone, as its cycle reads a calendar of the customer's hours now.
      const fields = (c.fields ?? {}) as TicketFields;
      const calendar = c.calendar === null ? null : engine.calendarFor(c.calendar, fields);
      if (!calendar || !c.breachedAt || !hears(rung.filters, c)) continue;
      let k = 0;
      while (k < times && calendar.add(c.breachedAt.getTime(), (k + 1) * every) <= now) k += 1;
      if (k > 0) due.push({ rung, cycle: c, k });
    }
  }
  if (due.length === 0) return 0;
  return db.transaction(async (tx) => {
    const made = await insertNotifications(
      tx,
      tenant,
      due.map(({ rung, cycle: c, k }) => ({
        tenantId: tenant,
        ticketId: c.ticketId,
        metric: c.metric,
        cycle: c.cycle,
        level: reminderLevel(k, rung.id),
        at: new Date(now),
        payload: {
          subject: text(c.fields, 'subject'),
          url: text(c.fields, 'url'),
          priority: c.priority,
          team: c.team,
          assignee: c.agent,
          policy: c.policy,
          targetSeconds: c.targetSeconds,
          dueAt: c.breachedAt?.toISOString() ?? null,
          breachedAt: c.breachedAt?.toISOString() ?? null,
          stoppedAt: null,
        },
      })),
    );
    if (made.length === 0) return 0;
    const rungOf = new Map(
      due.map(({ rung, cycle: c, k }) => [
        JSON.stringify([c.ticketId, c.metric, c.cycle, reminderLevel(k, rung.id)]),
        rung,
      ]),
    );
    const deliveries: LadderDelivery[] = made.flatMap((n) => {
      const rung = rungOf.get(JSON.stringify([n.ticketId, n.metric, n.cycle, n.level]));
      return rung ? [{ notification: n, rung }] : [];
    });
    await insertLadderDeliveries(tx, tenant, deliveries, now);
    return made.length;
  });
}
