import { DELIVERY_ATTEMPTS } from '@breachless/chat';
import { addSubscription, EngineCache, notificationLog, runTick } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { created, ingest, MIN, seedTenant, startSlack, T0, textOf } from './harness.js';

describeEachDriver('Slack rate limits and failures', (handle) => {
  let slack: Awaited<ReturnType<typeof startSlack>>;
  const posts = (channel: string) =>
    slack.fake.of('chat.postMessage').filter((c) => c.args.channel === channel);

  beforeAll(async () => {
    const { db } = handle();
    await seedTenant(db);
    for (const [channel, team] of [
      ['CHOT', 'hot'],
      ['CCOLD', 'cold'],
      ['CBAD', 'bad'],
    ] as const)
      await addSubscription(db, 'default', {
        platform: 'slack',
        channel,
        kind: 'alerts',
        filters: { team },
        createdBy: 'UADMIN',
      });
    slack = await startSlack(db);
    await ingest(
      db,
      'default',
      [
        ...['H-1', 'H-2', 'H-3'].map((t) => created(t, T0, { team: 'hot' })),
        created('C-1', T0, { team: 'cold' }),
        created('C-2', T0, { team: 'cold' }),
        created('B-1', T0, { team: 'bad' }),
      ],
      T0,
    );
    await slack.timer.advanceTo(T0 + 31 * MIN);
    await runTick(db, new EngineCache(), T0 + 31 * MIN);
  });
  afterAll(() => slack.stop());

  it('holds a channel answering 429 for its Retry-After, without stalling the others, and retries 5xx until it gives up', async () => {
    const start = slack.timer.now();
    slack.fake.fail(
      'chat.postMessage',
      { status: 429, retryAfter: 30 },
      1,
      (a) => a.channel === 'CHOT',
    );
    slack.fake.fail('chat.postMessage', { status: 500 }, 100, (a) => a.channel === 'CBAD');
    slack.delivery.pump.start();
    await slack.run(
      () =>
        posts('CBAD').length >= DELIVERY_ATTEMPTS &&
        posts('CHOT').length >= 4 &&
        slack.delivery.lanes.idle,
    );
    const at = (channel: string) => posts(channel).map((c) => (c.at - start) / 1000);

    // The hot channel: refused once, then its three alerts from 30 s on, a second apart.
    const hot = at('CHOT');
    expect(hot[0]).toBe(0);
    expect(hot[1]).toBeGreaterThanOrEqual(30);
    expect(hot[2] ?? 0).toBeGreaterThanOrEqual((hot[1] ?? 0) + 1);
    expect(hot[3] ?? 0).toBeGreaterThanOrEqual((hot[2] ?? 0) + 1);
    // The cold channel never waited for it.
    expect(at('CCOLD')).toEqual([0, 1]);
    // The failing channel: twelve attempts with growing waits over more than 11 minutes
    // (an outage of Slack's that long loses nothing), then failed.
    const bad = at('CBAD');
    expect(bad).toHaveLength(DELIVERY_ATTEMPTS);
    expect((bad.at(-1) ?? 0) - (bad[0] ?? 0)).toBeGreaterThanOrEqual(705);
    const gaps = bad.slice(1).map((t, i) => t - (bad[i] ?? 0));
    expect(gaps.every((g) => g >= 1)).toBe(true);
    expect(gaps[3] ?? 0).toBeGreaterThan(gaps[0] ?? 0);

    const [b1] = await notificationLog(handle().db, 'default', { ticket: 'B-1' });
    expect(b1?.deliveries).toMatchObject([
      {
        destination: 'slack:channel:CBAD',
        state: 'failed',
        attempts: DELIVERY_ATTEMPTS,
        error: 'transient: HTTP 500',
      },
    ]);
    const hotLog = await notificationLog(handle().db, 'default', { ticket: 'H-1' });
    expect(hotLog[0]?.deliveries[0]).toMatchObject({ state: 'delivered', attempts: 0 });
  });

  it('shows the failed alerts in /sla subscriptions of that channel', async () => {
    const { responseId } = await slack.command('subscriptions', 'UADMIN', 'CBAD');
    const text = textOf(await slack.answer(responseId));
    expect(text).toContain('1 alert(s) to this channel failed; last error: transient: HTTP 500');
  });
});
