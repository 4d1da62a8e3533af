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
 * (its driver has no COPY FROM STDIN stream: there the rows go as one JSON document).
 */
function copyClient(db: Database): CopyClient | undefined {
  const client = (db as unknown as { session?: { client?: { unsafe?: unknown } } }).session?.client;
  // Only a transaction's connection (it has no `begin`): COPY is to share its locks.
  const usable = client && typeof client.unsafe === 'function' && !('begin' in client);
  return usable ? (client as unknown as CopyClient) : undefined;
}

const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value as a field of COPY's text format: backslash, tab, newline and return escaped. */
const field = (value: string) => value.replace(/[\\\t\n\r]/g, (c) => ESCAPED[c] ?? c);

/**
 * storeEvents by COPY, for imports: the events whose id the tenant has not seen (looked up
 * by primary key first, as COPY has no "on conflict") are streamed to PostgreSQL as text
 * rows, without a statement or a JSON document built per batch: most of the import's
 * database time was PostgreSQL expanding those documents. Within the batch the first event
 * with an id wins, as in storeEvents. Must run in a transaction (the caller's holds the
 * tickets' locks); an id stored meanwhile by another transaction for another ticket fails
 * the COPY with a unique violation, and the caller retries the batch (storeEvents skips it).
 * On PGlite, storeEvents itself.
 * @returns the ids stored; each one's `seq` only on PGlite
 */
export async function copyEvents(
  db: Database,
  tenant: string,
  events: readonly TicketEvent[],
): Promise<Map<string, number | undefined>> {
  const client = copyClient(db);
  if (!client) return storeEvents(db, tenant, events);
  const ids = JSON.stringify(events.map((e) => e.id));
  const known = new Set(
    rowsOf<{ id: string }>(
      await db.execute(sql`
        select id from ticket_events
        where tenant_id = ${tenant} and id = any(array(select jsonb_array_elements_text(${ids}::jsonb)))`),
    ).map((r) => r.id),
  );
  const stored = new Set<string>();
  const lines: string[] = [];
  const prefix = `${field(tenant)}\t`;
  for (const e of events) {
    if (known.has(e.id) || stored.has(e.id)) continue;
    stored.add(e.id);
    const at = new Date(e.at).toISOString();
    // The body as storeEvents writes it: the normalized event with its instant as ISO text.
    const body = JSON.stringify({ ...e, at });
    lines.push(
      `${prefix}${field(e.id)}\t${field(e.ticket)}\t${field(e.type)}\t${at}\t${field(body)}\n`,
    );
  }
  if (lines.length === 0) return new Map();
  const writable = await client
    .unsafe('copy ticket_events (tenant_id, id, ticket_id, type, at, body) from stdin')
    .writable();
  // A few large writes, not one per row: each write is a message to the server.
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += 500) chunks.push(lines.slice(i, i + 500).join(''));
  await pipeline(Readable.from(chunks), writable as NodeJS.WritableStream);
  // COPY returns no rows, and reading each `seq` back by primary key cost a tenth of the
  // import's database time: a checkpoint made from these events is trusted by the ticket's
  // revision alone (TicketCache), which an import's own next batch always finds.
  return new Map([...stored].map((id) => [id, undefined]));
}
