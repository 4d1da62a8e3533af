/**
 * The ingest bench's traffic and its limit: tickets of 20 events (creation, agent and
 * customer turns, pending and back), interleaved as live traffic is (the n-th event of every
 * ticket, then the n+1-th), and the same rows written straight to `ticket_events`.
 */
import { openDatabase } from '@breachless/db';
import { createScratchDatabase } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';

/** Events a ticket. */
export const PER_TICKET = 20;

/** The j-th event of ticket i: created, then customer and agent turns, pending and back. */
function event(i: number, j: number, t0: number): object {
  const head = {
    id: `b-${i}-${j}`,
    ticket: `T-${i}`,
    at: new Date(t0 + i * 10 + j * 30_000).toISOString(),
  };
  if (j === 0)
    return {
      ...head,
      type: 'ticket.created',
      fields: { status: 'new', priority: i % 4 ? 'normal' : 'high', team: `team-${i % 7}` },
    };
  if (j % 4 === 1) return { ...head, type: 'message', author: 'agent', public: true };
  if (j % 4 === 2) return { ...head, type: 'ticket.updated', fields: { status: 'pending' } };
  if (j % 4 === 3) return { ...head, type: 'message', author: 'customer', public: true };
  return { ...head, type: 'ticket.updated', fields: { status: 'open' } };
}

export function bodies(tickets: number, perRequest: number): string[] {
  const t0 = Date.now() - 15 * 60_000;
  const all: object[] = [];
  for (let j = 0; j < PER_TICKET; j++) for (let i = 0; i < tickets; i++) all.push(event(i, j, t0));
  const out: string[] = [];
  for (let k = 0; k < all.length; k += perRequest)
    out.push(JSON.stringify(all.slice(k, k + perRequest)));
  return out;
}

/** Seconds for 4 connections to INSERT the same event rows, 100 a statement and transaction. */
export async function rowsAlone(base: string, tickets: number): Promise<number> {
  const { url, drop } = await createScratchDatabase(base);
  const h = await openDatabase({ databaseUrl: url });
  await h.migrate();
  try {
    const queue = bodies(tickets, 100).map(
      (b) => JSON.parse(b) as { id: string; ticket: string; type: string; at: string }[],
    );
    let next = 0;
    const start = performance.now();
    const sender = async () => {
      for (let batch = queue[next++]; batch; batch = queue[next++]) {
        const rows = batch.map(
          (e) =>
            sql`('bench', ${e.id}, ${e.ticket}, ${e.type}, ${e.at}::timestamptz, ${JSON.stringify(e)}::jsonb)`,
        );
        await h.db.execute(
          sql`insert into ticket_events (tenant_id, id, ticket_id, type, at, body) values ${sql.join(rows, sql`, `)}`,
        );
      }
    };
    await Promise.all([sender(), sender(), sender(), sender()]);
    return (performance.now() - start) / 1000;
  } finally {
    await h.close();
    await drop();
  }
}
