import { readdirSync, readFileSync } from 'node:fs';
import { Engine, parseConfig, parseEventsNdjson, type TicketEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { importEvents } from '../src/ingest/import-events.js';
import { ingestEvents } from '../src/ingest/ingest.js';
import type { Database } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { describeEachDriver } from '../src/testing.js';

const conformance = new URL('../../../conformance/', import.meta.url);
const engine = new Engine(
  parseConfig(JSON.parse(readFileSync(new URL('scenarios.config.json', conformance), 'utf8'))),
);
// Every scenario's events, ticket ids made unique per scenario; a tab, a newline and a
// backslash in some ids and fields, which COPY's text format must carry as they are.
const events: TicketEvent[] = readdirSync(new URL('scenarios/', conformance)).flatMap((name) =>
  parseEventsNdjson(
    readFileSync(new URL(`scenarios/${name}/events.ndjson`, conformance), 'utf8'),
  ).map((e, i) => ({
    ...e,
    id: i % 3 === 0 ? `${name}\t${e.id}\\x` : `${name}/${e.id}`,
    ticket: name.startsWith('0') ? `${name}\n${e.ticket}` : `${name}/${e.ticket}`,
  })),
);
const now = Date.parse('2026-11-30T00:00:00Z');

/** Everything a tenant's ingest wrote, as comparable rows (ids and instants, no tenant). */
async function stored(db: Database, tenant: string) {
  const events = rowsOf(
    await db.execute(sql`
      select id, ticket_id, type, at, body from ticket_events where tenant_id = ${tenant} order by id`),
  );
  const order = rowsOf<{ id: string; n: number }>(
    await db.execute(sql`
      select id, (rank() over (partition by ticket_id order by seq))::int as n
      from ticket_events where tenant_id = ${tenant} order by id`),
  );
  const cycles = rowsOf(
    await db.execute(sql`
      select ticket_id, metric, cycle, status, policy, calendar, target_seconds, elapsed_seconds,
        started_at, stopped_at, due_at, breached_at, outcome_at, warnings_fired, fired,
        next_check_at, team, agent, priority, channel, evaluated_at
      from cycles where tenant_id = ${tenant} order by ticket_id, metric, cycle`),
  );
  const tickets = rowsOf(
    await db.execute(sql`
      select id, fields, policy, state, last_event_at, evaluated_at
      from tickets where tenant_id = ${tenant} order by id`),
  );
  return { events, order, cycles, tickets };
}

describeEachDriver('import by COPY', (handle) => {
  it('stores the events, cycles and tickets that ingesting the same batches stores', async () => {
    const db = handle().db;
    // Batches of 7 split tickets across transactions, and repeat ids within one (a duplicate).
    const doubled = [...events.slice(0, 20), ...events.slice(10)];
    const summary = await importEvents(
      db,
      'copied',
      doubled.map((event) => ({ event })),
      engine,
      now,
      { batchSize: 7 },
    );
    let accepted = 0;
    for (let i = 0; i < doubled.length; i += 7) {
      const batch = doubled.slice(i, i + 7);
      const result = await ingestEvents(db, 'ingested', batch, engine, now, { notify: false });
      accepted += result.accepted;
    }
    expect(summary.accepted).toBe(events.length);
    expect(accepted).toBe(events.length);
    expect(summary.duplicates).toBe(10);
    const copied = await stored(db, 'copied');
    expect(copied.events).toHaveLength(events.length);
    expect(copied.cycles.length).toBeGreaterThan(events.length / 4);
    expect(copied).toEqual(await stored(db, 'ingested'));
  });

  it('keeps the first event of an id that the next batch, in flight with it, repeats', async () => {
    const db = handle().db;
    // Batches of 6, the second stored while the first is recomputed: its first event takes
    // the id of the first batch's first event, on another ticket; the file's first wins.
    const head = events[0] as TicketEvent;
    const twin = events.slice(6).find((e) => e.ticket !== head.ticket) as TicketEvent;
    const file = [...events.slice(0, 6), { ...twin, id: head.id }, ...events.slice(6, 30)];
    const summary = await importEvents(
      db,
      'twins',
      file.map((event) => ({ event })),
      engine,
      now,
      { batchSize: 6 },
    );
    for (let i = 0; i < file.length; i += 6)
      await ingestEvents(db, 'twins-one-by-one', file.slice(i, i + 6), engine, now, {
        notify: false,
      });
    expect(summary.duplicates).toBe(1);
    const copied = await stored(db, 'twins');
    expect(copied.events).toContainEqual(
      expect.objectContaining({ id: head.id, ticket_id: head.ticket }),
    );
    expect(copied).toEqual(await stored(db, 'twins-one-by-one'));
  });

  it('fails with the error of a batch PostgreSQL refuses, the batches before it stored', async () => {
    const db = handle().db;
    // A NUL in an id, on a ticket of its own, last: PostgreSQL's text cannot hold it, so the
    // last batch fails. The first (5 to 10 events: a batch ends where a ticket does) is stored.
    const head = events[0] as TicketEvent;
    const refused = { ...head, id: 'refused\u0000', ticket: 'refused' };
    const file = [...events.slice(0, 15), refused];
    const importing = importEvents(
      db,
      'refused',
      file.map((event) => ({ event })),
      engine,
      now,
      { batchSize: 5 },
    );
    await expect(importing).rejects.toThrow();
    const ids = rowsOf<{ id: string }>(
      await db.execute(sql`select id from ticket_events where tenant_id = 'refused'`),
    ).map((r) => r.id);
    expect(ids).toContain(head.id);
    expect(ids).not.toContain(refused.id);
  });

  it('stores nothing again when an import is run twice', async () => {
    const db = handle().db;
    const before = await stored(db, 'copied');
    const again = await importEvents(
      db,
      'copied',
      events.map((event) => ({ event })),
      engine,
      now,
      { batchSize: 11 },
    );
    expect(again).toMatchObject({ accepted: 0, duplicates: events.length, tickets: 0 });
    expect(await stored(db, 'copied')).toEqual(before);
  });
});
