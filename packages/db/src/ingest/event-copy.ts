import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TicketEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { opaqueTenant, rowsOf } from '../storage/index.js';
import { storeEvents } from './event-store.js';

/** postgres.js's connection: a statement, or a COPY's stream to write its rows to. */
export interface CopyClient {
  unsafe(query: string): Promise<unknown> & { writable(): Promise<Writable> };
}

/** Whether the database is PostgreSQL through postgres.js (COPY streams), not PGlite. */
export function copies(db: Database): boolean {
  const client = (db as unknown as { session?: { client?: { unsafe?: unknown } } }).session?.client;
  return typeof client?.unsafe === 'function';
}

/**
 * The postgres.js connection behind a drizzle database or transaction, or undefined on PGlite
 * (COPY from a Blob there stored the sample log no faster than the JSON document does).
 */
export function copyClient(db: Database): CopyClient | undefined {
  const client = (db as unknown as { session?: { client?: { unsafe?: unknown } } }).session?.client;
  // Only a transaction's connection (it has no `begin`): COPY is to share its locks.
  const usable = client && typeof client.unsafe === 'function' && !('begin' in client);
  return usable ? (client as unknown as CopyClient) : undefined;
}

/**
 * Thrown when a COPY into `ticket_events` met an id stored since the ids were checked
 * (another transaction's, or the import's previous batch still in flight): the transaction
 * is aborted, and is to run again with copyEvents' `staged` set.
 */
export class CopyRaced extends Error {}

/**
 * storeEvents by COPY, for imports: the events are streamed to PostgreSQL as text rows,
 * without a statement or a JSON document built per batch (most of the import's database
 * time was PostgreSQL expanding those documents). Straight into `ticket_events`, each with
 * a `seq` taken beforehand, after one statement has found the ids the tenant has seen (they
 * are skipped, as storeEvents skips them) and taken a `seq` for each of the others: a third
 * less of PostgreSQL's time than a staging table and an insert from it. `staged`: through
 * that staging table, whose insert skips ids as they are stored (after CopyRaced). Within
 * the batch the first event with an id wins. Must run in a transaction (the caller's holds
 * the tickets' locks). On PGlite, storeEvents itself.
 * @returns the ids stored, each with its `seq`
 * @throws CopyRaced when an id was stored by another transaction meanwhile
 */
export async function copyEvents(
  db: Database,
  tenant: string,
  events: readonly TicketEvent[],
  staged = false,
): Promise<Map<string, number>> {
  const client = copyClient(db);
  if (!client) return storeEvents(db, tenant, events);
  const first = firstOfEachId(events);
  if (first.length === 0) return new Map();
  if (staged) return copyStaged(db, client, tenant, first);
  const [taken] = rowsOf<{ seen: string; seqs: string }>(
    await db.execute(sql`
      with seen as (
        -- A probe of the primary key per id (opaqueTenant says why): never the tenant's range.
        select e.id from jsonb_array_elements_text(${JSON.stringify(first.map((e) => e.id))}::jsonb) as k(id)
        cross join lateral (select id from ticket_events e
          where e.tenant_id = ${opaqueTenant(tenant)} and e.id = k.id offset 0) e)
      select (select coalesce(json_agg(id), '[]') from seen)::text as seen,
        (select coalesce(json_agg(nextval(pg_get_serial_sequence('ticket_events', 'seq'))), '[]')
          from generate_series(1, ${first.length}::int - (select count(*)::int from seen)))::text as seqs`),
  );
  const seen = new Set<string>(JSON.parse(taken?.seen ?? '[]'));
  const fresh = first.filter((e) => !seen.has(e.id));
  // Given in the batch's order, so `seq` keeps the order of arrival.
  const seqs = (JSON.parse(taken?.seqs ?? '[]') as number[]).sort((a, b) => a - b);
  if (fresh.length === 0) return new Map();
  await copyEventRows(client, tenant, fresh, seqs);
  return new Map(fresh.map((e, i) => [e.id, seqs[i] as number]));
}

/** COPYs events into `ticket_events`, the i-th with `seqs[i]` (the order the batch gave them). */
export function copyEventRows(
  client: CopyClient,
  tenant: string,
  events: readonly TicketEvent[],
  seqs: readonly number[],
): Promise<void> {
  const lead = copyField(tenant);
  return copyInto(
    client,
    'ticket_events (tenant_id, id, ticket_id, type, at, body, seq)',
    copyText(
      events,
      () => lead,
      (i) => `\t${seqs[i]}`,
    ),
  );
}

