import {
  addSubscription,
  EngineCache,
  linkIdentity,
  notificationLog,
  runTick,
  schema,
} from '@breachless/db';
import { created, describeEachDriver, ingest, seedTenant } from '@breachless/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHANNEL, MIN, readable, startTeams, T0 } from './harness.js';

describeEachDriver('Teams proactive delivery', (handle) => {
  let teams: Awaited<ReturnType<typeof startTeams>>;
  const tick = async (at: number) => {
    await teams.timer.advanceTo(at);
    await runTick(handle().db, new EngineCache(), at);
  };
  const deliver = async () => {
    await teams.delivery.pump.poll();
    await teams.run(() => teams.delivery.lanes.idle);
  };

  beforeAll(async () => {
    const { db } = handle();
    await seedTenant(db);
    teams = await startTeams(db);
    // The bot is added to the team: Teams says so with a conversation update.
    await teams.post(
      teams.activity({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }] }),
    );
    await addSubscription(db, 'default', {
      platform: 'teams',
      channel: CHANNEL,
      kind: 'alerts',
      filters: {},
      createdBy: 'aad-lead',
    });
    await linkIdentity(db, 'default', {
      platform: 'teams',
      user: 'aad-ana',
      agent: 'ana@example.com',
    });
    await ingest(
      db,
      'default',
      [created('T-1', T0, { assignee: 'ana@example.com' }), created('T-2', T0)],
      T0,
    );
  });
  afterAll(() => teams.stop());

  it('stores where it was installed and posts alerts there and to the assignee, cards valid', async () => {
    const stored = await handle().db.select().from(schema.chatConversations);
    expect(stored.map((c) => [c.conversationId, c.kind, c.teamId])).toEqual([
      [CHANNEL, 'channel', '19:team@thread.tacv2'],
    ]);
    await tick(T0 + 31 * MIN);
    await deliver();
    const sends = teams.connector.of('send');
    expect(sends.filter((c) => c.conversation === CHANNEL)).toHaveLength(2);
    const t1 = readable(sends.find((c) => readable(c.body).includes('T-1 Subject of T-1'))?.body);
    expect(t1).toContain('First response due in 29m');
    expect(t1).toContain('<at>ana@example.com</at>');
    // No personal chat with Ana was stored: the bot opened one, then posted there.
    expect(
      teams.connector.of('create').map((c) => (c.body.members as { id: string }[])[0]?.id),
    ).toEqual(['aad-ana']);
    expect(sends.some((c) => c.conversation === 'dm-aad-ana')).toBe(true);
    expect(teams.connector.cardProblems).toEqual([]);
  });

  it('acknowledges with Action.Execute: the invoke answers with the updated card', async () => {
    const res = await teams.post(
      teams.activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'ack',
            data: { verb: 'ack', ticket: 'T-1', metric: 'first_response', cycle: 1 },
          },
          trigger: 'manual',
        },
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(readable(body.value)).toContain('Acknowledged by ana');
    const acks = await handle()
      .db.select()
      .from(schema.cycleAcks)
      .where(eq(schema.cycleAcks.ticketId, 'T-1'));
    expect(acks.map((a) => [a.userId, a.kind])).toEqual([['aad-ana', 'ack']]);
  });

  it('snoozes with the Action.Submit fallback: the card message is updated in place', async () => {
    const card = teams.connector
      .of('send')
      .find((c) => c.conversation === CHANNEL && readable(c.body).includes('T-2'));
    const from = teams.connector.calls.length;
    const res = await teams.post(
      teams.activity({
        type: 'message',
        replyToId: card?.id,
        value: { verb: 'snooze', ticket: 'T-2', metric: 'first_response', cycle: 1, choice: '30m' },
      }),
    );
    expect(res.status).toBe(200);
    const update = teams.connector.calls.slice(from).find((c) => c.kind === 'update');
    expect(update?.activityId).toBe(card?.id);
    expect(readable(update?.body)).toContain('Snoozed by ana until Mon 23 Nov 10:01 EST');
    expect(teams.connector.cardProblems).toEqual([]);
  });

  it('updates a breached alert in place and answers in its channel thread', async () => {
    const card = teams.connector
      .of('send')
      .find((c) => c.conversation === CHANNEL && readable(c.body).includes('T-2'));
    await tick(T0 + 61 * MIN);
    await deliver();
    const update = teams.connector
      .of('update')
      .filter((c) => c.activityId === card?.id)
      .at(-1);
    expect(readable(update?.body)).toContain('First response breached');
    const thread = teams.connector
      .of('send')
      .filter((c) => c.conversation === `${CHANNEL};messageid=${card?.id}`);
    expect(thread.map((c) => readable(c.body).includes('breached'))).toEqual([true]);
    const log = await notificationLog(handle().db, 'default', { ticket: 'T-2' });
    expect(log.at(-1)?.deliveries.map((d) => d.state)).toEqual(['delivered']);
    expect(teams.connector.cardProblems).toEqual([]);
  });

  it('answers a click more than a week after the due instant with a notice, recording nothing', async () => {
    const before = await handle().db.select().from(schema.cycleAcks);
    // T-2's first response was due at T0 + 1h; a week and a day later the buttons are stale.
    await teams.timer.advanceTo(T0 + 8 * 24 * 60 * MIN + 2 * MIN);
    const data = { verb: 'ack', ticket: 'T-2', metric: 'first_response', cycle: 1 };
    const res = await teams.post(
      teams.activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'ack', data }, trigger: 'manual' },
      }),
    );
    expect(await res.json()).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: expect.stringMatching(
        /^This alert is too old to act on: its cycle was due Mon 23 Nov 10:00 EST, more than 7 days ago/,
      ),
    });
    const from = teams.connector.calls.length;
    await teams.post(
      teams.activity({ type: 'message', value: { ...data, verb: 'snooze', choice: '1h' } }),
    );
    const reply = teams.connector.calls.slice(from).find((c) => c.kind === 'send');
    expect(readable(reply?.body)).toMatch(/too old to act on/);
    expect(await handle().db.select().from(schema.cycleAcks)).toEqual(before);
  });
});
