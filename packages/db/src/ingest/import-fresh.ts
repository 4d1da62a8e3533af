import {
  byTicket,
  type Engine,
  type Evaluation,
  firstContactFact,
  type TicketEvent,
} from '@breachless/core';
import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';
import { cycleCells } from './cycle-rows.js';
import {
  CopyRaced,
  copies,
  copyClient,
  copyEventRows,
  copyField,
  copyInto,
  firstOfEachId,
  isoText,
  jsonField,
} from './event-copy.js';
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
      const any = (column: string) =>
        sql`${sql.raw(column)} = any(array(select jsonb_array_elements_text(${ids}::jsonb)))`;
      const checking = tx.execute(sql`
        with known as (
          select exists(select 1 from tickets where tenant_id = ${tenant} and ${any('id')})
            or exists(select 1 from ticket_events where tenant_id = ${tenant} and ${any('ticket_id')})
            or exists(select 1 from cycles where tenant_id = ${tenant} and ${any('ticket_id')})
            or exists(select 1 from quarantined_tickets where tenant_id = ${tenant} and ${any('ticket_id')})
            as known)
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

/** The cycle columns in cycleCells' order, after the tenant. */
const CYCLE_COLUMNS =
  'tenant_id, ticket_id, metric, cycle, status, policy, calendar, target_seconds, elapsed_seconds, ' +
  'started_at, stopped_at, due_at, breached_at, outcome_at, warnings_fired, fired, next_check_at, ' +
  'team, agent, priority, channel, evaluated_at, organization, requester, contract';

/** Which of cycleCells' cells are instants (epoch milliseconds) and which are JSON. */
const INSTANT = new Set([8, 9, 10, 11, 12, 15]);
const JSON_CELL = new Set([13, 14]);
/** cycleCells' evaluated instant: the same for every row of a batch. */
const EVALUATED_AT = 20;

const iso = isoText;

/** A value as a COPY text field: NULL as \N, text escaped, JSON as its text. */
function cell(value: unknown, k: number): string {
  if (value === null || value === undefined) return '\\N';
  if (INSTANT.has(k)) return iso(value as number);
  if (JSON_CELL.has(k)) return jsonField(JSON.stringify(value));
  return typeof value === 'string' ? copyField(value) : String(value);
}

/** Lines joined into strings of 500 rows, each ended by a newline. */
function chunked(lines: readonly string[]): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += 500)
    chunks.push(`${lines.slice(i, i + 500).join('\n')}\n`);
  return chunks;
}

/**
 * The tickets' rows and their cycles' as COPY text, as recomputeTickets writes them
 * (updateTickets, replaceCycleCells): a ticket none of whose events has taken effect keeps
 * the fields of a new row and has no cycles; `resolved_at` is the first contact fact's.
 * Each line is joined from an array of its fields: a flat string, where appending made a
 * tree of a string per field that lived, and was copied by each young collection, until
 * the rows were sent.
 */
function rowText(
  tenant: string,
  tickets: readonly string[],
  evaluations: ReadonlyMap<string, Evaluation>,
  now: number,
): { tickets: (revision: (i: number) => number) => string[]; cycles: string[] } {
  const lead = copyField(tenant);
  const evaluatedAt = iso(now);
  // Each ticket's row before its revision, and after it.
  const heads: string[] = [];
  const tails: string[] = [];
  const cycles: string[] = [];
  const fields: string[] = [];
  for (const id of tickets) {
    const { result, checkpoint } = evaluations.get(id) as Evaluation;
    if (checkpoint.lastAt === null) {
      heads.push([lead, copyField(id), '{}', '\\N', 'open', '\\N', evaluatedAt].join('\t'));
      tails.push('\\N\t\\N');
      continue;
    }
    const contact = firstContactFact(result);
    const resolvedAt = contact?.resolvedAt;
    heads.push(
      [
        lead,
        copyField(id),
        jsonField(JSON.stringify(result.fields)),
        cell(result.policy, -1),
        copyField(result.state),
        iso(checkpoint.lastAt),
        evaluatedAt,
      ].join('\t'),
    );
    tails.push(
      `${typeof resolvedAt === 'number' ? iso(resolvedAt) : '\\N'}\t${contact ? jsonField(JSON.stringify(contact)) : '\\N'}`,
    );
    for (const c of result.cycles) {
      const cells = cycleCells(result, c, now);
      fields.length = 0;
      fields.push(lead);
      for (let k = 0; k < cells.length; k++)
        fields.push(k === EVALUATED_AT ? evaluatedAt : cell(cells[k], k));
      cycles.push(fields.join('\t'));
    }
  }
  return {
    tickets: (revision) => chunked(heads.map((head, i) => `${head}\t${revision(i)}\t${tails[i]}`)),
    cycles: chunked(cycles),
  };
}
