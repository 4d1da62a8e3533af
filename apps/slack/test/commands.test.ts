import { agentOf } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { created, ingest, MIN, seedTenant, startSlack, T0, textOf } from './harness.js';

const NOW = T0 + 120 * MIN;

describeEachDriver('/sla commands through Bolt', (handle) => {
  let slack: Awaited<ReturnType<typeof startSlack>>;
  beforeAll(async () => {
    const { db } = handle();
    await seedTenant(db);
    await ingest(
      db,
      'default',
      [
        created('T-1', T0, { assignee: 'ana@example.com' }),
        {
          id: 'T-1-reply',
          ticket: 'T-1',
          type: 'message',
          at: new Date(T0 + 30 * MIN).toISOString(),
          author: 'agent',
          public: true,
        },
        created('T-2', T0),
        created('T-3', T0 + 90 * MIN, { team: 'sales' }),
      ],
      NOW,
    );
    slack = await startSlack(db);
    await slack.timer.advanceTo(NOW);
    slack.fake.users.set('U-admin', { id: 'U-admin', tz: 'America/New_York', is_admin: true });
    slack.fake.users.set('U-agent', { id: 'U-agent', tz: 'Europe/Paris' });
    slack.fake.users.set('U-manager', { id: 'U-manager', tz: 'UTC' });
  });
  afterAll(() => slack.stop());

  const run = async (text: string, user?: string) => {
    const { ack, responseId, status } = await slack.command(text, user);
    expect(status).toBe(200);
    return { ack, answer: () => slack.answer(responseId) };
  };

  it('answers help and malformed commands in the acknowledgement, with usage', async () => {
    const help = await run('help');
    expect(help.ack.response_type).toBe('ephemeral');
    expect(textOf(help.ack)).toContain('/sla at-risk [within:2h] [team:X]');
    const bad = await run('stats 9999d');
    expect(textOf(bad.ack)).toContain('a period of days runs from 1d to 366d');
    expect(textOf(bad.ack)).toContain('Usage: `/sla stats');
    const unknown = await run('frobnicate now');
    expect(textOf(unknown.ack)).toMatch(/frobnicate/);
    expect(unknown.ack.response_type).toBe('ephemeral');
  });

  it('answers stats through response_url, ephemeral unless public', async () => {
    const { ack, answer } = await run('stats today');
    expect(ack).toEqual({});
    const reply = await answer();
    expect(reply.response_type).toBe('ephemeral');
    expect(textOf(reply)).toMatch(/first response\s+50%\s+1\/1/);
    expect(textOf(reply)).toContain('Compliance · Today (23 Nov)');
    const pub = await (await run('stats today by:team public')).answer();
    expect(pub.response_type).toBe('in_channel');
    expect(textOf(pub)).toMatch(/billing\s+first response\s+50%/);
  });

  it.each([
    ['stats 7d', 'Last 7 days (17 Nov to 23 Nov)'],
    ['stats 30d', 'Last 30 days'],
    ['stats mtd', 'Month to date (November 2026)'],
    ['stats yesterday', 'No cycle was achieved or breached'],
    ['stats 2026-11-01..2026-11-23', '2026-11-01 to 2026-11-23'],
    ['stats today agent:ana@example.com', /first response\s+100%\s+1\/0/],
    ['stats today priority:high by:priority', 'high'],
    ['stats today by:day', '2026-11-23'],
    ['stats today by:metric', 'first response'],
    ['stats today team:sales', 'No cycle was achieved or breached'],
    ['breached yesterday', 'No breach in this period'],
    ['breached 7d team:billing', '*T-2*'],
    ['at-risk', 'Due within 2h'],
  ])('answers `%s`', async (text, expected) => {
    const reply = textOf(await (await run(text, 'U-admin')).answer());
    expect(reply).toMatch(expected);
  });

  it('lists cycles at risk and breached', async () => {
    const atRisk = textOf(await (await run('at-risk within:1h')).answer());
    expect(atRisk).toContain('*T-3* first response due');
    expect(atRisk).not.toContain('T-2');
    expect(textOf(await (await run('at-risk within:1h team:billing')).answer())).toContain(
      'Nothing is due',
    );
    const breached = textOf(await (await run('breached today')).answer());
    expect(breached).toContain('*T-2* first response breached');
    expect(breached).not.toContain('T-1');
  });

  it('explains a ticket with its timeline, and says so when no event names it', async () => {
    const t2 = textOf(await (await run('ticket T-2')).answer());
    expect(t2).toContain('Ticket T-2 · policy std');
    expect(t2).toContain('first response #1*: breached');
    const none = textOf(await (await run('ticket T-404')).answer());
    expect(none).toContain('No events name ticket T-404');
  });

  it('lets admins, owners and listed managers subscribe, and tells others why not', async () => {
    const refused = textOf(await (await run('subscribe alerts team:billing', 'U-agent')).answer());
    expect(refused).toContain('Only workspace admins and owners');
    const byAdmin = textOf(await (await run('subscribe alerts team:billing', 'U-admin')).answer());
    const alertsId = /subscription (s[0-9a-z]{6})/.exec(byAdmin)?.[1];
    expect(alertsId).toBeDefined();
    const digest = textOf(
      await (await run('subscribe digest daily 09:00 goal:90', 'U-manager')).answer(),
    );
    expect(digest).toContain('daily 09:00 UTC goal 90%');
    const list = textOf(await (await run('subscriptions', 'U-agent')).answer());
    expect(list).toContain(`\`${alertsId}\` alerts: team:billing`);
    expect(list).toContain('digest: daily 09:00 UTC goal 90%');
    expect(textOf(await (await run(`unsubscribe ${alertsId}`, 'U-agent')).answer())).toContain(
      'Only workspace admins',
    );
    expect(textOf(await (await run(`unsubscribe ${alertsId}`, 'U-admin')).answer())).toContain(
      `Subscription ${alertsId} removed`,
    );
    expect(textOf(await (await run(`unsubscribe ${alertsId}`, 'U-admin')).answer())).toContain(
      `This channel has no subscription ${alertsId}`,
    );
    expect(textOf(await (await run('subscriptions')).answer())).not.toContain(alertsId);
  });

  it('links the asker to a helpdesk agent', async () => {
    const reply = textOf(await (await run('link ana@example.com', 'U-agent')).answer());
    expect(reply).toContain('You are linked to ana@example.com');
    expect(await agentOf(handle().db, 'default', 'slack', 'U-agent')).toBe('ana@example.com');
  });
});
