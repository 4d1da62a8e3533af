import { formatDestination, NO_DESTINATION } from '@breachless/core';
import { and, asc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { addSubscription, linkIdentity, recordAck } from '../src/chat/index.js';
import { queueReminders, reminderLevel } from '../src/ladders/index.js';
import { runTick } from '../src/scan/index.js';
import { deliveries, notifications } from '../src/schema/index.js';
import type { Database } from '../src/storage/index.js';
import { EngineCache, saveConfig } from '../src/tenants/index.js';
import { created, describeEachDriver, ingest, seedTenant } from '../src/testing.js';

// seedTenant: first response in 1h of New York's 9-17 weekdays, warnings at 50% and 75%.
const MON = Date.parse('2026-11-23T14:00:00Z'); // 09:00 in New York
const MIN = 60_000;
const H = 60 * MIN;
const channel = (id: string) => formatDestination({ platform: 'slack', kind: 'channel', id });
const dm = (id: string) => formatDestination({ platform: 'slack', kind: 'user', id });

/** Where each level of a ticket's notifications went: `[level, destination, state]`, in order. */
async function routed(db: Database, tenant: string, ticket: string) {
  const rows = await db
    .select({ level: notifications.level, to: deliveries.destination, state: deliveries.state })
    .from(notifications)
    .innerJoin(
      deliveries,
      and(
        eq(deliveries.tenantId, notifications.tenantId),
        eq(deliveries.notificationId, notifications.id),
      ),
    )
    .where(and(eq(notifications.tenantId, tenant), eq(notifications.ticketId, ticket)))
    .orderBy(asc(notifications.id), asc(deliveries.destination));
  return rows.map((r) => [r.level, r.to, r.state]);
}

async function ladder(db: Database, tenant: string) {
  const rung = (channelId: string, filters: Record<string, string>) =>
    addSubscription(db, tenant, {
      platform: 'slack',
      channel: channelId,
      kind: 'alerts',
      filters,
      createdBy: 'U-ADMIN',
    });
  await rung('C-TEAM', { levels: '50%' });
  await rung('C-TEAM', { levels: '75%', to: 'assignee' });
  const managers = await rung('C-MGR', { levels: 'breach', remind: '2h', times: '2' });
  await linkIdentity(db, tenant, { platform: 'slack', user: 'U-ANA', agent: 'ana' });
  return managers;
}

describeEachDriver('escalation ladders', (handle) => {
  it('route each level to its rung, and remind of an open breach every 2 business hours at most twice, once each', async () => {
    const { db } = handle();
    const engines = new EngineCache();
    await seedTenant(db, 'lad');
    const managers = await ladder(db, 'lad');
    await ingest(db, 'lad', [created('T-1', MON, { assignee: 'ana' })], MON);
    for (const at of [30, 45, 61]) await runTick(db, engines, MON + at * MIN);
    // 2 business hours after the 10:00 breach is 12:00 in New York; then 14:00; then no more.
    expect(await queueReminders(db, engines, MON + 3 * H - 1000)).toBe(0);
    const twice = await Promise.all([
      queueReminders(db, engines, MON + 3 * H),
      queueReminders(db, engines, MON + 3 * H),
    ]);
    expect(twice.sort()).toEqual([0, 1]);
    expect(await queueReminders(db, engines, MON + 5 * H)).toBe(1);
    expect(await queueReminders(db, engines, MON + 50 * H)).toBe(0);
    expect(await routed(db, 'lad', 'T-1')).toEqual([
      ['50%', channel('C-TEAM'), 'pending'],
      ['75%', dm('U-ANA'), 'pending'],
      ['breach', channel('C-MGR'), 'pending'],
      [reminderLevel(1, managers), channel('C-MGR'), 'pending'],
      [reminderLevel(2, managers), channel('C-MGR'), 'pending'],
    ]);
  });

  it('hold back a reminder of an acknowledged breach, and send none once the cycle stops', async () => {
    const { db } = handle();
    const engines = new EngineCache();
    await seedTenant(db, 'ack');
    const managers = await ladder(db, 'ack');
    await ingest(db, 'ack', [created('A', MON), created('B', MON)], MON);
    await runTick(db, engines, MON + H + MIN);
    await recordAck(db, 'ack', {
      ticket: 'A',
      metric: 'first_response',
      cycle: 1,
      user: 'U-BOB',
      kind: 'ack',
      until: null,
    });
    const reply = { ticket: 'B', type: 'message', author: 'agent', public: true };
    await ingest(db, 'ack', [{ ...reply, id: 'B-r', at: '2026-11-23T15:30:00Z' }], MON + 2 * H);
    expect(await queueReminders(db, engines, MON + 3 * H)).toBe(1);
    expect((await routed(db, 'ack', 'A')).at(-1)).toEqual([
      reminderLevel(1, managers),
      NO_DESTINATION,
      'suppressed',
    ]);
    expect((await routed(db, 'ack', 'B')).map((r) => r[0])).toEqual(['50%', '75%', 'breach']);
  });

  it('remind in the ticket’s zone when the calendar reads the customer’s hours', async () => {
    const { db } = handle();
    const engines = new EngineCache();
    const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]);
    const customer = {
      id: 'customer',
      timezone: 'America/New_York',
      timezoneFrom: 'custom.tz',
      hours: Object.fromEntries(weekdays),
    };
    const policy = { id: 'std', calendar: 'customer', targets: { first_response: { '*': '1h' } } };
    await saveConfig(db, 'tz', { calendars: [customer], policies: [policy] }, 'test');
    await addSubscription(db, 'tz', {
      platform: 'slack',
      channel: 'C-MGR',
      kind: 'alerts',
      filters: { levels: 'breach', remind: '2h', times: '2' },
      createdBy: 'U-ADMIN',
    });
    // 09:00 in Tokyo on Monday: breached at 10:00 there, reminded at 12:00 and 14:00 there,
    // long before New York's hours open (14:00 UTC).
    const TOKYO_MON = Date.parse('2026-11-23T00:00:00Z');
    await ingest(db, 'tz', [created('T', TOKYO_MON, { custom: { tz: 'asia/tokyo' } })], TOKYO_MON);
    await runTick(db, engines, TOKYO_MON + H + MIN);
    expect(await queueReminders(db, engines, TOKYO_MON + 3 * H - 1000)).toBe(0);
    expect(await queueReminders(db, engines, TOKYO_MON + 3 * H)).toBe(1);
    expect(await queueReminders(db, engines, TOKYO_MON + 5 * H)).toBe(1);
    expect((await routed(db, 'tz', 'T')).map((r) => r[0])).toEqual([
      'breach',
      expect.stringMatching(/^breach reminder 1 /),
      expect.stringMatching(/^breach reminder 2 /),
    ]);
  });
});
