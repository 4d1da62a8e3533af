import {
  byTicket,
  type Engine,
  type Evaluation,
  type FirstContactFact,
  type TicketEvent,
} from '@breachless/core';
import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { executePrepared, rowsOf } from '../storage/index.js';
import { eventMarks, lastSeqOf, loadEventsMarked } from './event-store.js';
import type { IngestPhases } from './phases.js';
import type { CachedTicket, TicketCache } from './ticket-cache.js';

/** What the caller already knows: revisions read under the locks, events it just stored. */
export interface KnownState {
  readonly revisions: ReadonlyMap<string, number>;
  /** The events stored by this transaction, in the order they were stored. */
  readonly fresh: readonly TicketEvent[];
  /** Tickets with no stored event before this transaction: their events are all in `fresh`. */
  readonly created?: ReadonlySet<string>;
  /** The `seq` each event of `fresh` was stored with. */
  readonly seqs?: ReadonlyMap<string, number>;
  /** Tickets in quarantine when locked; when known, only those are released. */
  readonly quarantined?: ReadonlySet<string>;
}

/** Tickets evaluated, and the last `seq` of the stored events each one's checkpoint covers. */
export interface Evaluated {
  readonly evaluations: Map<string, Evaluation>;
  readonly lastSeq: Map<string, number>;
}

/**
 * Evaluates each ticket at `now`: from its cached checkpoint when it covers every stored
 * event of the ticket but the ones just stored, and those all come after it (only the
 * cycles they can change are evaluated); otherwise from all its stored events, read back.
 * A checkpoint is known to cover the stored events when the ticket row, read under its
 * lock, carries the revision it was cached at; after another process's recompute (a
 * worker's tick, which stores no events), or when the caller knows no revision (a worker
 * keeping a cache of its own), when the ticket has as many events as it covers and the
 * last of them is the one it saw last.
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
  phases?: IngestPhases,
): Promise<Evaluated> {
  const evaluations = new Map<string, Evaluation>();
  const lastSeq = new Map<string, number>();
  const fresh = byTicket(known?.fresh ?? []);
  // A ticket created by this transaction is evaluated from the events in hand: reading back
  // what was just written was most of the cost of a batch of new tickets.
  const created = ticketIds.filter((id) => known?.created?.has(id) && fresh.has(id));
  // Each ticket's last `seq` among these fresh events: as the store gave them, else read back.
  const lastOf = async (eventIds: readonly string[]) => {
    const given = known?.seqs;
    if (!given) return lastSeqOf(db, tenant, eventIds);
    const last = new Map<string, number>();
    for (const e of known.fresh) {
      const seq = given.get(e.id);
      if (seq !== undefined && seq > (last.get(e.ticket) ?? 0)) last.set(e.ticket, seq);
    }
    return last;
  };
  if (created.length > 0) {
    phases?.mark('evaluate');
    const seqs = await lastOf(created.flatMap((id) => (fresh.get(id) ?? []).map((e) => e.id)));
    phases?.mark('load-state');
    for (const id of created) {
      evaluations.set(id, engine.evaluateWithCheckpoint(id, fresh.get(id) ?? [], now));
      const last = seqs.get(id);
      if (last !== undefined) lastSeq.set(id, last);
    }
  }
  if (cache) {
    const revisions = known?.revisions ?? new Map<string, number>();
    const entries = new Map<string, CachedTicket>();
    for (const id of ticketIds) {
      if (evaluations.has(id)) continue;
      const entry = cache.take(tenant, id);
      if (entry && (entry.notified || !notify)) entries.set(id, entry);
    }
    const freshIds = [...entries.keys()].flatMap((id) => (fresh.get(id) ?? []).map((e) => e.id));
    const stale = [...entries.keys()].filter(
      (id) => entries.get(id)?.revision !== revisions.get(id),
    );
    phases?.mark('evaluate');
    const marks = await eventMarks(db, tenant, stale, freshIds);
    const seqs = await lastOf(freshIds);
    phases?.mark('load-state');
    for (const [id, entry] of entries) {
      const mine = fresh.get(id) ?? [];
      const mark = marks.get(id);
      const covers =
        entry.revision === revisions.get(id) ||
        (mark?.count === entry.checkpoint.events + mine.length && mark.before === entry.lastSeq);
      const evaluation = covers ? engine.continueFrom(entry.checkpoint, mine, now) : undefined;
      if (!evaluation) continue;
      evaluations.set(id, evaluation);
      const last = seqs.get(id) ?? entry.lastSeq;
      if (last !== null) lastSeq.set(id, last);
    }
    cache.hits += evaluations.size - created.length;
  }
  const cold = ticketIds.filter((id) => !evaluations.has(id));
  // Events stamped after `now` (a helpdesk clock ahead of ours) take effect at their instant,
  // like everywhere else in the engine: the checkpoint holds them until then.
  phases?.mark('evaluate');
  const stored = await loadEventsMarked(db, tenant, cold);
  phases?.mark('load-state');
  const events = byTicket(stored.events);
  for (const id of cold) {
    evaluations.set(id, engine.evaluateWithCheckpoint(id, events.get(id) ?? [], now));
    const last = stored.lastSeq.get(id);
    if (last !== undefined) lastSeq.set(id, last);
  }
  return { evaluations, lastSeq };
}

type TicketUpdate = {
  id: string;
  fields: unknown;
  policy: string | null;
  state: string;
  last_event_at: string | null;
  /** Core's fact for first contact resolution; null while the ticket does not count. */
  first_contact: FirstContactFact | null;
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
    await executePrepared(
      db,
      sql`
      update tickets as t set
        fields = case when v.keep then t.fields else v.fields end,
        policy = case when v.keep then t.policy else v.policy end,
        state = case when v.keep then t.state else v.state end,
        last_event_at = case when v.keep then t.last_event_at else v.last_event_at end,
        first_contact = case when v.keep then t.first_contact else v.first_contact end,
        resolved_at = case when v.keep then t.resolved_at
          else to_timestamp((v.first_contact->>'resolvedAt')::float8 / 1000) end,
        evaluated_at = ${evaluatedAt.toISOString()}::timestamptz, revision = nextval('ticket_revisions')
      from (select v.*, p.target from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as v(id text, keep boolean, fields jsonb, policy text, state text, last_event_at timestamptz,
            first_contact jsonb)
        -- Each ticket found by its own probe of the primary key (opaqueTenant says why), and
        -- its row updated where that probe found it.
        cross join lateral (select x.ctid as target from tickets x
          where x.tenant_id = ${tenant} and x.id = v.id offset 0) p) v
      where t.ctid = v.target
      returning t.id, t.revision`,
    ),
  );
  return new Map(written.map((r) => [r.id, Number(r.revision)]));
}
