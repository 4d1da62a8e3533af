import { byTicket, type Engine, type Evaluation, type TicketEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { cycleKey, replaceCycles } from './cycle-write.js';
import type { Database } from './database.js';
import { loadEvents } from './event-store.js';
import { rowsOf } from './rows.js';
import type { cycles } from './schema/index.js';
import type { TicketCache } from './ticket-cache.js';

type CycleRow = typeof cycles.$inferInsert;

/** What the caller already knows: revisions read under the locks, events it just stored. */
export interface KnownState {
  readonly revisions: ReadonlyMap<string, number>;
  /** The events stored by this transaction, in the order they were stored. */
  readonly fresh: readonly TicketEvent[];
}

/**
 * Evaluates each ticket at `now`: from its cached checkpoint when the cache holds it at the
 * revision read under the lock and the events just stored all come after it (only the
 * cycles they can change are evaluated); otherwise from all its stored events, read back.
 * @param notify whether this recompute offers the outbox fired levels: a checkpoint made
 *   without doing so is not continued by one that does
 */
export async function evaluateTickets(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
  engine: Engine,
  now: number,
  cache: TicketCache | undefined,
  known: KnownState | undefined,
  notify: boolean,
): Promise<Map<string, Evaluation>> {
  const evaluations = new Map<string, Evaluation>();
  if (cache && known) {
    const fresh = byTicket(known.fresh);
    for (const id of ticketIds) {
      const revision = known.revisions.get(id);
      const entry = revision === undefined ? undefined : cache.take(tenant, id, revision);
      if (!entry || (notify && !entry.notified)) continue;
      const evaluation = engine.continueFrom(entry.checkpoint, fresh.get(id) ?? [], now);
      if (evaluation) evaluations.set(id, evaluation);
    }
  }
  const cold = ticketIds.filter((id) => !evaluations.has(id));
  // Events stamped after `now` (a helpdesk clock ahead of ours) take effect at their instant,
  // like everywhere else in the engine: the checkpoint holds them until then.
  const stored = byTicket(await loadEvents(db, tenant, cold));
  for (const id of cold)
    evaluations.set(id, engine.evaluateWithCheckpoint(id, stored.get(id) ?? [], now));
  return evaluations;
}

type TicketUpdate = {
  id: string;
  fields: unknown;
  policy: string | null;
  state: string;
  last_event_at: string | null;
};

/**
 * Writes each ticket's new fields in one statement and gives every ticket recomputed a new
 * revision, also those left without events (whose cycles are removed).
 * @returns the new revisions
 */
export async function updateTickets(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
  updates: readonly TicketUpdate[],
  evaluatedAt: Date,
): Promise<Map<string, number>> {
  // Tickets left without events keep their fields; sent as rows of their own so that the
  // statement reads one recordset, with no join for the planner to guess wrong.
  const given = new Set(updates.map((u) => u.id));
  const rows = [
    ...updates,
    ...ticketIds.filter((id) => !given.has(id)).map((id) => ({ id, keep: true })),
  ];
  const written = rowsOf<{ id: string; revision: string | number }>(
    await db.execute(sql`
      update tickets as t set
        fields = case when v.keep then t.fields else v.fields end,
        policy = case when v.keep then t.policy else v.policy end,
        state = case when v.keep then t.state else v.state end,
        last_event_at = case when v.keep then t.last_event_at else v.last_event_at end,
        evaluated_at = ${evaluatedAt.toISOString()}::timestamptz, revision = nextval('ticket_revisions')
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as v(id text, keep boolean, fields jsonb, policy text, state text, last_event_at timestamptz)
      where t.tenant_id = ${tenant} and t.id = v.id
      returning t.id, t.revision`),
  );
  return new Map(written.map((r) => [r.id, Number(r.revision)]));
}

/**
 * Writes the tickets' new cycle rows: for a ticket evaluated whole, its complete set (the
 * stored ones not in it are removed); for one continued from a checkpoint, the rows of the
 * cycles it evaluated again, and the removal of those of them no longer reported. Either
 * way PostgreSQL skips rows equal to the stored ones.
 */
export async function writeCycles(
  db: Database,
  tenant: string,
  evaluations: ReadonlyMap<string, Evaluation>,
  rows: readonly CycleRow[],
): Promise<void> {
  const whole = [...evaluations].filter(([, e]) => e.changed === null).map(([id]) => id);
  const complete = new Set(whole);
  const written = new Set(rows.map(cycleKey));
  const gone: [string, string, number][] = [];
  for (const [id, { changed }] of evaluations)
    for (const c of changed ?? []) {
      const key: [string, string, number] = [id, c.metric, c.cycle];
      if (!written.has(JSON.stringify(key))) gone.push(key);
    }
  await replaceCycles(
    db,
    tenant,
    { tickets: whole },
    rows.filter((r) => complete.has(r.ticketId)),
  );
  await replaceCycles(
    db,
    tenant,
    { gone },
    rows.filter((r) => !complete.has(r.ticketId)),
  );
}
