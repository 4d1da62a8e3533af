import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { expect, it } from 'vitest';
import { listQuarantined } from '../src/ingest/quarantine-status.js';
import { recomputeTenant, type TenantRecomputeProgress } from '../src/ingest/recompute-tenant.js';
import { openDatabase } from '../src/storage/client.js';
import type { Database } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { created, describeEachDriver, ingest } from '../src/testing.js';

const T0 = Date.parse('2026-11-23T15:00:00Z');
const HOUR = 3_600_000;
const RESOLVE = (target: string) => ({
  policies: [{ id: 'all', calendar: '24x7', targets: { resolution: { '*': target } } }],
});
const solved = (ticket: string, at: number) => ({
  ...{ id: `${ticket}-solved`, ticket, type: 'ticket.updated' },
  ...{ at: new Date(at).toISOString(), fields: { status: 'solved' } },
});

async function cyclesOf(db: Database, tenant: string) {
  const rows = rowsOf<{ ticket_id: string; status: string; target_seconds: number }>(
    await db.execute(sql`
      select ticket_id, status, target_seconds from cycles where tenant_id = ${tenant}
      order by ticket_id, metric, cycle`),
  );
  return rows.map((r) => `${r.ticket_id}/${r.status}/${r.target_seconds}`);
}

async function outbox(db: Database, tenant: string) {
  const rows = rowsOf<{ n: string | number }>(
    await db.execute(sql`select count(*) as n from notifications where tenant_id = ${tenant}`),
  );
  return Number(rows[0]?.n);
}

describeEachDriver('recomputeTenant', (handle, url) => {
  it('gives history stored before any config its cycles, closed tickets included', async () => {
    const db = handle().db;
    // Imported with no config: the events are stored, no cycle is computed.
    const events = ['H1', 'H2', 'H3', 'H4', 'H5'].flatMap((t, i) => [
      created(t, T0 + i * HOUR),
      solved(t, T0 + i * HOUR + (i % 2 === 0 ? HOUR : 5 * HOUR)),
    ]);
    await ingest(db, 'h', [...events, created('H6', T0)], T0 + 20 * HOUR);
    expect(await cyclesOf(db, 'h')).toEqual([]);
    await saveConfig(db, 'h', RESOLVE('2h'), 'test');
    const seen: TenantRecomputeProgress[] = [];
    const result = await recomputeTenant(db, 'h', new EngineCache(), T0 + 20 * HOUR, {
      batchSize: 4,
      onProgress: (p) => seen.push(p),
    });
    expect(result).toEqual({ tickets: 6, cycles: 6, quarantined: [] });
    expect(seen).toEqual([
      { total: 6, done: 4, quarantined: 0 },
      { total: 6, done: 6, quarantined: 0 },
    ]);
    expect(await cyclesOf(db, 'h')).toEqual([
      'H1/achieved/7200',
      'H2/breached/7200',
      'H3/achieved/7200',
      'H4/breached/7200',
      'H5/achieved/7200',
      'H6/breached/7200',
    ]);
    // History pages nobody, even for the breaches it finds.
    expect(await outbox(db, 'h')).toBe(0);
  });

  it('moves closed cycles to a new config, where a config change alone would not', async () => {
    const db = handle().db;
    await saveConfig(db, 'k', RESOLVE('2h'), 'test');
    await ingest(db, 'k', [created('K1', T0), solved('K1', T0 + 3 * HOUR)], T0 + 4 * HOUR);
    expect(await cyclesOf(db, 'k')).toEqual(['K1/breached/7200']);
    await saveConfig(db, 'k', RESOLVE('4h'), 'test');
    const result = await recomputeTenant(db, 'k', new EngineCache(), T0 + 4 * HOUR);
    expect(result).toMatchObject({ tickets: 1, cycles: 1 });
    expect(await cyclesOf(db, 'k')).toEqual(['K1/achieved/14400']);
  });

  it('quarantines a ticket that fails and recomputes the rest of its batch', async () => {
    const db = handle().db;
    await ingest(db, 'q', [created('Q1', T0), created('Q2', T0)], T0);
    // A ticket created in 1950 without a pause runs beyond int4's seconds: storing its cycle fails.
    const at = '1950-01-02T15:00:00.000Z';
    const body = { id: 'Q0-1950', ticket: 'Q0', type: 'ticket.created', at, fields: {} };
    await db.execute(sql`insert into tickets (tenant_id, id) values ('q', 'Q0')`);
    await db.execute(sql`
      insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
      values ('q', ${body.id}, 'Q0', 'ticket.created', ${at}::timestamptz, ${JSON.stringify(body)}::jsonb)`);
    await saveConfig(db, 'q', RESOLVE('8h'), 'test');
    const result = await recomputeTenant(db, 'q', new EngineCache(), T0 + HOUR);
    expect(result.tickets).toBe(2);
    expect(result.quarantined.map((f) => [f.ticket, f.code])).toEqual([['Q0', '22003']]);
    expect((await listQuarantined(db, 'q')).map((q) => q.ticket)).toEqual(['Q0']);
    expect(await cyclesOf(db, 'q')).toEqual(['Q1/running/28800', 'Q2/running/28800']);
  });

  it('commits batch by batch: one cut short leaves the batches before it recomputed', async () => {
    const base = url();
    if (base === undefined) return; // one connection on PGlite: nothing else can hold a lock
    const db = handle().db;
    await saveConfig(db, 'b', RESOLVE('2h'), 'test');
    await ingest(
      db,
      'b',
      ['B1', 'B2', 'B3'].map((t) => created(t, T0)),
      T0,
    );
    await saveConfig(db, 'b', RESOLVE('4h'), 'test');
    const holder = postgres(base, { max: 1, onnotice: () => {} });
    const impatient = await openDatabase({ databaseUrl: `${base}?lock_timeout=300` });
    try {
      await holder.begin(async (tx) => {
        await tx`select id from tickets where tenant_id = 'b' and id = 'B2' for update`;
        const error = await recomputeTenant(impatient.db, 'b', new EngineCache(), T0, {
          batchSize: 1,
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
      });
    } finally {
      await impatient.close();
      await holder.end();
    }
    expect(await cyclesOf(db, 'b')).toEqual([
      'B1/running/14400',
      'B2/running/7200',
      'B3/running/7200',
    ]);
    expect(await listQuarantined(db, 'b')).toEqual([]);
  });
});
