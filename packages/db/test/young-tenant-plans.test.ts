import type { TicketEvent } from '@breachless/core';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceCycles } from '../src/ingest/cycle-write.js';
import { copyEvents } from '../src/ingest/event-copy.js';
import { eventMarks, lastSeqOf, loadEventsMarked } from '../src/ingest/event-store.js';
import { quarantineTickets } from '../src/ingest/quarantine.js';
import { updateTickets } from '../src/ingest/recompute-state.js';
import { lockTicketsCreating } from '../src/ingest/ticket-locks.js';
import type { cycles } from '../src/schema/index.js';
import type { Database, DatabaseHandle } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { type SuiteDatabase, suiteDatabase } from '../src/testing.js';

const START = new Date('2026-11-02T09:00:00Z');
const TICKETS = 10_000;

const row = (ticketId: string, metric: string): typeof cycles.$inferInsert => ({
  tenantId: 'young',
  ticketId,
  metric,
  cycle: 1,
  status: 'running',
  targetSeconds: 3600,
  elapsedSeconds: 60,
  startedAt: START,
  evaluatedAt: START,
});

/**
 * Rows of `tables` (heap tuples, by any access path) that `write` read under the plan cache
 * `mode`, then what `check` asserts of the rows it left; all rolled back.
 */
