import { readFileSync } from 'node:fs';
import { Engine, parseConfig, type TicketEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { importEvents } from '../src/ingest/import-events.js';
import { rowsOf } from '../src/storage/rows.js';
import { suiteDatabase } from '../src/testing.js';

const conformance = new URL('../../../conformance/', import.meta.url);
const engine = new Engine(
  parseConfig(JSON.parse(readFileSync(new URL('scenarios.config.json', conformance), 'utf8'))),
);
const now = Date.parse('2026-11-30T00:00:00Z');
const at = Date.parse('2026-11-02T09:00:00Z');
const created = (id: string, ticket: string): TicketEvent =>
  ({
    id,
    ticket,
    at,
    type: 'ticket.created',
    by: 'customer',
    fields: { status: 'new', priority: 'normal' },
  }) as TicketEvent;

// PostgreSQL only: PGlite has one connection, and stores an import's events without COPY.
describe.runIf(process.env.TEST_DATABASE_URL)('import by COPY beside another writer', () => {
  it('stores the batch through the staging table when another transaction stores one of its ids first', async () => {
    // The run's shared database, emptied: one made for the test cost its creation and drop.
    const shared = await suiteDatabase('postgres');
    try {
      const { db } = shared.handle;
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      // Another transaction stores id "twin" on ticket A and commits once the import's COPY
      // waits on it: the ids were checked before, so the COPY meets the id and fails.
      let inserted = () => {};
      const ready = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      const other = db.transaction(async (tx) => {
        await tx.execute(sql`
          insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
          values ('race', 'twin', 'A', 'ticket.created', now(), '{}')`);
        inserted();
        await held;
      });
      await ready;
      const importing = importEvents(
        db,
        'race',
        [created('twin', 'B'), created('b2', 'B2'), created('c', 'C')].map((event) => ({ event })),
        engine,
        now,
      );
      // Waits for PostgreSQL to report the COPY waiting on the other transaction's row.
      while (
        rowsOf<{ n: number }>(
          await db.execute(sql`
            select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and query like 'copy%'`),
        )[0]?.n === 0
      )
        await new Promise((resolve) => setImmediate(resolve));
      release();
      await other;
      const summary = await importing;
      expect(summary).toMatchObject({ accepted: 2, duplicates: 1 });
      const stored = rowsOf<{ id: string; ticket_id: string }>(
        await db.execute(
          sql`select id, ticket_id from ticket_events where tenant_id = 'race' order by id`,
        ),
      );
      expect(stored).toEqual([
        { id: 'b2', ticket_id: 'B2' },
        { id: 'c', ticket_id: 'C' },
        { id: 'twin', ticket_id: 'A' },
      ]);
    } finally {
      await shared.release();
    }
  });
});
