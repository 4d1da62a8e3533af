import { parseEvents } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ingestEvents } from '../src/ingest/ingest.js';
import { retryQuarantined } from '../src/ingest/quarantine-recompute.js';
import { listQuarantined, quarantineCounts } from '../src/ingest/quarantine-status.js';
import { runTick } from '../src/scan/tick.js';
import type { Database } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { created, describeEachDriver, ingest, seedTenant } from '../src/testing.js';

// Monday 10:00 in New York: seedTenant's 1h first response warns at 30 and 45 minutes.
const T0 = Date.parse('2026-11-23T15:00:00Z');
const MIN = 60_000;
const MARKER = 'POISON-BODY-MARKER-51c2';

/**
 * A ticket created in 1950, stored by an earlier version that accepted such instants: under a
 * 24x7 calendar its first response has run for more than int4's 68 years of seconds, so
 * storing its cycle fails (`elapsed_seconds` out of range) at every recompute. Under business
 * hours the same ticket fits. The marker rides in the cycle row's parameters.
 */
async function poison(db: Database, tenant: string, ticket: string) {
  const at = '1950-01-02T15:00:00.000Z';
  const body = { id: `${ticket}-1950`, ticket, type: 'ticket.created', at };
  await db.execute(sql`
    insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
    values (${tenant}, ${body.id}, ${ticket}, 'ticket.created', ${at}::timestamptz,
      ${JSON.stringify({ ...body, fields: { status: 'new', team: MARKER } })}::jsonb)`);
}

/** Mends what `poison` stored, as an operator would by hand. */
async function mend(db: Database, tenant: string, ticket: string) {
  await db.execute(
    sql`delete from ticket_events where tenant_id = ${tenant} and id = ${`${ticket}-1950`}`,
  );
}

/** A tenant on a 24x7 calendar: 1h first response, warnings at 50% and 75%. */
const ALWAYS = (target = '1h') => ({
  policies: [
    {
      id: 'all',
      calendar: '24x7',
      targets: { first_response: { '*': target } },
      warnings: ['50%', '75%'],
    },
  ],
});

const engineOf = (db: Database, tenant: string) => new EngineCache().engineFor(db, tenant);

async function alerts(db: Database, tenant: string) {
  const rows = rowsOf<{ ticket_id: string; level: string }>(
    await db.execute(sql`
      select ticket_id, level from notifications where tenant_id = ${tenant} order by ticket_id, level`),
  );
  return rows.map((r) => `${r.ticket_id}/${r.level}`);
}

