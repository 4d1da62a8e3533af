import { byTicket, type Engine, type Evaluation, type TicketEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { opaqueTenant, rowsOf } from '../storage/index.js';
import {
  CopyRaced,
  copies,
  copyClient,
  copyEventRows,
  copyInto,
  firstOfEachId,
} from './event-copy.js';
import { CYCLE_COLUMNS, rowText } from './import-fresh-rows.js';
import type { IngestResult } from './ingest.js';
import type { IngestPhases } from './phases.js';
import type { TicketCache } from './ticket-cache.js';

/** The batch is not one of new tickets only, or met a row stored meanwhile: ingest it as usual. */
class NotFresh extends Error {}

export interface FreshOptions {
  readonly cache?: TicketCache;
  readonly phases?: IngestPhases;
  /** Called once the events are stored, before the cycles are written and committed. */
  readonly onStored?: () => void;
}

/**
 * An import's batch whose tickets are all new to the tenant (no ticket row, no stored event,
 * cycle or quarantine entry): each row written once, by COPY, in one transaction. The tickets
 * are evaluated from the events in hand while PostgreSQL checks that they are new, then their
 * ticket rows (final fields, revision and evaluated instant), the events (each `seq` taken in
 * the check, in the batch's order) and the cycles are COPYed: no lock statement, no ticket
 * row inserted empty and then updated, no cycle upsert through a JSON document. What is
 * stored is what ingestEvents (copy, notify off) stores for the same batch. PostgreSQL's
 * unique keys hold the tickets' places: a ticket or event id another transaction stores
 * meanwhile (the import's previous batch still in flight) makes this one wait for it, then
 * fail, and the batch is rolled back.
 * @returns the batch's result, or undefined when it is to be ingested as usual (PGlite; a
 *   ticket or event id already known; a ticket whose evaluation throws, to be quarantined;
 *   a row stored meanwhile), nothing of it then stored
 */
export async function importFresh(
  db: Database,
  tenant: string,
  events: readonly TicketEvent[],
  engine: Engine,
  now: number,
  options: FreshOptions = {},
): Promise<IngestResult | undefined> {
  if (events.length === 0 || !copies(db)) return undefined;
  const { phases } = options;
  try {
    return await db.transaction(async (tx) => {
      phases?.mark('begin');
      const client = copyClient(tx);
      if (!client) throw new NotFresh();
      const fresh = firstOfEachId(events);
      const tickets = [...new Set(fresh.map((e) => e.ticket))].sort();
      const ids = JSON.stringify(tickets);
      // A probe per ticket and table (opaqueTenant says why), never the tenant's range: an
      // import is when a tenant is new to the statistics, and its range grows every batch.
      const any = (table: string, column: string) => sql`exists(
        select 1 from jsonb_array_elements_text(${ids}::jsonb) as k(id)
        cross join lateral (select 1 from ${sql.raw(table)} t
          where t.tenant_id = ${opaqueTenant(tenant)} and t.${sql.raw(column)} = k.id offset 0) t)`;
      const checking = tx.execute(sql`
        with known as (
          select ${any('tickets', 'id')} or ${any('ticket_events', 'ticket_id')}
            or ${any('cycles', 'ticket_id')} or ${any('quarantined_tickets', 'ticket_id')} as known)
        select known,
          case when known then '[]' else (select json_agg(nextval(pg_get_serial_sequence('ticket_events', 'seq')))
            from generate_series(1, ${fresh.length}::int))::text end as seqs,
          case when known then '[]' else (select json_agg(nextval('ticket_revisions'))
            from generate_series(1, ${tickets.length}::int))::text end as revisions
        from known`);
      // Sent before the tickets are evaluated, so that PostgreSQL checks while this process evaluates.
      const checked: Promise<{ ok: unknown } | { error: unknown }> = checking.then(
        (ok) => ({ ok }),
        (error: unknown) => ({ error }),
      );
      await new Promise(setImmediate);
      const evaluations = new Map<string, Evaluation>();
      try {
        for (const [id, mine] of byTicket(fresh))
          evaluations.set(id, engine.evaluateWithCheckpoint(id, mine, now));
      } catch {
        throw new NotFresh();
      }
      const text = rowText(tenant, tickets, evaluations, now);
      phases?.mark('evaluate');
      const answer = await checked;
      if ('error' in answer) throw answer.error;
      const [row] = rowsOf<{ known: boolean; seqs: string; revisions: string }>(answer.ok);
      if (!row || row.known) throw new NotFresh();
      const seqs = (JSON.parse(row.seqs) as number[]).sort((a, b) => a - b);
      const revisions = JSON.parse(row.revisions) as number[];
      phases?.mark('check');
      await copyInto(
        client,
        'tickets (tenant_id, id, fields, policy, state, last_event_at, evaluated_at, revision, resolved_at, first_contact)',
        text.tickets((i) => revisions[i] as number),
      );
      await copyEventRows(client, tenant, fresh, seqs);
      phases?.mark('store');
      options.onStored?.();
      if (text.cycles.length > 0) await copyInto(client, `cycles (${CYCLE_COLUMNS})`, text.cycles);
      phases?.mark('write');
      if (options.cache) {
        const last = new Map<string, number>();
        for (const [i, e] of fresh.entries()) last.set(e.ticket, seqs[i] as number);
        for (const [i, id] of tickets.entries()) {
          const evaluation = evaluations.get(id);
          if (evaluation)
            options.cache.set(tenant, id, {
              revision: revisions[i] as number,
              lastSeq: last.get(id) ?? null,
              checkpoint: evaluation.checkpoint,
              notified: false,
            });
        }
      }
      return {
        accepted: fresh.length,
        duplicates: events.length - fresh.length,
        tickets: tickets.length,
        quarantined: [],
      };
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // 40P01: two batches in flight each waiting on an event id the other stored.
    if (error instanceof NotFresh || error instanceof CopyRaced || code === '40P01')
      return undefined;
    throw error;
  } finally {
    phases?.mark('commit');
  }
}
