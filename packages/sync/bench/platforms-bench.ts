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
import { FakeGitHub } from '../src/github/fake.js';
import { fakeGitHubHistory } from '../src/github/fake-history.js';
import { FakeJira } from '../src/jira/fake.js';
import { fakeJiraHistory } from '../src/jira/fake-history.js';
import { PLATFORM_CONFIG } from '../test/platform-hooks.js';
import { benchConnection } from './bench-connection.js';

const TICKETS = process.env.BENCH_QUICK === '1' ? 2_500 : 25_000;
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('sync platforms bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}
const START = Date.UTC(2026, 0, 5, 8);
const now = START + TICKETS * 60_000 + 7 * 86_400_000;
const wanted = (process.env.BENCH_PLATFORMS ?? 'github,jira').split(',');

if (wanted.includes('github')) {
  const fake = new FakeGitHub({ clock: () => now, perHour: null });
  fake.add(...fakeGitHubHistory({ issues: TICKETS, start: START / 1000 }));
  await benchConnection(base, {
    platform: 'github',
    fake,
    connection: (url) => ({
      baseUrl: url,
      credentials: { token: 'github-token' },
      settings: { repos: ['acme/support'] },
    }),
    config: PLATFORM_CONFIG,
    tickets: TICKETS,
    now,
    maxPages: 100_000,
  });
}
if (wanted.includes('jira')) {
  const fake = new FakeJira({ clock: () => now, perMinute: null });
  fake.add(...fakeJiraHistory({ issues: TICKETS, start: START }));
  await benchConnection(base, {
    platform: 'jira',
    fake,
    connection: (url) => ({
      baseUrl: url,
      credentials: { email: 'agent@example.com', token: 'jira-token' },
    }),
    config: PLATFORM_CONFIG,
    tickets: TICKETS,
    now,
    maxPages: 100_000,
  });
}
