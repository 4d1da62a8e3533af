import type { DigestView } from '@breachless/chat';
import { queueDigest, saveConversation } from '@breachless/db';
import { describeEachDriver, seedTenant } from '@breachless/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHANNEL, readable, startTeams, T0 } from './harness.js';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describeEachDriver('digest delivery to Teams', (handle) => {
  let teams: Awaited<ReturnType<typeof startTeams>>;
  beforeAll(async () => {
    await seedTenant(handle().db);
    teams = await startTeams(handle().db);
    await saveConversation(handle().db, 'default', 'teams', {
      conversationId: CHANNEL,
      kind: 'channel',
      teamId: '19:team@thread.tacv2',
      userId: null,
      reference: {
        channelId: 'msteams',
        serviceUrl: teams.connector.url,
        bot: { id: '28:bot', name: 'Breachless' },
        conversation: { id: CHANNEL, conversationType: 'channel', tenantId: 'org-1' },
      },
    });
  });
  afterAll(() => teams.stop());

  it('posts the digest as a valid card with the chart inline', async () => {
    const view: DigestView = {
      kind: 'digest',
      title: 'Weekly SLA digest',
      period: '16 Nov to 22 Nov',
      team: null,
      goalPct: 95,
      metrics: [
        { metric: 'resolution', achieved: 19, breached: 0, compliancePct: 100, previousPct: 95.5 },
      ],
      worst: [],
      atRisk: [
        {
          ticket: 'T-4',
          metric: 'resolution',
          cycle: 1,
          team: 'billing',
          agent: null,
          priority: null,
          at: T0,
        },
      ],
      atRiskTotal: 1,
      late: false,
      chart: { png: PNG, alt: 'resolution 100%' },
      now: T0,
      zone: 'UTC',
    };
    await queueDigest(handle().db, {
      subscription: {
        tenant: 'default',
        id: 'sw',
        platform: 'teams',
        channel: CHANNEL,
        team: null,
        schedule: { every: 'weekly', time: '09:00', zone: 'UTC' },
        createdAt: T0,
      },
      period: '2026-11-23',
      at: T0,
      late: false,
      payload: { view },
      now: T0,
    });
    await teams.delivery.pump.poll();
    await teams.run(() => teams.delivery.lanes.idle);
    const [sent] = teams.connector.of('send');
    expect(sent?.conversation).toBe(CHANNEL);
    const text = readable(sent?.body);
    expect(text).toContain('Weekly SLA digest · 16 Nov to 22 Nov');
    expect(text).toContain('100% (▲ 4.5 pts), 19 met, 0 missed');
    expect(text).toContain('At risk now (1)');
    expect(JSON.stringify(sent?.body)).toContain(`"url":"data:image/png;base64,${PNG}"`);
    expect(teams.connector.cardProblems).toEqual([]);
  });
});
