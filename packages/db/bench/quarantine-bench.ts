/**
 * What failure isolation costs a worker tick on PostgreSQL: 500 due tickets of one tenant
 * recomputed in one tick, with none failing, and with one of them failing every time (its
 * quarantine row is removed before each round, so it is claimed and fails again). Needs
 * TEST_DATABASE_URL (a server where it may create a scratch database).
 * `cd packages/db && TEST_DATABASE_URL=... npx tsx bench/quarantine-bench.ts`
 */
import { parseEvents } from '@breachless/core';
import { sql } from 'drizzle-orm';
import { ingestEvents } from '../src/ingest/ingest.js';
import { runTick } from '../src/scan/tick.js';
import { openDatabase } from '../src/storage/client.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { createScratchDatabase } from '../src/testing.js';

const DUE = 500;
const ROUNDS = 15;
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('quarantine bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}

const T0 = Date.parse('2026-11-23T09:00:00Z');
const { url, drop } = await createScratchDatabase(base);
const h = await openDatabase({ databaseUrl: url });
await h.migrate();
const policy = { id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } };
await saveConfig(h.db, 'bench', { policies: [{ ...policy, warnings: ['50%'] }] }, 'bench');
const engines = new EngineCache();
const events = parseEvents(
  Array.from({ length: DUE }, (_, i) => ({
    ...{ id: `c${i}`, ticket: `due-${String(i).padStart(3, '0')}`, type: 'ticket.created' },
    ...{ at: new Date(T0).toISOString(), fields: { status: 'new' } },
  })),
);
const engine = await engines.engineFor(h.db, 'bench');
for (let i = 0; i < DUE; i += 250)
  await ingestEvents(h.db, 'bench', events.slice(i, i + 250), engine, T0);

/** Ticks `ROUNDS` times over the same due tickets; the median and worst tick in ms. */
async function measure(): Promise<{ p50: number; max: number; failed: number }> {
  const times: number[] = [];
  let failed = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const now = T0 + 40 * 60_000 + round * 1000;
    await h.db.execute(sql`delete from quarantined_tickets`);
    await h.db.execute(
      sql`update cycles set next_check_at = ${new Date(now - 1000).toISOString()}::timestamptz where tenant_id = 'bench'`,
    );
    const began = performance.now();
    const tick = await runTick(h.db, engines, now, DUE);
    times.push(performance.now() - began);
    failed += tick.quarantined.length;
    if (tick.claimed !== DUE) throw new Error(`claimed ${tick.claimed}, expected ${DUE}`);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(ROUNDS / 2)] as number, max: times.at(-1) as number, failed };
}

const clean = await measure();
// Created in 1950 by an earlier version: beyond int4's seconds on 24x7, so its cycle cannot
// be stored. The middle of the batch, so halving has to go all the way down.
await h.db.execute(sql`
  insert into ticket_events (tenant_id, id, ticket_id, type, at, body)
  values ('bench', 'old', 'due-250', 'ticket.created', '1950-01-02T15:00:00Z',
    ${JSON.stringify({ id: 'old', ticket: 'due-250', type: 'ticket.created', at: '1950-01-02T15:00:00.000Z', fields: {} })}::jsonb)`);
const poisoned = await measure();
console.log('| due tickets | failing | tick p50 ms | tick max ms | quarantined per tick |');
console.log('|---:|---:|---:|---:|---:|');
for (const [n, r] of [
  [0, clean],
  [1, poisoned],
] as const)
  console.log(
    `| ${DUE} | ${n} | ${r.p50.toFixed(0)} | ${r.max.toFixed(0)} | ${r.failed / ROUNDS} |`,
  );
await h.close();
await drop();
