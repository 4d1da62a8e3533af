/**
 * Backfill of 25,000 Zendesk tickets (about 6 audits and 9 events each, ~144,000 audits)
 * from the loopback fake at Zendesk's page size (1,000 ticket events) with its rate limit
 * off, into PostgreSQL through the ingest; then the reconcile cost when nothing changed:
 * one request, one empty page, no write but the connection's row. Reports wall time, this
 * process's CPU time and the events stored, which must be all of them.
 * Needs TEST_DATABASE_URL (a server where it may create a scratch database).
 * BENCH_QUICK=1: 2,500 tickets.
 */
import { EngineCache, openDatabase, saveConfig } from '@breachless/db';
import { connectionHealth, saveConnection } from '@breachless/db/sync';
import { createScratchDatabase } from '@breachless/db/testing';
import { syncOnce } from '../src/job.js';
import { FakeZendesk } from '../src/zendesk/fake.js';
import { fakeHistory } from '../src/zendesk/fake-history.js';
import { CONFIG } from '../test/webhooks.js';

const TICKETS = process.env.BENCH_QUICK === '1' ? 2_500 : 25_000;
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('sync backfill bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}
const START = Date.UTC(2026, 0, 5, 8) / 1000;
const history = fakeHistory({ tickets: TICKETS, start: START, spacing: 60 });
const audits = history.map((c) => c.audit);
const now = (history.at(-1)?.audit.timestamp ?? START) * 1000 + 86_400_000;
const fake = new FakeZendesk({ clock: () => now, perMinute: null });
for (const audit of audits) fake.add(audit);
await fake.start();
const { url, drop } = await createScratchDatabase(base);
const h = await openDatabase({ databaseUrl: url });
await h.migrate();
try {
  await saveConfig(h.db, 'bench', CONFIG, 'bench');
  const connection = { tenant: 'bench', platform: 'zendesk' as const, baseUrl: fake.url };
  const credentials = { email: 'agent@example.com', token: 'secret-token' };
  await saveConnection(h.db, { ...connection, credentials, cursor: '0' }, now);
  const options = {
    db: h.db,
    engines: new EngineCache(),
    clock: () => now,
    owner: 'bench',
    maxPages: 1_000,
  };
  const only = { tenant: 'bench', platform: 'zendesk' };

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const backfill = await syncOnce(options, only);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (backfill?.outcome !== 'caught-up')
    throw new Error(`backfill ended ${JSON.stringify(backfill)}`);
  const [health] = await connectionHealth(h.db, now, 'bench');
  const events = health?.backfill.stored ?? 0;
  console.log(
    `sync backfill: ${TICKETS} tickets, ${audits.length} audits in ${backfill.totals?.pages} pages, ${events} events stored (${health?.backfill.rejected} rejected) in ${(wall / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU of this process (${Math.round(events / (wall / 1000))} events/s)`,
  );

  // Nothing changed: due again, one request returns an empty page.
  const requests = fake.requests;
  const rounds = 50;
  const r0 = performance.now();
  for (let i = 0; i < rounds; i++) {
    const run = await syncOnce(options, only);
    if (run?.outcome !== 'caught-up' || run.totals?.stored !== 0)
      throw new Error(`reconcile stored ${JSON.stringify(run)}`);
  }
  const each = (performance.now() - r0) / rounds;
  console.log(
    `sync reconcile with nothing changed: ${(fake.requests - requests) / rounds} request(s) and ${each.toFixed(1)} ms per connection (mean of ${rounds})`,
  );
} finally {
  await h.close();
  await drop();
  await fake.close();
}