async function rowsRead(
  db: Database,
  mode: string,
  tables: readonly ('cycles' | 'tickets' | 'ticket_events')[],
  write: (tx: Database) => Promise<void>,
  check: (tx: Database) => Promise<void>,
): Promise<number> {
  let read = Number.NaN;
  // The backend's counts not yet flushed to the shared statistics: they may hold earlier
  // transactions' reads too, so the write's are the difference.
  const counted = async (tx: Database) => {
    const [counts] = rowsOf<{ n: string | number }>(
      await tx.execute(sql`select sum(coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)) as n
        from pg_stat_xact_user_tables where relname = any(string_to_array(${tables.join(',')}, ','))`),
    );
    return Number(counts?.n ?? 0);
  };
  await db
    .transaction(async (tx) => {
      await tx.execute(sql.raw(`set local plan_cache_mode = ${mode}`));
      const before = await counted(tx);
      await write(tx);
      read = (await counted(tx)) - before;
      await check(tx);
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
  return read;
}

// PostgreSQL only: the plans come from its statistics, which PGlite's single table never
// has stale in this way.
describe.runIf(process.env.TEST_DATABASE_URL)('a tenant the statistics have not seen', () => {
  let shared: SuiteDatabase | undefined;
  let h: DatabaseHandle;
  beforeAll(async () => {
    shared = await suiteDatabase('postgres');
    h = shared.handle;
    // The statistics see one tenant only; then a new one arrives with 10,000 tickets and
    // 20,000 cycles, which they estimate at a row or two until the next ANALYZE.
    await h.db.execute(sql`insert into tickets (tenant_id, id)
      select 'seen', 's-' || g from generate_series(1, 2000) g`);
    await h.db.execute(sql`
      insert into cycles (tenant_id, ticket_id, metric, cycle, status, target_seconds, elapsed_seconds, started_at, evaluated_at)
      select 'seen', 's-' || g, 'resolution', 1, 'running', 3600, 0, now(), now() from generate_series(1, 2000) g`);
    await h.db.execute(sql`insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
      select 'seen', 'se-' || g, 's-' || g, 'ticket.created', now(), '{}' from generate_series(1, 2000) g`);
    await h.db.execute(sql`analyze cycles, tickets, ticket_events`);
    await h.db.execute(sql`insert into tickets (tenant_id, id)
      select 'young', 't-' || g from generate_series(1, ${TICKETS}::int) g`);
    await h.db.execute(sql`
      insert into cycles (tenant_id, ticket_id, metric, cycle, status, target_seconds, elapsed_seconds, started_at, evaluated_at)
      select 'young', 't-' || g, m, 1, 'running', 3600, 0, ${START.toISOString()}::timestamptz, now()
      from generate_series(1, ${TICKETS}::int) g, (values ('first_response'), ('resolution')) v(m)`);
    await h.db.execute(sql`insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
      select 'young', 'e-' || g || '-' || n, 't-' || g, 'ticket.created', ${START.toISOString()}::timestamptz,
        jsonb_build_object('id', 'e-' || g || '-' || n, 'ticket', 't-' || g, 'type', 'ticket.created',
          'at', ${START.toISOString()}::text, 'fields', '{}'::jsonb)
      from generate_series(1, ${TICKETS}::int) g, generate_series(1, 2) n`);
  });
  afterAll(() => shared?.release());

  // Under both of PostgreSQL's plans for a prepared statement: the custom one (made for the
  // values) and the generic one a connection keeps after a few runs.
  for (const mode of ['force_custom_plan', 'force_generic_plan']) {
    it(`writing cycles reads only the written tickets' rows (${mode})`, async () => {
      const read = await rowsRead(
        h.db,
        mode,
        ['cycles'],
        async (tx) => {
          // t-1 keeps its first response only: its resolution is removed. t-2's resolution
          // is removed by key, as a continued evaluation names what vanished.
          await replaceCycles(tx, 'young', { tickets: ['t-1'] }, [row('t-1', 'first_response')]);
          await replaceCycles(tx, 'young', { gone: [['t-2', 'resolution', 1]] }, []);
        },
        async (tx) => {
          const left = rowsOf<{ ticket_id: string; metric: string }>(
            await tx.execute(sql`select ticket_id, metric from cycles
              where tenant_id = 'young' and ticket_id in ('t-1', 't-2') order by 1, 2`),
          );
          expect(left).toEqual([
            { ticket_id: 't-1', metric: 'first_response' },
            { ticket_id: 't-2', metric: 'first_response' },
          ]);
        },
      );
      // A probe per ticket reads its two rows (and the upsert its one): a scan of the
      // tenant's range read all 20,000.
      expect(read).toBeLessThan(50);
    });

    it(`locking tickets reads only their rows (${mode})`, async () => {
      let locked: Awaited<ReturnType<typeof lockTicketsCreating>> | undefined;
      const read = await rowsRead(
        h.db,
        mode,
        ['tickets', 'ticket_events'],
        async (tx) => {
          locked = await lockTicketsCreating(tx, 'young', ['t-3', 't-1', 'new-1']);
        },
        async () => {
          expect([...(locked?.revisions.keys() ?? [])].sort()).toEqual(['new-1', 't-1', 't-3']);
          expect([...(locked?.created ?? [])]).toEqual(['new-1']);
        },
      );
      // Three probes, and one of the events for the ticket created: a scan of the tenant's
      // range read all 10,000 tickets, or all 20,000 events.
      expect(read).toBeLessThan(50);
    });

    it(`reading tickets' events reads only theirs (${mode})`, async () => {
      let loaded = 0;
      let marks = 0;
      let last = 0;
      const read = await rowsRead(
        h.db,
        mode,
        ['ticket_events'],
        async (tx) => {
          loaded = (await loadEventsMarked(tx, 'young', ['t-1', 't-2'])).events.length;
          marks = (await eventMarks(tx, 'young', ['t-1'], ['e-1-2'])).get('t-1')?.count ?? 0;
          last = (await lastSeqOf(tx, 'young', ['e-2-1', 'e-2-2'])).get('t-2') ?? 0;
        },
        async () => {
          expect(loaded).toBe(4);
          expect(marks).toBe(2);
          expect(last).toBeGreaterThan(0);
        },
      );
      // Eight rows: a scan of the tenant's range read all 20,000.
      expect(read).toBeLessThan(50);
    });

    it(`storing events by COPY checks only their ids (${mode})`, async () => {
      let stored: string[] = [];
      const read = await rowsRead(
        h.db,
        mode,
        ['ticket_events'],
        async (tx) => {
          const events = [
            { id: 'e-1-1', ticket: 't-1', at: START.getTime(), type: 'ticket.created', fields: {} },
            { id: 'e-1-9', ticket: 't-1', at: START.getTime(), type: 'message', author: 'agent' },
          ] as TicketEvent[];
          stored = [...(await copyEvents(tx, 'young', events)).keys()];
        },
        async () => {
          // The first is stored already: only the new one is.
          expect(stored).toEqual(['e-1-9']);
        },
      );
      // Two probes: a scan of the tenant's range read all 20,000.
      expect(read).toBeLessThan(50);
    });

    it(`updating tickets reads only theirs (${mode})`, async () => {
      let revisions = new Map<string, number>();
      const read = await rowsRead(
        h.db,
        mode,
        ['tickets'],
        async (tx) => {
          const update = {
            fields: { status: 'open' },
            policy: null,
            state: 'open',
            last_event_at: START.toISOString(),
            first_contact: null,
          };
          revisions = await updateTickets(
            tx,
            'young',
            ['t-1', 't-2', 't-3'],
            [
              { id: 't-1', ...update },
              { id: 't-2', ...update },
            ],
            START,
          );
        },
        async () => {
          // t-3 has no update (no events left): it keeps its fields and still gets a revision.
          expect([...revisions.keys()].sort()).toEqual(['t-1', 't-2', 't-3']);
        },
      );
      // Three probes: a scan of the tenant's range read all 10,000.
      expect(read).toBeLessThan(50);
    });

    it(`quarantining a ticket reads only its row (${mode})`, async () => {
      let revisions: number[] = [];
      const read = await rowsRead(
        h.db,
        mode,
        ['tickets'],
        async (tx) => {
          await quarantineTickets(
            tx,
            'young',
            [{ ticket: 't-4', message: 'boom' }],
            START.getTime(),
          );
        },
        async (tx) => {
          // t-4 got a new revision (a cached copy no longer matches); t-5 kept its own.
          revisions = rowsOf<{ revision: string | number }>(
            await tx.execute(sql`select revision from tickets
              where tenant_id = 'young' and id in ('t-4', 't-5') order by id`),
          ).map((r) => Number(r.revision));
          expect(revisions[0]).toBeGreaterThan(revisions[1] ?? Number.POSITIVE_INFINITY);
        },
      );
      // One probe: a scan of the tenant's range read all 10,000.
      expect(read).toBeLessThan(50);
    });
  }
});