/** copyEvents through a staging table, inserted from it skipping the ids the tenant has seen. */
async function copyStaged(
  db: Database,
  client: CopyClient,
  tenant: string,
  events: readonly TicketEvent[],
): Promise<Map<string, number>> {
  // Temporary, gone at commit or rollback: no WAL, no index, nothing another session sees.
  await db.execute(sql`
    create temporary table event_stage (n int, id text, ticket_id text, type text, at timestamptz, body jsonb)
    on commit drop`);
  const chunks = copyText(events, String, () => '');
  await copyInto(client, 'event_stage (n, id, ticket_id, type, at, body)', chunks);
  const inserted = rowsOf<{ id: string; seq: number }>(
    await db.execute(sql`
      insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
      select ${tenant}, id, ticket_id, type, at, body from event_stage order by n
      on conflict do nothing
      returning id, seq`),
  );
  return new Map(inserted.map((r) => [r.id, r.seq]));
}

/**
 * Runs `copy <target> from stdin` with these rows; resolves once PostgreSQL has stored them.
 * postgres.js ends the stream only when the COPY succeeds: one that fails after its last row
 * was sent leaves it waiting forever. So a statement is queued behind the COPY as soon as the
 * stream has sent its end; PostgreSQL refuses it when the COPY failed (the transaction is
 * aborted), and that refusal, or a failure while rows are still sent, is the COPY's.
 */
export async function copyInto(
  client: CopyClient,
  target: string,
  chunks: string[],
): Promise<void> {
  const writable = await client.unsafe(`copy ${target} from stdin`).writable();
  const end = writable._final?.bind(writable);
  let after: Promise<unknown> = Promise.resolve();
  const ended = new Promise<void>((resolve) => {
    writable._final = (callback) => {
      end?.(callback);
      after = client.unsafe('select 1');
      resolve();
    };
  });
  try {
    await Promise.race([pipeline(Readable.from(chunks), writable), ended]);
    await after;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // A unique key violated while rows are sent; the aborted transaction once they are.
    if (code === '23505' || code === '25P02')
      throw new CopyRaced('an id was stored meanwhile', { cause: error });
    throw error;
  }
}

const DAY_MS = 86_400_000;
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** 'YYYY-MM-DDT' of the days met lately. */
const DAYS = new Map<number, string>();

/**
 * `new Date(ms).toISOString()`, the same text, with the date part of each day made once:
 * an import writes several instants a row, and a Date and its text each were a tenth of
 * building the rows. Years outside 0 to 9999 (and NaN, which throws) go to the Date.
 */
export function isoText(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let date = DAYS.get(day);
  if (date === undefined) {
    const text = new Date(day * DAY_MS).toISOString();
    if (text.length !== 24) return new Date(ms).toISOString();
    date = text.slice(0, 11);
    if (DAYS.size >= 4096) DAYS.clear();
    DAYS.set(day, date);
  }
  let rest = ms - day * DAY_MS;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return `${date}${TWO[hour]}:${TWO[minute]}:${TWO[second]}.${THREE[rest - second * 1000]}Z`;
}

const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const SPECIAL = /[\\\t\n\r]/;

/** A value as a field of COPY's text format: backslash, tab, newline and return escaped. */
export const copyField = (value: string) =>
  // Tested first: ids almost never hold one, and a replace scanning with a callback cost more.
  SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPED[c] ?? c) : value;

/** JSON text as a COPY field: JSON escapes every control character, so only backslashes. */
export const jsonField = (json: string) =>
  json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;

/**
 * Events as rows of COPY's text format, `lead` then id, ticket, type, instant and body, then
 * `trail` (each given the event's position in `events`), already escaped. The body is what
 * storeEvents writes: the normalized event with its instant as ISO text. The rows come as a
 * few large strings, not one per row: each write is a message to the server, and the
 * strings of 500 rows are built by appending, with no array of lines to join.
 */
export function copyText(
  events: readonly TicketEvent[],
  lead: (i: number) => string,
  trail: (i: number) => string,
): string[] {
  const chunks: string[] = [];
  let chunk = '';
  for (const [i, e] of events.entries()) {
    const at = isoText(e.at);
    const body = JSON.stringify({ ...e, at });
    chunk += `${lead(i)}\t${copyField(e.id)}\t${copyField(e.ticket)}\t${copyField(e.type)}\t${at}\t${jsonField(body)}${trail(i)}\n`;
    if ((i + 1) % 500 === 0) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') chunks.push(chunk);
  return chunks;
}

/** The first event of each id, in order: within a batch the first event with an id wins. */
export function firstOfEachId(events: readonly TicketEvent[]): TicketEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => !seen.has(e.id) && seen.add(e.id));
}
