import { parseEvents } from '@breachless/core';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { addSubscription, channelSubscriptions } from '../src/chat/subscriptions.js';
import { ingestEvents } from '../src/ingest/ingest.js';
import { claimDeliveries, markDelivered, markFailed, markRetry } from '../src/outbox/deliveries.js';
import { notificationLog } from '../src/outbox/log.js';
import { unsettledMessages } from '../src/outbox/unsettled.js';
import { runTick } from '../src/scan/tick.js';
import { deliveries, notifications } from '../src/schema/index.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { describeEachDriver } from '../src/testing.js';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const MIN = 60_000;
const LEASE = 10 * MIN;

describeEachDriver('chat outbox', (handle) => {
  const claim = (tenant: string, now: number, extra: { perLane?: number; busy?: string[] } = {}) =>
    claimDeliveries(handle().db, {
      platform: 'slack',
      now,
      limit: 100,
      perLane: extra.perLane ?? 5,
      leaseMs: LEASE,
      busy: extra.busy ?? [],
    }).then((ds) => ds.filter((d) => d.tenant === tenant));

  /** A tenant whose tickets warn at 50% and 75% of a 1h first response, heard on two channels. */
  async function setUp(tenant: string, tickets: string[]) {
    const { db } = handle();
    await saveConfig(
      db,
      tenant,
      {
        policies: [
          {
            id: 'p',
            calendar: '24x7',
            targets: { first_response: { '*': '1h' } },
            warnings: ['50%', '75%'],
          },
        ],
      },
      'test',
    );
    for (const channel of ['C-a', 'C-b'])
      await addSubscription(db, tenant, {
        platform: 'slack',
        channel,
        kind: 'alerts',
        filters: {},
        createdBy: 'U-lead',
      });
    const engine = await new EngineCache().engineFor(db, tenant);
    for (const id of tickets)
      await ingestEvents(
        db,
        tenant,
        parseEvents([
          {
            id: `${id}-c`,
            ticket: id,
            type: 'ticket.created',
            at: new Date(T0).toISOString(),
            fields: { status: 'new', subject: `Subject ${id}`, team: 'billing' },
          },
        ]),
        engine,
        T0,
      );
    return engine;
  }

  it('claims per lane, leases, and gives each later level the message of its cycle', async () => {
    const { db } = handle();
    await setUp('o1', ['T-1']);
    await runTick(db, new EngineCache(), T0 + 50 * MIN);
    const now = T0 + 50 * MIN;

    // Two levels (50%, 75%) for each of two channels; one per lane when asked for one.
    const first = await claim('o1', now, { perLane: 1 });
    expect(first.map((d) => `${d.destination} ${d.level}`).sort()).toEqual([
      'slack:channel:C-a 50%',
      'slack:channel:C-b 50%',
    ]);
    expect(first[0]?.payload).toMatchObject({ subject: 'Subject T-1' });
    expect(first.every((d) => d.root === null && d.attempts === 0)).toBe(true);

    // A lane this replica holds full is skipped; the other lane's next level is offered.
    const second = await claim('o1', now, { busy: ['o1 slack:channel:C-a'] });
    expect(second.map((d) => `${d.destination} ${d.level}`)).toEqual(['slack:channel:C-b 75%']);

    // Once the 50% message exists, the 75% delivery of the same lane carries it as its root.
    const a50 = first.find((d) => d.destination === 'slack:channel:C-a');
    if (!a50) throw new Error('no C-a delivery');
    await markDelivered(db, a50, { conversation: 'C-a', id: '111.1' }, null, now);
    const third = await claim('o1', now);
    expect(third.map((d) => [d.destination, d.level, d.root])).toEqual([
      ['slack:channel:C-a', '75%', { conversation: 'C-a', id: '111.1' }],
    ]);

    // Nothing is due until the leases of the claimed-but-unsettled ones run out.
    expect(await claim('o1', now + MIN)).toEqual([]);
    const again = await claim('o1', now + LEASE + 1);
    expect(again.map((d) => `${d.destination} ${d.level}`).sort()).toEqual([
      'slack:channel:C-a 75%',
      'slack:channel:C-b 50%',
      'slack:channel:C-b 75%',
    ]);
  });

  it('counts failures, keeps the error, and shows failed ones on the channel', async () => {
    const { db } = handle();
    await setUp('o2', ['T-1']);
    const now = T0 + 31 * MIN;
    await runTick(db, new EngineCache(), now);
    const [d] = await claim('o2', now, { perLane: 1, busy: ['o2 slack:channel:C-b'] });
    if (!d) throw new Error('nothing claimed');
    await markRetry(db, d, 'transient: 502', now + 5_000);
    expect(await claim('o2', now + 4_000, { busy: ['o2 slack:channel:C-b'] })).toEqual([]);
    const [retried] = await claim('o2', now + 5_000, { busy: ['o2 slack:channel:C-b'] });
    expect(retried?.attempts).toBe(1);
    if (!retried) throw new Error('not offered again');
    await markFailed(db, retried, 'permanent: channel_not_found');
    const subs = await channelSubscriptions(db, 'o2', 'slack', 'C-a');
    expect(subs.map((s) => [s.kind, s.failed, s.lastError])).toEqual([
      ['alerts', 1, 'permanent: channel_not_found'],
    ]);
    const [log] = await notificationLog(db, 'o2');
    expect(log?.deliveries.find((x) => x.destination === 'slack:channel:C-a')).toMatchObject({
      state: 'failed',
      attempts: 2,
      error: 'permanent: channel_not_found',
    });
    expect(await channelSubscriptions(db, 'o2', 'slack', 'C-b')).toMatchObject([{ failed: 0 }]);
  });

  it('lists a delivered alert as unsettled once its cycle is achieved, never after a breach', async () => {
    const { db } = handle();
    const engine = await setUp('o3', ['T-1', 'T-2']);
    const now = T0 + 31 * MIN;
    await runTick(db, new EngineCache(), now);
    for (const d of await claim('o3', now))
      await markDelivered(
        db,
        d,
        { conversation: 'C', id: `${d.ticket}-${d.destination}` },
        null,
        now,
      );
    expect(await unsettledMessages(db, 'slack', 100)).toEqual([]);

    await ingestEvents(
      db,
      'o3',
      parseEvents([
        {
          id: 'r1',
          ticket: 'T-1',
          type: 'message',
          at: new Date(now).toISOString(),
          author: 'agent',
          public: true,
        },
      ]),
      engine,
      now,
    );
    const unsettled = (await unsettledMessages(db, 'slack', 100)).filter((m) => m.tenant === 'o3');
    expect(unsettled.map((m) => [m.ticket, m.destination, m.outcome, m.level]).sort()).toEqual([
      ['T-1', 'slack:channel:C-a', 'achieved', '50%'],
      ['T-1', 'slack:channel:C-b', 'achieved', '50%'],
    ]);

    // T-2 breaches: 75% and breach come in one claim, both into the 50% message, and the
    // breach settles every delivery living in that message.
    const later = T0 + 61 * MIN;
    await runTick(db, new EngineCache(), later);
    const claimed = await claim('o3', later);
    expect(claimed.map((d) => `${d.ticket} ${d.level} ${d.root?.id}`).sort()).toEqual([
      'T-2 75% T-2-slack:channel:C-a',
      'T-2 75% T-2-slack:channel:C-b',
      'T-2 breach T-2-slack:channel:C-a',
      'T-2 breach T-2-slack:channel:C-b',
    ]);
    for (const d of claimed)
      if (d.root)
        await markDelivered(db, d, d.root, d.level === 'breach' ? 'breached' : null, later);
    const settled = await db
      .select({ settled: deliveries.settled, ticket: notifications.ticketId })
      .from(deliveries)
      .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
      .where(eq(deliveries.tenantId, 'o3'));
    expect(settled.filter((r) => r.ticket === 'T-2').map((r) => r.settled)).toEqual(
      Array(6).fill('breached'),
    );
    expect(
      (await unsettledMessages(db, 'slack', 100)).filter((m) => m.tenant === 'o3'),
    ).toHaveLength(2);
  });

  it('never hands one delivery to two replicas claiming at once', async () => {
    // On PGlite (one connection) the two claims queue; on PostgreSQL they truly race.
    const { db } = handle();
    await setUp('o4', ['T-1', 'T-2', 'T-3']);
    const now = T0 + 50 * MIN;
    await runTick(db, new EngineCache(), now);
    const both = await Promise.all([
      claim('o4', now, { perLane: 100 }),
      claim('o4', now, { perLane: 100 }),
    ]);
    const keys = both.flat().map((d) => `${d.notificationId} ${d.destination}`);
    expect(keys).toHaveLength(12);
    expect(new Set(keys).size).toBe(12);
  });
});
