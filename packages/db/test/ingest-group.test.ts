import { Engine, parseConfig, type TicketEvent } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { IngestGroup } from '../src/ingest/group.js';
import { ingestEvents } from '../src/ingest/ingest.js';
import { IngestPhases } from '../src/ingest/phases.js';
import { engineOrFailure } from '../src/ingest/quarantine-recompute.js';
import type { Database } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { EngineCache, saveConfig } from '../src/tenants/index.js';
import { describeEachDriver } from '../src/testing.js';

const engine = new Engine(
  parseConfig({
    policies: [
      {
        id: 'std',
        calendar: '24x7',
        targets: { first_response: { '*': '1h' }, resolution: { '*': '1d' } },
        warnings: ['50%'],
      },
    ],
  }),
);
const T0 = Date.parse('2026-11-30T09:00:00Z');
const created = (id: string, ticket: string, minute = 0): TicketEvent =>
  ({
    id,
    ticket,
    type: 'ticket.created',
    at: T0 + minute * 60_000,
    fields: { status: 'new' },
  }) as TicketEvent;
const reply = (id: string, ticket: string, minute: number): TicketEvent =>
  ({
    id,
    ticket,
    type: 'message',
    author: 'agent',
    public: true,
    at: T0 + minute * 60_000,
  }) as TicketEvent;

/** A tenant's stored rows: events by id, cycles, and the outbox, to compare two tenants. */
async function rows(db: Database, tenant: string) {
  const q = async (query: ReturnType<typeof sql>) => rowsOf(await db.execute(query));
  return {
    events: await q(
      sql`select id, ticket_id, body from ticket_events where tenant_id = ${tenant} order by id`,
    ),
    cycles: await q(sql`
      select ticket_id, metric, cycle, status, elapsed_seconds, due_at, fired from cycles
      where tenant_id = ${tenant} order by ticket_id, metric, cycle`),
    outbox: await q(
      sql`select ticket_id, metric, cycle, level, at, late from notifications where tenant_id = ${tenant} order by ticket_id, metric, cycle, level`,
    ),
  };
}

const requests = (): TicketEvent[][] => [
  [created('a1', 'A')],
  [created('b1', 'B'), reply('b2', 'B', 5)],
  [reply('a2', 'A', 10), created('c1', 'C')],
  // a1 again: the first request carried it, so here it is a duplicate.
  [created('a1', 'A'), reply('c2', 'C', 35)],
  [created('d1', 'D', 1)],
];

describeEachDriver('ingest group commit', (handle) => {
  it('answers each request with its own counts and stores what one request after the other stores', async () => {
    const db = handle().db;
    const group = new IngestGroup(db, async () => engine, {}, { concurrency: 1 });
    const now = T0 + 45 * 60_000;
    const phases = requests().map(() => new IngestPhases());
    // All sent at once: the first starts alone, the four others wait and share one transaction.
    const answers = await Promise.all(
      requests().map((events, i) => group.ingest('grouped', events, now, phases[i])),
    );
    const serial = [];
    for (const events of requests())
      serial.push(await ingestEvents(db, 'serial', events, engine, now));
    expect(answers).toEqual(serial);
    expect(answers.map((a) => [a.accepted, a.duplicates])).toEqual([
      [1, 0],
      [2, 0],
      [2, 0],
      [1, 1],
      [1, 0],
    ]);
    const grouped = await rows(db, 'grouped');
    expect(grouped.cycles.length).toBeGreaterThan(0);
    expect(grouped.outbox.length).toBeGreaterThan(0);
    expect(grouped).toEqual(await rows(db, 'serial'));
    // Each request was told where its time went, the shared transaction's phases included.
    for (const p of phases)
      expect([...p.ms.keys()]).toEqual(expect.arrayContaining(['wait', 'store', 'commit']));
  });

  it('starts a second transaction only for enough waiting events: small requests share the next', async () => {
    const db = handle().db;
    // The engine is looked up once in each transaction, on that transaction.
    let transactions = 0;
    const engineOf = async () => {
      transactions++;
      return engine;
    };
    const group = new IngestGroup(db, engineOf, {}, { overlapEvents: 50 });
    const now = T0 + 30 * 60_000;
    // Ten one-event requests at once: the first starts alone, the nine others wait for it
    // (two in flight would have split them: one more alone, eight together).
    const small = await Promise.all(
      Array.from({ length: 10 }, (_, i) => group.ingest('small', [created(`s${i}`, `S${i}`)], now)),
    );
    expect(small.map((a) => a.accepted)).toEqual(Array(10).fill(1));
    expect(transactions).toBe(2);
    // A batch of 50 does not wait: it runs beside the first, and the request after it waits.
    transactions = 0;
    const batch = Array.from({ length: 50 }, (_, i) => created(`b${i}`, `B${i}`));
    const big = await Promise.all([
      group.ingest('big', [created('l1', 'L1')], now),
      group.ingest('big', batch, now),
      group.ingest('big', [created('l2', 'L2')], now),
    ]);
    expect(big.map((a) => a.accepted)).toEqual([1, 50, 1]);
    expect(transactions).toBe(3);
  });

  it('fails only the request at fault when a group cannot be stored together', async () => {
    const db = handle().db;
    const group = new IngestGroup(db, async () => engine, {}, { concurrency: 1 });
    const now = T0 + 30 * 60_000;
    const bad = { ...created('x1', 'X'), at: Number.NaN } as TicketEvent;
    const answers = await Promise.allSettled([
      group.ingest('faults', [created('e1', 'E')], now),
      group.ingest('faults', [created('f1', 'F')], now),
      group.ingest('faults', [bad], now),
      group.ingest('faults', [created('g1', 'G')], now),
    ]);
    expect(answers.map((a) => a.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const stored = rowsOf<{ id: string }>(
      await db.execute(sql`select id from ticket_events where tenant_id = 'faults' order by id`),
    );
    expect(stored.map((r) => r.id)).toEqual(['e1', 'f1', 'g1']);
  });

  it('judges each group by the config version its transaction reads under the locks', async () => {
    const db = handle().db;
    const engines = new EngineCache();
    const versions: number[] = [];
    const group = new IngestGroup(db, (tenant, tx, version) => {
      versions.push(version);
      return engineOrFailure(tx, engines, tenant, version);
    });
    const policy = (target: string) => ({
      policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': target } } }],
    });
    // No config yet: version 0.
    await group.ingest('versioned', [created('v0', 'V0')], T0);
    await saveConfig(db, 'versioned', policy('1h'), 'test');
    await group.ingest('versioned', [created('v1', 'V1')], T0);
    await saveConfig(db, 'versioned', policy('2h'), 'test');
    await group.ingest('versioned', [created('v2', 'V2')], T0);
    expect(versions).toEqual([0, 1, 2]);
    const due = rowsOf<{ ticket_id: string; target_seconds: number }>(
      await db.execute(sql`
        select ticket_id, target_seconds from cycles where tenant_id = 'versioned' order by ticket_id`),
    );
    expect(due).toEqual([
      { ticket_id: 'V1', target_seconds: 3600 },
      { ticket_id: 'V2', target_seconds: 7200 },
    ]);
  });
});
