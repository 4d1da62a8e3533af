import { complianceChart, type DigestView } from '@breachless/chat';
import { type DigestSubscription, notificationLog, queueDigest } from '@breachless/db';
import { describeEachDriver, seedTenant } from '@breachless/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSlack, T0, textOf } from './harness.js';

// A 1x1 PNG stands in for the worker's rendering (packages/jobs draws the real chart).
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describeEachDriver('digest delivery to Slack', (handle) => {
  let slack: Awaited<ReturnType<typeof startSlack>>;
  beforeAll(async () => {
    await seedTenant(handle().db);
    slack = await startSlack(handle().db);
  });
  afterAll(() => slack.stop());

  it('uploads the chart to the channel, then posts the digest; once', async () => {
    const subscription: DigestSubscription = {
      tenant: 'default',
      id: 'sd1',
      platform: 'slack',
      channel: 'CLEADS',
      team: 'billing',
      schedule: { every: 'daily', time: '09:00', zone: 'America/New_York' },
      createdAt: T0,
    };
    const { alt } = complianceChart(
      {
        days: ['2026-11-22', '2026-11-23'],
        lines: [{ metric: 'first_response', values: [90, 100] }],
        goalPct: 95,
      },
      'Compliance',
    );
    const view: DigestView = {
      kind: 'digest',
      title: 'Daily SLA digest',
      period: 'Sun 22 Nov',
      team: 'billing',
      goalPct: 95,
      metrics: [
        { metric: 'first_response', achieved: 9, breached: 1, compliancePct: 90, previousPct: 100 },
      ],
      worst: [
        {
          ticket: 'T-9 <!channel>',
          metric: 'first_response',
          cycle: 1,
          team: 'billing',
          agent: null,
          priority: 'high',
          at: T0,
        },
      ],
      atRisk: [],
      atRiskTotal: 0,
      late: true,
      chart: { png: PNG, alt },
      now: T0,
      zone: 'America/New_York',
    };
    expect(
      await queueDigest(handle().db, {
        subscription,
        period: '2026-11-23',
        at: T0,
        late: true,
        payload: { view },
        now: T0,
      }),
    ).toBe(true);
    expect(
      await queueDigest(handle().db, {
        subscription,
        period: '2026-11-23',
        at: T0,
        late: true,
        payload: { view },
        now: T0,
      }),
    ).toBe(false);
    await slack.delivery.pump.poll();
    await slack.run(() => slack.delivery.lanes.idle);

    const methods = slack.fake.calls.map((c) => c.method);
    expect(methods).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
      'chat.postMessage',
    ]);
    expect(slack.fake.of('upload')[0]?.args).toMatchObject({ png: true });
    expect(slack.fake.of('files.completeUploadExternal')[0]?.args.channel_id).toBe('CLEADS');
    const post = slack.fake.of('chat.postMessage')[0]?.args ?? {};
    expect(post.channel).toBe('CLEADS');
    const text = textOf(post);
    expect(text).toContain('Daily SLA digest · Sun 22 Nov');
    expect(text).toContain('sent late');
    expect(text).toContain(':warning: *first response* 90% (▼ 10 pts), 9 met, 1 missed');
    expect(text).toContain('&lt;!channel&gt;');
    const [log] = await notificationLog(handle().db, 'default');
    expect(log?.deliveries.map((d) => d.state)).toEqual(['delivered']);
  });
});
