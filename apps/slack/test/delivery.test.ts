import {
  addSubscription,
  EngineCache,
  linkIdentity,
  notificationLog,
  runTick,
  schema,
} from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { created, ingest, MIN, seedTenant, startSlack, T0, textOf } from './harness.js';

describeEachDriver('alert delivery to Slack', (handle) => {
  let slack: Awaited<ReturnType<typeof startSlack>>;
  const tick = async (at: number) => {
    await slack.timer.advanceTo(at);
    await runTick(handle().db, new EngineCache(), at);
  };
  /** One pump round, then the lanes drain on the manual clock. */
  const deliver = async () => {
    await slack.delivery.pump.poll();
    await slack.run(() => slack.delivery.lanes.idle);
  };
  const posts = (channel: string) =>
    slack.fake.of('chat.postMessage').filter((c) => c.args.channel === channel);

  beforeAll(async () => {
    const { db } = handle();
    await seedTenant(db);
    await addSubscription(db, 'default', {
      platform: 'slack',
      channel: 'CBILLING',
      kind: 'alerts',
      filters: { team: 'billing' },
      createdBy: 'UADMIN',
    });
    await linkIdentity(db, 'default', {
      platform: 'slack',
      user: 'UANA',
      agent: 'ana@example.com',
    });
    slack = await startSlack(db);
    slack.fake.users.set('UBOB', { id: 'UBOB', email: 'bob@example.com', tz: 'America/New_York' });
    await ingest(
      db,
      'default',
      [
        created('T-1', T0, { assignee: 'ana@example.com' }),
        created('T-2', T0, { assignee: 'bob@example.com' }),
      ],
      T0,
    );
  });
  afterAll(() => slack.stop());

  it('posts a warning to the channel and the linked assignee, paced one a second per channel', async () => {
    await tick(T0 + 31 * MIN);
    await deliver();
    const channel = posts('CBILLING');
    expect(channel).toHaveLength(2);
    expect((channel[1]?.at ?? 0) - (channel[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    const [t1, t2] = ['T-1', 'T-2'].map((t) =>
      textOf(channel.find((c) => String(c.args.text).includes(t))?.args ?? {}),
    );
    expect(t1).toContain(':warning: *First response due in 29m*');
    expect(t1).toContain('<https://help.example.com/T-1|T-1 Subject of T-1>');
    expect(t1).toContain('<@UANA>');
    expect(t2).toContain('<@UBOB>'); // found by email (users.lookupByEmail)
    for (const id of ['sla_ack', 'sla_snooze', 'sla_open']) expect(t1).toContain(id);
    expect(slack.fake.of('conversations.open').map((c) => c.args.users)).toEqual(['UANA']);
    expect(posts('D-UANA')).toHaveLength(1);
    const log = await notificationLog(handle().db, 'default', { ticket: 'T-1' });
    expect(log[0]?.deliveries.map((d) => d.state)).toEqual(['delivered', 'delivered']);
  });

  it('acknowledges from the button: recorded, and the alert updated in place to say who', async () => {
    const message = posts('CBILLING').find((c) => String(c.args.text).includes('T-1'));
    const ts = slack.fake.calls.length; // to find the update that follows
    const res = await slack.click({
      user: { id: 'UANA', name: 'ana' },
      channel: 'CBILLING',
      ts: String(message?.result?.ts),
      action: { action_id: 'sla_ack', block_id: 'sla:["T-1","first_response",1]', type: 'button' },
    });
    expect(res.status).toBe(200);
    await slack.run(() => slack.fake.calls.slice(ts).some((c) => c.method === 'chat.update'));
    const update = slack.fake.calls.slice(ts).find((c) => c.method === 'chat.update');
    expect(update?.args.channel).toBe('CBILLING');
    expect(update?.args.ts).toBe(message?.result?.ts);
    expect(textOf(update?.args ?? {})).toContain('Acknowledged by ana');
    const acks = await handle()
      .db.select()
      .from(schema.cycleAcks)
      .where(and(eq(schema.cycleAcks.ticketId, 'T-1'), eq(schema.cycleAcks.userId, 'UANA')));
    expect(acks.map((a) => a.kind)).toEqual(['ack']);
  });

  it('snoozes from the menu until the chosen instant', async () => {
    const message = posts('CBILLING').find((c) => String(c.args.text).includes('T-2'));
    const from = slack.fake.calls.length;
    await slack.click({
      user: { id: 'UBOB', name: 'bob' },
      channel: 'CBILLING',
      ts: String(message?.result?.ts),
      action: {
        action_id: 'sla_snooze',
        block_id: 'sla:["T-2","first_response",1]',
        type: 'static_select',
        selected_option: { value: '1h', text: { type: 'plain_text', text: '1 hour' } },
      },
    });
    await slack.run(() => slack.fake.calls.slice(from).some((c) => c.method === 'chat.update'));
    const update = slack.fake.calls.slice(from).find((c) => c.method === 'chat.update');
    expect(textOf(update?.args ?? {})).toContain('Snoozed by bob until Mon 23 Nov 10:31 EST');
    const [snooze] = await handle()
      .db.select()
      .from(schema.cycleAcks)
      .where(and(eq(schema.cycleAcks.ticketId, 'T-2'), eq(schema.cycleAcks.userId, 'UBOB')));
    expect(snooze?.kind).toBe('snooze');
    expect(snooze?.until?.getTime()).toBe(slack.timer.now() + 60 * MIN);
  });

  it('updates a breached warning in place, answers in its thread, and settles an achieved one', async () => {
    const first = Object.fromEntries(
      posts('CBILLING').map((c) => [
        String(c.args.text).includes('T-1') ? 'T-1' : 'T-2',
        String(c.result?.ts),
      ]),
    );
    const postsBefore = slack.fake.of('chat.postMessage').length;
    await ingest(
      handle().db,
      'default',
      [
        {
          id: 'T-1-reply',
          ticket: 'T-1',
          type: 'message',
          at: new Date(T0 + 50 * MIN).toISOString(),
          author: 'agent',
          public: true,
        },
      ],
      T0 + 50 * MIN,
    );
    await tick(T0 + 61 * MIN);
    await deliver();
    const updates = slack.fake.of('chat.update');
    const t2 = updates.filter((c) => c.args.ts === first['T-2']);
    expect(textOf(t2.at(-1)?.args ?? {})).toContain(':rotating_light: *First response breached');
    const threaded = slack.fake.of('chat.postMessage').slice(postsBefore);
    // T-2's 75% warning was snoozed away; its breach went into the warning's thread, and
    // nothing new was posted at the top of the channel.
    expect(
      threaded.filter((c) => c.args.channel === 'CBILLING').map((c) => c.args.thread_ts),
    ).toEqual([first['T-2']]);
    const t2log = await notificationLog(handle().db, 'default', { ticket: 'T-2' });
    expect(t2log.map((n) => `${n.level} ${n.deliveries.map((d) => d.state).join()}`)).toEqual([
      '50% delivered',
      '75% suppressed',
      'breach delivered',
    ]);
    const t1 = updates.filter((c) => c.args.ts === first['T-1']);
    expect(textOf(t1.at(-1)?.args ?? {})).toContain(':white_check_mark: *First response achieved*');
    expect(textOf(t1.at(-1)?.args ?? {})).not.toContain('sla_ack');
    // Settled messages are not updated again.
    const count = slack.fake.of('chat.update').length;
    await deliver();
    expect(slack.fake.of('chat.update')).toHaveLength(count);
  });

  it('answers a click more than a week after the due instant with a notice, recording nothing', async () => {
    const message = posts('CBILLING').find((c) => String(c.args.text).includes('T-2'));
    const before = await handle().db.select().from(schema.cycleAcks);
    // T-2's first response was due at T0 + 1h; a week and a day later the buttons are stale.
    await slack.timer.advanceTo(T0 + 8 * 24 * 60 * MIN + 2 * MIN);
    const from = slack.fake.calls.length;
    const res = await slack.click({
      user: { id: 'UBOB', name: 'bob' },
      channel: 'CBILLING',
      ts: String(message?.result?.ts),
      action: { action_id: 'sla_ack', block_id: 'sla:["T-2","first_response",1]', type: 'button' },
    });
    expect(res.status).toBe(200);
    await slack.run(() => slack.fake.calls.slice(from).some((c) => c.method === 'respond'));
    const notice = slack.fake.calls.slice(from).find((c) => c.method === 'respond');
    expect(notice?.args).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: expect.stringMatching(
        /^This alert is too old to act on: its cycle was due Mon 23 Nov 10:00 EST, more than 7 days ago/,
      ),
    });
    expect(slack.fake.calls.slice(from).some((c) => c.method === 'chat.update')).toBe(false);
    expect(await handle().db.select().from(schema.cycleAcks)).toEqual(before);
  });
});
