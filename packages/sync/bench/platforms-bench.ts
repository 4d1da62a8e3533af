/**
 * Backfill of 25,000 GitHub issues and of 25,000 Jira requests (six changes each: ~150,000
 * events) from the loopback fakes at the platforms' page sizes (100 issues a listing or
 * search page; GitHub: one timeline request an issue; Jira: changelogs and comments inside
 * the search) with their rate limits off, into PostgreSQL through the ingest; then the
 * reconcile cost when nothing changed (GitHub: one 304; Jira: one search). Reports wall
 * time, this process's CPU time (the fake serves from the same process) and the events
 * stored. Needs TEST_DATABASE_URL. BENCH_QUICK=1: 2,500 tickets. BENCH_PLATFORMS=github or
 * jira: that one only.
 */
import { EngineCache, openDatabase, saveConfig } from '@breachless/db';
import { connectionHealth, type NewConnection, saveConnection } from '@breachless/db/sync';
import { createScratchDatabase } from '@breachless/db/testing';
import { FakeGitHub } from '../src/github/fake.js';
import { fakeGitHubHistory } from '../src/github/fake-history.js';
import { FakeJira } from '../src/jira/fake.js';
import { fakeJiraHistory } from '../src/jira/fake-history.js';
import { syncOnce } from '../src/job.js';
import { PLATFORM_CONFIG } from '../test/platform-hooks.js';

const TICKETS = process.env.BENCH_QUICK === '1' ? 2_500 : 25_000;
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('sync platforms bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}
const START = Date.UTC(2026, 0, 5, 8);
const now = START + TICKETS * 60_000 + 7 * 86_400_000;
const wanted = (process.env.BENCH_PLATFORMS ?? 'github,jira').split(',');

async function bench(
  platform: 'github' | 'jira',
  fake: {
    start(): Promise<string>;
    close(): Promise<void>;
    requests: number;
    notModified?: number;
  },
  connection: (url: string) => Omit<NewConnection, 'tenant' | 'platform' | 'cursor'>,
) {
  const url = await fake.start();
  const scratch = await createScratchDatabase(base as string);
  const h = await openDatabase({ databaseUrl: scratch.url });
  await h.migrate();
  try {
    await saveConfig(h.db, 'bench', PLATFORM_CONFIG, 'bench');
    await saveConnection(h.db, { tenant: 'bench', platform, cursor: '0', ...connection(url) }, now);
    const options = {
      db: h.db,
      engines: new EngineCache(),
      clock: () => now,
      owner: 'bench',
      maxPages: 100_000,
    };
    const only = { tenant: 'bench', platform };
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
      `${platform} backfill: ${TICKETS} tickets, ${backfill.totals?.records} records in ${backfill.totals?.pages} pages (${fake.requests} requests), ${events} events stored (${health?.backfill.rejected} rejected) in ${(wall / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU of this process (${Math.round(events / (wall / 1000))} events/s)`,
    );
    // The first reconcile lists at the new cursor once; from then on nothing changed.
    await syncOnce(options, only);
    const requests = fake.requests;
    const notModified = fake.notModified ?? 0;
    const rounds = 50;
    const r0 = performance.now();
    for (let i = 0; i < rounds; i++) {
      const run = await syncOnce(options, only);
      if (run?.outcome !== 'caught-up' || run.totals?.stored !== 0)
        throw new Error(`reconcile stored ${JSON.stringify(run)}`);
    }
    const each = (performance.now() - r0) / rounds;
    console.log(
      `${platform} reconcile with nothing changed: ${(fake.requests - requests) / rounds} request(s) (${((fake.notModified ?? 0) - notModified) / rounds} answered 304) and ${each.toFixed(1)} ms per connection (mean of ${rounds})`,
    );
  } finally {
    await h.close();
    await scratch.drop();
    await fake.close();
  }
}

if (wanted.includes('github')) {
  const fake = new FakeGitHub({ clock: () => now, perHour: null });
  fake.add(...fakeGitHubHistory({ issues: TICKETS, start: START / 1000 }));
  await bench('github', fake, (url) => ({
    baseUrl: url,
    credentials: { token: 'github-token' },
    settings: { repos: ['acme/support'] },
  }));
}
if (wanted.includes('jira')) {
  const fake = new FakeJira({ clock: () => now, perMinute: null });
  fake.add(...fakeJiraHistory({ issues: TICKETS, start: START }));
  await bench('jira', fake, (url) => ({
    baseUrl: url,
    credentials: { email: 'agent@example.com', token: 'jira-token' },
  }));
}
