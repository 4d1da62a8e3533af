// What the lost-webhooks proofs (Zendesk's, GitHub's and Jira's) compare at the end: the
// cycles stored against the core's answer over the full history, and the notifications
// sent against the breaches that really happened. Each as sorted lines, so a difference
// reads as the ticket, metric and cycle it is about.
import type { TicketResult } from '@breachless/core';
import { type Database, schema } from '@breachless/db';
import { eq } from 'drizzle-orm';

const iso = (v: Date | number | null) => (v === null ? null : new Date(v).toISOString());

/** The tenant's stored cycles: `ticket metric cycle status started stopped due breached`. */
export async function storedCycles(db: Database, tenant: string): Promise<string[]> {
  const rows = await db.select().from(schema.cycles).where(eq(schema.cycles.tenantId, tenant));
  return rows
    .map((r) =>
      [
        r.ticketId,
        r.metric,
        r.cycle,
        r.status,
        ...[r.startedAt, r.stoppedAt, r.dueAt, r.breachedAt].map(iso),
      ].join(' '),
    )
    .sort();
}

/** The same lines for the core's evaluation. */
export function coreCycles(core: readonly TicketResult[]): string[] {
  return core
    .flatMap((t) =>
      t.cycles.map((c) =>
        [
          t.ticket,
          c.metric,
          c.cycle,
          c.status,
          ...[c.startedAt, c.stoppedAt, c.dueAt, c.breachedAt].map(iso),
        ].join(' '),
      ),
    )
    .sort();
}

/** The core's breaches, `ticket metric cycle`. */
export function coreBreaches(core: readonly TicketResult[]): string[] {
  return core
    .flatMap((t) =>
      t.cycles
        .filter((c) => c.breachedAt !== null)
        .map((c) => `${t.ticket} ${c.metric} ${c.cycle}`),
    )
    .sort();
}

/** The tenant's notifications: its breach ones (`ticket metric cycle`) and every one's key. */
export async function sentNotifications(db: Database, tenant: string) {
  const sent = await db
    .select()
    .from(schema.notifications)
    .where(eq(schema.notifications.tenantId, tenant));
  return {
    breaches: sent
      .filter((n) => n.level === 'breach')
      .map((n) => `${n.ticketId} ${n.metric} ${n.cycle}`)
      .sort(),
    keys: sent.map((n) => `${n.ticketId} ${n.metric} ${n.cycle} ${n.level}`),
  };
}
