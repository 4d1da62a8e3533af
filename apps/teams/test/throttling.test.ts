import { DELIVERY_ATTEMPTS } from '@breachless/chat';
import {
  addSubscription,
  EngineCache,
  notificationLog,
  runTick,
  saveConversation,
} from '@breachless/db';
import { created, describeEachDriver, ingest, seedTenant } from '@breachless/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MIN, startTeams, T0 } from './harness.js';

const channel = (name: string) => `19:${name}@thread.tacv2`;

describeEachDriver('Teams throttling and failures', (handle) => {
  let teams: Awaited<ReturnType<typeof startTeams>>;
  beforeAll(async () => {
    const { db } = handle();
    await seedTenant(db);
    teams = await startTeams(db);
    for (const name of ['hot', 'cold', 'flaky', 'down']) {
      const id = channel(name);
      await saveConversation(db, 'default', 'teams', {
        conversationId: id,
        kind: 'channel',
        teamId: '19:team@thread.tacv2',
        userId: null,
        reference: {
          channelId: 'msteams',
          serviceUrl: teams.connector.url,
          bot: { id: '28:bot', name: 'Breachless' },
          conversation: { id, conversationType: 'channel', tenantId: 'org-1' },
        },
      });
      await addSubscription(db, 'default', {
        platform: 'teams',
        channel: id,
        kind: 'alerts',
        filters: { team: name },
        createdBy: 'aad-lead',
      });
    }
    await ingest(
      db,
      'default',
      [
        ...['H-1', 'H-2'].map((t) => created(t, T0, { team: 'hot' })),
        created('C-1', T0, { team: 'cold' }),
        created('F-1', T0, { team: 'flaky' }),
        created('D-1', T0, { team: 'down' }),
      ],
      T0,
    );
    await teams.timer.advanceTo(T0 + 31 * MIN);
    await runTick(db, new EngineCache(), T0 + 31 * MIN);
  });
  afterAll(() => teams.stop());

  it('honours 429 Retry-After per conversation, retries 412/502/504, and gives up on a dead channel', async () => {
    const start = teams.timer.now();
    const to = (name: string) => (c: { conversation: string }) => c.conversation === channel(name);
    teams.connector.fail({ status: 429, retryAfter: 30 }, 1, to('hot'));
    teams.connector.fail({ status: 412 }, 1, to('flaky'));
    teams.connector.fail({ status: 502 }, 1, to('flaky'));
    teams.connector.fail({ status: 504 }, 1, to('flaky'));
    teams.connector.fail({ status: 500 }, 100, to('down'));
    teams.delivery.pump.start();
    const attempts = (name: string) => teams.connector.calls.filter(to(name));
    await teams.run(
      () =>
        attempts('down').length >= DELIVERY_ATTEMPTS &&
        teams.connector.of('send').filter(to('hot')).length >= 2 &&
        teams.connector.of('send').some(to('flaky')) &&
        teams.delivery.lanes.idle,
    );
    const at = (name: string) => attempts(name).map((c) => (c.at - start) / 1000);

    const hot = at('hot');
    expect(hot[0]).toBeLessThan(1);
    expect(hot[1]).toBeGreaterThanOrEqual(30);
    expect((hot[2] ?? 0) - (hot[1] ?? 0)).toBeGreaterThanOrEqual(1);
    expect(at('cold')[0]).toBeLessThan(1);
    expect(at('flaky')).toHaveLength(4);
    expect(at('down')).toHaveLength(DELIVERY_ATTEMPTS);

    // The tenant's pace: never two messages of the tenant less than 20 ms apart.
    const all = teams.connector.calls.map((c) => c.at).sort((a, b) => a - b);
    expect(all.slice(1).every((t, i) => t - (all[i] ?? 0) >= 20)).toBe(true);

    const state = async (ticket: string) =>
      (await notificationLog(handle().db, 'default', { ticket }))[0]?.deliveries[0];
    expect(await state('F-1')).toMatchObject({ state: 'delivered', attempts: 3 });
    expect(await state('D-1')).toMatchObject({
      state: 'failed',
      attempts: DELIVERY_ATTEMPTS,
      error: 'transient: HTTP 500',
    });
    expect(await state('H-2')).toMatchObject({ state: 'delivered', attempts: 0 });
  });
});
