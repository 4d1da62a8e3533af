// The issue's proof for GitHub and Jira, as lost-webhooks.test.ts gives it for Zendesk:
// webhooks lost at random (one in ten) and in a burst (the API restarting for 40 minutes),
// the worker ticking (and reconciling) every five minutes against the loopback fakes
// (src/github/fake.ts, src/jira/fake.ts: their REST APIs as documented), and after one
// reconciliation interval every ticket's cycles are the core's answer over the full
// history, every breach is announced, none twice, none false; each lost event is repaired.
// Smaller than Zendesk's (24 tickets over 11 hours) and on one driver (PostgreSQL when
// TEST_DATABASE_URL is set, else PGlite), to stay cheap: the claims, ingest and outbox are
// the code Zendesk's proof runs on both drivers.
import type { TicketEvent } from '@breachless/core';
import { EngineCache, runTick, saveConfig } from '@breachless/db';
import { connectionHealth, type NewConnection, saveConnection } from '@breachless/db/sync';
import { type SuiteDatabase, suiteDatabase } from '@breachless/db/testing';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { FakeGitHub } from '../src/github/fake.js';
import { fakeGitHubHistory } from '../src/github/fake-history.js';
import { FakeJira } from '../src/jira/fake.js';
import { fakeJiraHistory } from '../src/jira/fake-history.js';
import { syncDue } from '../src/job.js';
import {
  deliverHook,
  type Hook,
  hookEvents,
  PLATFORM_CONFIG,
  platformEngine,
} from './platform-hooks.js';
import { coreBreaches, coreCycles, sentNotifications, storedCycles } from './proof-outcome.js';

const START = Date.UTC(2026, 10, 2, 8);
const STEP_MS = 300_000;
const INTERVAL = 300;
const BURST = { from: START + 3 * 3_600_000, to: START + 3 * 3_600_000 + 2_400_000 };
const TICKETS = 24;
const lost = (i: number, at: number) => i % 10 === 7 || (at >= BURST.from && at < BURST.to);
let now = START - 600_000;
const clock = () => now;

const github = fakeGitHubHistory({ issues: TICKETS, start: START / 1000, spacing: 900 });
const jira = fakeJiraHistory({ issues: TICKETS, start: START, spacing: 900 });
const scenarios = {
  github: {
    hooks: github.flatMap((i) =>
      i.changes.flatMap((c) =>
        c.webhooks.map((w) => ({ hook: { platform: 'github', ...w } as Hook, at: c.at * 1000 })),
      ),
    ),
    fake: new FakeGitHub({ clock }),
    connection: (url: string) => ({
      platform: 'github' as const,
      baseUrl: url,
      credentials: { token: 'github-token' },
      settings: { repos: ['acme/support'] },
    }),
  },
  jira: {
    hooks: jira.flatMap((i) =>
      i.changes.flatMap((c) =>
        c.webhooks.map((body) => ({ hook: { platform: 'jira', body } as Hook, at: c.at })),
      ),
    ),
    fake: new FakeJira({ clock }),
    connection: (url: string) => ({
      platform: 'jira' as const,
      baseUrl: url,
      credentials: { email: 'agent@example.com', token: 'jira-token' },
      settings: { jql: 'project = SUP' },
    }),
  },
};
for (const s of Object.values(scenarios)) s.hooks.sort((a, b) => a.at - b.at);

beforeAll(async () => {
  scenarios.github.fake.add(...github);
  scenarios.jira.fake.add(...jira);
  await Promise.all([scenarios.github.fake.start(), scenarios.jira.fake.start()]);
});
afterAll(() => Promise.all([scenarios.github.fake.close(), scenarios.jira.fake.close()]));

const driver = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

describe('reconciliation repairs lost GitHub and Jira webhooks', () => {
  for (const [name, s] of Object.entries(scenarios))
    it(`${name}: the core’s cycles for every ticket, each breach announced once and none false`, async () => {
      const database: SuiteDatabase = await suiteDatabase(driver);
      onTestFinished(() => database.release());
      await database.handle.migrate();
      const { db } = database.handle;
      const tenant = `lost-${name}`;
      now = START - 600_000;
      await saveConfig(db, tenant, PLATFORM_CONFIG, 'test');
      const connection: NewConnection = {
        tenant,
        ...s.connection(s.fake.url),
        cursor: String((START - 3_600_000) / 1000),
        intervalSeconds: INTERVAL,
      };
      await saveConnection(db, connection, now);
      const options = {
        db,
        engines: new EngineCache(),
        clock,
        owner: 'worker-1',
        random: () => 0.5,
      };
      let next = 0;
      let lostEvents = 0;
      const end = (s.hooks.at(-1)?.at ?? 0) + (INTERVAL + 180) * 1000;
      for (; now <= end; now += STEP_MS) {
        for (; next < s.hooks.length && (s.hooks[next]?.at ?? 0) <= now; next++) {
          const { hook, at } = s.hooks[next] as (typeof s.hooks)[number];
          if (lost(next, at)) lostEvents += hookEvents(hook).length;
          else await deliverHook(db, tenant, hook, now);
        }
        await runTick(db, options.engines, now);
        await syncDue(options);
      }
      expect(lostEvents).toBeGreaterThan(s.hooks.length / 10);

      const truth: TicketEvent[] = s.hooks.flatMap((h) => [...hookEvents(h.hook)]);
      const core = platformEngine.evaluate(truth, now);
      expect(core).toHaveLength(TICKETS);
      expect(await storedCycles(db, tenant)).toEqual(coreCycles(core));

      const sent = await sentNotifications(db, tenant);
      const trueBreaches = coreBreaches(core);
      expect(trueBreaches.length).toBeGreaterThan(5);
      expect(sent.breaches).toEqual(trueBreaches);
      expect(new Set(sent.keys).size).toBe(sent.keys.length);

      const [health] = await connectionHealth(db, now, tenant);
      expect(health).toMatchObject({ state: 'ok', failures: 0, lastError: null });
      // Every event a lost webhook carried was stored by reconciliation, and nothing else.
      expect(health?.repaired).toBe(lostEvents);
      expect(health?.reconcile.rejected).toBe(0);
    });
});
