import { ConfigError } from '@breachless/core';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { expect, it } from 'vitest';
import { listQuarantined } from '../src/ingest/quarantine-status.js';
import { applyConfig } from '../src/ingest/recompute-open.js';
import { runTick } from '../src/scan/tick.js';
import { openDatabase } from '../src/storage/client.js';
import type { Database } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { currentConfigVersion, saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { created, describeEachDriver, ingest, seedTenant } from '../src/testing.js';

// Monday 10:00 in New York.
const T0 = Date.parse('2026-11-23T15:00:00Z');
const MIN = 60_000;
const ALWAYS = (target: string) => ({
  policies: [{ id: 'all', calendar: '24x7', targets: { first_response: { '*': target } } }],
});

/**
 * A ticket created pending in 1950, stored by an earlier version that accepted such instants.
 * While pending pauses resolution its clock stays near zero; without the pause it has run
 * for more than int4's 68 years of seconds, and storing its cycle fails at every recompute.
 */
async function poison(db: Database, tenant: string, ticket: string) {
  const at = '1950-01-02T15:00:00.000Z';
  const body = { id: `${ticket}-1950`, ticket, type: 'ticket.created', at };
  await db.execute(sql`
    insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
    values (${tenant}, ${body.id}, ${ticket}, 'ticket.created', ${at}::timestamptz,
      ${JSON.stringify({ ...body, fields: { status: 'pending' } })}::jsonb)`);
}

/** Resolution within `target` on 24x7, paused while pending (the default) or never. */
const RESOLVE = (target: string, pause = true) => ({
  policies: [
    {
      ...{ id: 'all', calendar: '24x7', targets: { resolution: { '*': target } } },
      ...(pause ? {} : { pause: { resolution: [] } }),
    },
  ],
});

/** An event that changes nothing of the ticket's clocks: it makes the ticket be recomputed. */
const touch = (ticket: string, at: number) => ({
  ...{ id: `${ticket}-touch-${at}`, ticket, type: 'ticket.updated' },
  ...{ at: new Date(at).toISOString(), fields: { subject: 'still pending' } },
});

async function cyclesOf(db: Database, tenant: string) {
  const rows = rowsOf<{ ticket_id: string; target_seconds: number; status: string }>(
    await db.execute(sql`
      select ticket_id, target_seconds, status from cycles where tenant_id = ${tenant}
      order by ticket_id, metric, cycle`),
  );
  return rows.map((r) => `${r.ticket_id}/${r.status}/${r.target_seconds}`);
}

describeEachDriver('applyConfig', (handle, url) => {
  it('a stored config no longer valid or storable sets its own tenant aside, not the others', async () => {
    const db = handle().db;
    await saveConfig(db, 'a', ALWAYS('1h'), 'test');
    await seedTenant(db, 'b');
    await ingest(db, 'a', [created('A1', T0)], T0);
    await ingest(db, 'b', [created('B1', T0)], T0);
    // Written by an earlier version: 30000 days is beyond target_seconds' int4.
    await db.execute(sql`
      insert into configs (tenant_id, version, body, changed_by)
      values ('a', 2, ${JSON.stringify(ALWAYS('30000d'))}::jsonb, 'old version')`);
    const tick = await runTick(db, new EngineCache(), T0 + 2 * 60 * MIN);
    expect(tick.quarantined.map((f) => `${f.tenant}/${f.ticket}`)).toEqual(['a/A1']);
    expect(tick.created).toBe(3);
    // A new config releases the tenant's tickets and recomputes them at once.
    const applied = await applyConfig(db, 'a', ALWAYS('4h'), 'test', T0 + 2 * 60 * MIN);
    expect(applied).toEqual({ version: 3, recomputed: 1, quarantined: [] });
    expect(await listQuarantined(db, 'a')).toEqual([]);
    expect(await cyclesOf(db, 'a')).toEqual(['A1/running/14400']);
  });

  it('a config that breaks tickets the previous version evaluates is not saved', async () => {
    const db = handle().db;
    await saveConfig(db, 'd', RESOLVE('8h'), 'test');
    await poison(db, 'd', 'D1');
    await ingest(db, 'd', [touch('D1', T0), created('D2', T0)], T0);
    const before = await cyclesOf(db, 'd');
    expect(before).toEqual(['D1/paused/28800', 'D2/running/28800']);
    const error = await applyConfig(db, 'd', RESOLVE('8h', false), 'test', T0).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      { path: '(ticket D1)', message: expect.stringMatching(/^evaluates under version 1 .*range/) },
    ]);
    expect(await currentConfigVersion(db, 'd')).toBe(1);
    expect(await cyclesOf(db, 'd')).toEqual(before);
    expect(await listQuarantined(db, 'd')).toEqual([]);
  });

  it('a ticket that fails under the previous version too is quarantined and the config saved', async () => {
    const db = handle().db;
    await saveConfig(db, 'e', RESOLVE('8h', false), 'test');
    await poison(db, 'e', 'E1');
    await ingest(db, 'e', [touch('E1', T0), created('E2', T0)], T0);
    expect((await listQuarantined(db, 'e')).map((q) => q.ticket)).toEqual(['E1']);
    const applied = await applyConfig(db, 'e', RESOLVE('2h', false), 'test', T0 + MIN);
    expect([applied.version, applied.recomputed]).toEqual([2, 1]);
    expect(applied.quarantined.map((f) => [f.ticket, f.code])).toEqual([['E1', '22003']]);
    expect((await listQuarantined(db, 'e')).map((q) => [q.ticket, q.attempts])).toEqual([
      ['E1', 2],
    ]);
    expect(await cyclesOf(db, 'e')).toEqual(['E2/running/7200']);
  });

  it('a save cut short by the database (a lock it cannot get) leaves the old config', async () => {
    const base = url();
    if (base === undefined) return; // one connection on PGlite: nothing else can hold a lock
    const holder = postgres(base, { max: 1, onnotice: () => {} });
    const impatient = await openDatabase({ databaseUrl: `${base}?lock_timeout=300` });
    try {
      await holder.begin(async (tx) => {
        await tx`select id from tickets where tenant_id = 'e' and id = 'E2' for update`;
        const error = await applyConfig(impatient.db, 'e', RESOLVE('3h'), 'test', T0 + 2 * MIN)
          .then(() => undefined)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
      });
      expect(await currentConfigVersion(handle().db, 'e')).toBe(2);
      expect(await cyclesOf(handle().db, 'e')).toEqual(['E2/running/7200']);
    } finally {
      await impatient.close();
      await holder.end();
    }
  });
});
