/**
 * Backfill of 25,000 Zendesk tickets (about 6 audits and 9 events each, ~144,000 audits)
 * from the loopback fake at Zendesk's page size (1,000 ticket events) with its rate limit
 * off, into PostgreSQL through the ingest; then the reconcile cost when nothing changed:
 * one request, one empty page, no write but the connection's row. Reports wall time, this
 * process's CPU time and the events stored, which must be all of them.
 * Needs TEST_DATABASE_URL (a server where it may create a scratch database).
 * BENCH_QUICK=1: 2,500 tickets.
 */
import { FakeZendesk } from '../src/zendesk/fake.js';
import { fakeHistory } from '../src/zendesk/fake-history.js';
import { CONFIG } from '../test/webhooks.js';
import { benchConnection } from './bench-connection.js';

const TICKETS = process.env.BENCH_QUICK === '1' ? 2_500 : 25_000;
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('sync backfill bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}
const START = Date.UTC(2026, 0, 5, 8) / 1000;
const history = fakeHistory({ tickets: TICKETS, start: START, spacing: 60 });
const now = (history.at(-1)?.audit.timestamp ?? START) * 1000 + 86_400_000;
const fake = new FakeZendesk({ clock: () => now, perMinute: null });
// One at a time: some 144,000 audits are too many arguments for one call.
for (const change of history) fake.add(change.audit);
await benchConnection(base, {
  platform: 'zendesk',
  fake,
  connection: (url) => ({
    baseUrl: url,
    credentials: { email: 'agent@example.com', token: 'secret-token' },
  }),
  config: CONFIG,
  tickets: TICKETS,
  now,
  maxPages: 1_000,
});