describeEachDriver('quarantine', (handle) => {
  it("a poisoned ticket of one tenant is set aside while the others' levels fire on time", async () => {
    const db = handle().db;
    await saveConfig(db, 'a', ALWAYS(), 'test');
    await seedTenant(db, 'b');
    await ingest(db, 'a', [created('A1', T0), created('A2', T0)], T0);
    await ingest(db, 'b', [created('B1', T0)], T0);
    await poison(db, 'a', 'A1');
    const engines = new EngineCache();

    const first = await runTick(db, engines, T0 + 31 * MIN);
    expect(first.claimed).toBe(3);
    expect(first.quarantined.map((f) => `${f.tenant}/${f.ticket}/${f.code}`)).toEqual([
      'a/A1/22003',
    ]);
    expect(await alerts(db, 'a')).toEqual(['A2/50%']);
    expect(await alerts(db, 'b')).toEqual(['B1/50%']);
    const [held] = await listQuarantined(db, 'a');
    expect(held).toMatchObject({ tenant: 'a', ticket: 'A1', code: '22003', attempts: 1 });
    expect(held?.error).toMatch(/out of range/);
    expect(JSON.stringify(held)).not.toContain(MARKER);
    expect([...(await quarantineCounts(db))]).toEqual([['a', 1]]);

    // The next ticks no longer claim it: the others keep getting every level.
    const second = await runTick(db, engines, T0 + 46 * MIN);
    expect([second.claimed, second.quarantined]).toEqual([2, []]);
    await runTick(db, engines, T0 + 61 * MIN);
    expect(await alerts(db, 'b')).toEqual(['B1/50%', 'B1/75%', 'B1/breach']);
    expect(await alerts(db, 'a')).toEqual(['A2/50%', 'A2/75%', 'A2/breach']);
  });

  it('a new event releases the ticket: quarantined again while it still fails, let go once it works', async () => {
    const db = handle().db;
    const reply = (id: string, minutes: number) => ({
      ...{ id, ticket: 'A1', type: 'message', at: new Date(T0 + minutes * MIN).toISOString() },
      ...{ author: 'customer', public: true },
    });
    const result = await ingestEvents(
      db,
      'a',
      parseEvents([reply('A1-r1', 62)]),
      await engineOf(db, 'a'),
      T0 + 62 * MIN,
    );
    expect([result.accepted, result.quarantined.map((f) => f.ticket)]).toEqual([1, ['A1']]);
    expect((await listQuarantined(db, 'a'))[0]).toMatchObject({ ticket: 'A1', attempts: 2 });

    // Mended by hand, it stays set aside (no tick claims it) until its next event.
    await mend(db, 'a', 'A1');
    expect((await runTick(db, new EngineCache(), T0 + 63 * MIN)).claimed).toBe(0);
    await ingest(db, 'a', [reply('A1-r2', 64)], T0 + 64 * MIN);
    expect(await listQuarantined(db, 'a')).toEqual([]);
    // Recomputed from all its events: the breach an hour after creation goes out now.
    await runTick(db, new EngineCache(), T0 + 65 * MIN);
    expect((await alerts(db, 'a')).filter((a) => a.startsWith('A1'))).toEqual([
      'A1/50%',
      'A1/75%',
      'A1/breach',
    ]);
  });

  it('ingest stores a valid batch whole and quarantines only the ticket whose recompute fails', async () => {
    const db = handle().db;
    await saveConfig(db, 'c', ALWAYS(), 'test');
    await poison(db, 'c', 'C1');
    const events = parseEvents([created('C1', T0), created('C2', T0)]);
    const result = await ingestEvents(db, 'c', events, await engineOf(db, 'c'), T0 + MIN);
    expect([result.accepted, result.quarantined.map((f) => f.ticket)]).toEqual([2, ['C1']]);
    const cycles = rowsOf<{ ticket_id: string }>(
      await db.execute(sql`select distinct ticket_id from cycles where tenant_id = 'c'`),
    );
    expect(cycles.map((r) => r.ticket_id)).toEqual(['C2']);

    // An operator's retry: still failing, one more attempt; mended, let go.
    expect(
      (await retryQuarantined(db, 'c', new EngineCache(), T0 + 2 * MIN)).quarantined,
    ).toHaveLength(1);
    expect((await listQuarantined(db, 'c'))[0]?.attempts).toBe(2);
    await mend(db, 'c', 'C1');
    expect(await retryQuarantined(db, 'c', new EngineCache(), T0 + 3 * MIN)).toEqual({
      created: 0,
      quarantined: [],
    });
    expect(await listQuarantined(db, 'c')).toEqual([]);
  });

  it('finds every poisoned ticket of a batch, and only those', async () => {
    const db = handle().db;
    await saveConfig(db, 'f', ALWAYS(), 'test');
    const ids = ['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7'];
    await ingest(
      db,
      'f',
      ids.map((id) => created(id, T0)),
      T0,
    );
    await poison(db, 'f', 'F2');
    await poison(db, 'f', 'F6');
    const tick = await runTick(db, new EngineCache(), T0 + 31 * MIN);
    expect(tick.quarantined.map((f) => f.ticket).sort()).toEqual(['F2', 'F6']);
    expect(await alerts(db, 'f')).toEqual(['F1/50%', 'F3/50%', 'F4/50%', 'F5/50%', 'F7/50%']);
  });
});
