import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TicketEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';
import { storeEvents } from './event-store.js';

/** What postgres.js gives a COPY statement: a stream to write its rows to. */
interface CopyClient {
  unsafe(query: string): { writable(): Promise<NodeJS.WritableStream> };
}

/**
 * The postgres.js connection behind a drizzle database or transaction, or undefined on PGlite
 * (COPY from a Blob there stored the sample log no faster than the JSON document does).
 */
function copyClient(db: Database): CopyClient | undefined {
  const client = (db as unknown as { session?: { client?: { unsafe?: unknown } } }).session?.client;
  // Only a transaction's connection (it has no `begin`): COPY is to share its locks.
  const usable = client && typeof client.unsafe === 'function' && !('begin' in client);
  return usable ? (client as unknown as CopyClient) : undefined;
}

const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const SPECIAL = /[\\\t\n\r]/;

/** A value as a field of COPY's text format: backslash, tab, newline and return escaped. */
const field = (value: string) =>
  // Tested first: ids almost never hold one, and a replace scanning with a callback cost more.
  SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPED[c] ?? c) : value;

/** JSON text as a COPY field: JSON escapes every control character, so only backslashes. */
const jsonField = (json: string) => (json.includes('\\') ? json.replaceAll('\\', '\\\\') : json);

/**
 * storeEvents by COPY, for imports: the events are streamed to PostgreSQL as text rows,
 * without a statement or a JSON document built per batch (most of the import's database
 * time was PostgreSQL expanding those documents), into a staging table of the transaction,
 * then inserted from it in the batch's order, skipping the ids the tenant has seen as
 * storeEvents does. COPY straight into `ticket_events` has no "on conflict": an id the
 * tenant has seen, even one another transaction stored a moment before, failed it, and a
 * COPY that fails leaves postgres.js's stream waiting forever. Within the batch the first
 * event with an id wins. Must run in a transaction (the caller's holds the tickets' locks).
 * On PGlite, storeEvents itself.
 * @returns the ids stored, each with its `seq`
 */
export async function copyEvents(
  db: Database,
  tenant: string,
  events: readonly TicketEvent[],
): Promise<Map<string, number>> {
  const client = copyClient(db);
  if (!client) return storeEvents(db, tenant, events);
  const seen = new Set<string>();
  // The rows as a few large strings, not one per row: each write is a message to the server,
  // and the strings of 500 rows are built by appending, with no array of lines to join.
  const chunks: string[] = [];
  let chunk = '';
  let rows = 0;
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const at = new Date(e.at).toISOString();
    // The body as storeEvents writes it: the normalized event with its instant as ISO text.
    const body = JSON.stringify({ ...e, at });
    chunk += `${rows}\t${field(e.id)}\t${field(e.ticket)}\t${field(e.type)}\t${at}\t${jsonField(body)}\n`;
    if (++rows % 500 === 0) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') chunks.push(chunk);
  if (rows === 0) return new Map();
  // Temporary, gone at commit or rollback: no WAL, no index, nothing another session sees.
  await db.execute(sql`
    create temporary table event_stage (n int, id text, ticket_id text, type text, at timestamptz, body jsonb)
    on commit drop`);
  const writable = await client
    .unsafe('copy event_stage (n, id, ticket_id, type, at, body) from stdin')
    .writable();
  await pipeline(Readable.from(chunks), writable as NodeJS.WritableStream);
  const inserted = rowsOf<{ id: string; seq: number }>(
    await db.execute(sql`
      insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
      select ${tenant}, id, ticket_id, type, at, body from event_stage order by n
      on conflict do nothing
      returning id, seq`),
  );
  return new Map(inserted.map((r) => [r.id, r.seq]));
}
