// The proof: webhooks lost at random (one in ten) and in a burst (the API
// restarting for 40 minutes), the worker ticking every two minutes (reconciling every five) against
// the loopback Zendesk (src/zendesk/fake.ts: Zendesk's Incremental Ticket Event Export as
// documented), and after one reconciliation interval every ticket's cycles are the core's
// answer over the full history, every breach is announced, none twice, none false.
import type { TicketEvent } from '@breachless/core';
import { EngineCache, runTick, saveConfig } from '@breachless/db';
import { connectionHealth, saveConnection } from '@breachless/db/sync';
import { describeEachDriver } from '@breachless/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syncDue } from '../src/job.js';
import { FakeZendesk } from '../src/zendesk/fake.js';
import { type FakeChange, fakeHistory } from '../src/zendesk/fake-history.js';
import { coreBreaches, coreCycles, sentNotifications, storedCycles } from './proof-outcome.js';
import { CONFIG, deliver, engine, webhookEvents } from './webhooks.js';

const START = Date.UTC(2026, 10, 2, 8) / 1000;
const STEP_MS = 120_000;
const TENANT = 'acme';
const history: FakeChange[] = fakeHistory({ tickets: 60, start: START, spacing: 900 });
const hooks = history
  .flatMap((c) => c.webhooks)
  .map((w) => ({ body: w, at: Date.parse(String(w.time)) }))
  .sort((a, b) => a.at - b.at);
const BURST = { from: (START + 6 * 3600) * 1000, to: (START + 6 * 3600 + 2400) * 1000 };
// Every tenth webhook, and every one sent while the API restarts.
const lost = (i: number, at: number) => i % 10 === 7 || (at >= BURST.from && at < BURST.to);
const LAST = hooks.at(-1)?.at ?? 0;

let now = (START - 600) * 1000;
let fake: FakeZendesk;
beforeAll(async () => {
  fake = new FakeZendesk({ clock: () => now });
  fake.add(...history.map((c) => c.audit));
  await fake.start();
});
afterAll(() => fake.close());

describeEachDriver('reconciliation repairs lost webhooks', (handle) => {
  it('ends with the core’s cycles for every ticket, each breach announced once and none false', async () => {
    const { db } = handle();
    now = (START - 600) * 1000;
    await saveConfig(db, TENANT, CONFIG, 'test');
    const interval = 300;
    await saveConnection(
      db,
      {
        tenant: TENANT,
        platform: 'zendesk',
        baseUrl: fake.url,
        credentials: { email: 'agent@example.com', token: 'secret-token' },
        cursor: String(START - 3600),
        intervalSeconds: interval,
      },
      now,
    );
    const engines = new EngineCache();
    const options = { db, engines, clock: () => now, owner: 'worker-1', random: () => 0.5 };
    let next = 0;
    let dropped = 0;
    let lostEvents = 0;
    let deliveredEvents = 0;
    // One reconciliation interval (and the two-minute settle) after the last change.
    const end = LAST + (interval + 180) * 1000;
    for (; now <= end; now += STEP_MS) {
      for (; next < hooks.length && (hooks[next]?.at ?? 0) <= now; next++) {
        const hook = hooks[next] as { body: object; at: number };
        if (lost(next, hook.at)) {
          dropped++;
          lostEvents += webhookEvents(hook.body, now).length;
        } else deliveredEvents += (await deliver(db, TENANT, engine, hook.body, now)).accepted;
      }
      await runTick(db, engines, now);
      await syncDue(options);
    }
    expect(dropped).toBeGreaterThan(hooks.length / 10);

    const truth: TicketEvent[] = hooks.flatMap((h) => webhookEvents(h.body, now));
    const core = engine.evaluate(truth, now);
    expect(core).toHaveLength(60);
    expect(await storedCycles(db, TENANT)).toEqual(coreCycles(core));

    const sent = await sentNotifications(db, TENANT);
    const trueBreaches = coreBreaches(core);
    expect(trueBreaches.length).toBeGreaterThan(10);
    expect(sent.breaches).toEqual(trueBreaches);
    expect(new Set(sent.keys).size).toBe(sent.keys.length);

    const [health] = await connectionHealth(db, now, TENANT);
    expect(health).toMatchObject({ state: 'ok', failures: 0, lastError: null });
    // Each audit holds at most one field change, so each lost webhook is one repaired event,
    // and each delivered one is recognised as seen, not stored again.
    expect(health?.repaired).toBe(lostEvents);
    expect(health?.reconcile).toMatchObject({ seen: deliveredEvents, rejected: 0 });
  });
});
