import { readdirSync, readFileSync } from 'node:fs';
import { Engine, parseConfig, parseEventsNdjson, type TicketEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { importEvents } from '../src/ingest/import-events.js';
import { importFresh } from '../src/ingest/import-fresh.js';
import { ingestEvents } from '../src/ingest/ingest.js';
import { IngestPhases } from '../src/ingest/phases.js';
import type { Database } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { describeEachDriver } from '../src/testing.js';

const conformance = new URL('../../../conformance/', import.meta.url);
const engine = new Engine(
  parseConfig(JSON.parse(readFileSync(new URL('scenarios.config.json', conformance), 'utf8'))),
);
// Every scenario's events, ids and tickets made unique per scenario (some holding a tab, a
// newline or a backslash), each ticket's events together as an export gives them.
const events: TicketEvent[] = readdirSync(new URL('scenarios/', conformance))
  .flatMap((name) =>
    parseEventsNdjson(
      readFileSync(new URL(`scenarios/${name}/events.ndjson`, conformance), 'utf8'),
    ).map((e, i) => ({
      ...e,
      id: i % 3 === 0 ? `${name}\t${e.id}\\x` : `${name}/${e.id}`,
      ticket: name.startsWith('0') ? `${name}\n${e.ticket}` : `${name}/${e.ticket}`,
    })),
  )
  .map((e, n) => ({ e, n }))
  .sort((a, b) => (a.e.ticket < b.e.ticket ? -1 : a.e.ticket > b.e.ticket ? 1 : a.n - b.n))
  .map(({ e }) => e);
const now = Date.parse('2026-11-30T00:00:00Z');

/** Every column a tenant's import wrote but the revisions, as comparable rows. */
async function stored(db: Database, tenant: string) {
  const events = rowsOf(
    await db.execute(sql`
      select id, ticket_id, type, at, body, (rank() over (partition by ticket_id order by seq))::int as n
      from ticket_events where tenant_id = ${tenant} order by id`),
  );
  const cycles = rowsOf(
    await db.execute(sql`
      select ticket_id, metric, cycle, status, policy, calendar, target_seconds, elapsed_seconds,
        started_at, stopped_at, due_at, breached_at, outcome_at, warnings_fired, fired,
        next_check_at, team, agent, priority, channel, evaluated_at, organization, requester, contract
      from cycles where tenant_id = ${tenant} order by ticket_id, metric, cycle`),
  );
  const tickets = rowsOf(
    await db.execute(sql`
      select id, fields, policy, state, last_event_at, evaluated_at, resolved_at, first_contact,
        revision > 0 as revised
      from tickets where tenant_id = ${tenant} order by id`),
  );
  return { events, cycles, tickets };
}

describeEachDriver('import of new tickets, each row COPYed once', (handle, url) => {
  it('stores every column that ingesting the same events stores', async () => {
    const db = handle().db;
    const phases = new IngestPhases();
    const summary = await importEvents(
      db,
      'fresh',
      events.map((event) => ({ event })),
      engine,
      now,
      { batchSize: 9, phases },
    );
    for (let i = 0; i < events.length; i += 9)
      await ingestEvents(db, 'ingested', events.slice(i, i + 9), engine, now, { notify: false });
    expect(summary).toMatchObject({ accepted: events.length, duplicates: 0, rejected: 0 });
    // On PostgreSQL the batches went the new tickets' way (its check phase); PGlite ingests.
    expect(phases.ms.has('check')).toBe(url() !== undefined);
    const copied = await stored(db, 'fresh');
    expect(copied.events).toHaveLength(events.length);
    expect(copied.cycles.length).toBeGreaterThan(events.length / 4);
    expect(copied.tickets.some((t) => (t as { resolved_at: unknown }).resolved_at !== null)).toBe(
      true,
    );
    expect(copied.tickets.every((t) => (t as { revised: boolean }).revised)).toBe(true);
    expect(copied).toEqual(await stored(db, 'ingested'));
  });

  it('leaves a batch with a ticket the tenant knows to the ingest, which stores the same', async () => {
    const db = handle().db;
    const first = events[0] as TicketEvent;
    const rest = events.slice(1, 40);
    await ingestEvents(db, 'known', [first], engine, now, { notify: false });
    expect(await importFresh(db, 'known', rest, engine, now)).toBeUndefined();
    const summary = await importEvents(
      db,
      'known',
      rest.map((event) => ({ event })),
      engine,
      now,
    );
    await ingestEvents(db, 'known-ingested', [first], engine, now, { notify: false });
    await ingestEvents(db, 'known-ingested', rest, engine, now, { notify: false });
    expect(summary.accepted).toBe(rest.length);
    expect(await stored(db, 'known')).toEqual(await stored(db, 'known-ingested'));
  });

  it('leaves a batch whose event id the tenant stored on another ticket to the ingest', async () => {
    const db = handle().db;
    const head = events[0] as TicketEvent;
    const twin = events.find((e) => e.ticket !== head.ticket) as TicketEvent;
    await ingestEvents(db, 'twin', [head], engine, now, { notify: false });
    const batch = [{ ...twin, id: head.id }, ...events.filter((e) => e.ticket === twin.ticket)];
    expect(await importFresh(db, 'twin', batch, engine, now)).toBeUndefined();
    const summary = await importEvents(
      db,
      'twin',
      batch.map((event) => ({ event })),
      engine,
      now,
    );
    expect(summary).toMatchObject({ accepted: batch.length - 1, duplicates: 1 });
    const rows = rowsOf<{ id: string; ticket_id: string }>(
      await db.execute(sql`select id, ticket_id from ticket_events where tenant_id = 'twin'`),
    );
    expect(rows).toContainEqual({ id: head.id, ticket_id: head.ticket });
    expect(rows).toHaveLength(batch.length);
  });
});
