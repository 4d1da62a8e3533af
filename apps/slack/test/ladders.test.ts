import { EngineCache, linkIdentity, queueReminders, runTick } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { created, ingest, MIN, seedTenant, startSlack, T0, textOf } from './harness.js';

// seedTenant: first response within 1h of New York's 9-17 weekdays, warnings at 50% and 75%.
const H = 60 * MIN;

describeEachDriver('an escalation ladder in Slack', (handle) => {
  let slack: Awaited<ReturnType<typeof startSlack>>;
  const engines = new EngineCache();
  const at = async (now: number) => {
    await slack.timer.advanceTo(now);
    await runTick(handle().db, engines, now);
    await queueReminders(handle().db, engines, now);
    await slack.delivery.pump.poll();
    await slack.run(() => slack.delivery.lanes.idle);
  };
  const posts = (channel: string) =>
    slack.fake.of('chat.postMessage').filter((c) => c.args.channel === channel);

  beforeAll(async () => {
    const { db } = handle();
    await seedTenant(db);
    await linkIdentity(db, 'default', { platform: 'slack', user: 'UANA', agent: 'ana' });
    slack = await startSlack(db);
    slack.fake.users.set('U-admin', { id: 'U-admin', tz: 'America/New_York', is_admin: true });
    const rungs = [
      ['C-team', 'subscribe alerts levels:75% to:assignee'],
      ['C-mgr', 'subscribe alerts levels:breach remind:2h times:1'],
    ];
    for (const [channel, text] of rungs) {
      const { responseId } = await slack.command(text as string, 'U-admin', channel);
      expect(textOf(await slack.answer(responseId))).toContain('now hears alerts for levels:');
    }
    await ingest(db, 'default', [created('T-1', T0, { assignee: 'ana' })], T0);
  });
  afterAll(() => slack.stop());

  it('sends 75% to the assignee alone, the breach to the managers, then one reminder in its thread', async () => {
    await at(T0 + 31 * MIN);
    expect(slack.fake.of('chat.postMessage')).toHaveLength(0); // 50%: no rung hears it
    await at(T0 + 46 * MIN);
    expect(posts('D-UANA').map((c) => textOf(c.args))).toEqual([
      expect.stringContaining('First response due in 14m'),
    ]);
    expect(posts('C-team')).toHaveLength(0);
    await at(T0 + 61 * MIN);
    const [breach] = posts('C-mgr');
    expect(textOf(breach?.args ?? {})).toContain('breached');
    await at(T0 + 3 * H); // 2 business hours after the 10:00 breach
    await at(T0 + 5 * H); // times:1, so no second reminder
    const reminders = posts('C-mgr').slice(1);
    expect(reminders.map((c) => c.args.thread_ts)).toEqual([breach?.result?.ts]);
    expect(textOf(reminders[0]?.args ?? {})).toContain('breached');
    expect(posts('D-UANA')).toHaveLength(1);
  });
});
