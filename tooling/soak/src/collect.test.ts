import type { Post } from '@breachless/chat/testing';
import { parseConfig, parseDestination, type TicketEvent } from '@breachless/core';
import { type Database, EngineCache, ingestEvents, runTick, schema } from '@breachless/db';
import { describeEachDriver } from '@breachless/db/testing';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { check } from './check.js';
import type { CheckInput } from './check-types.js';
import { collect } from './collect.js';
import { SOAK_CONFIG, seed, soakChannels, TENANT } from './setup.js';
import { created, reply, S } from './testing.js';

// In the past, so that the database's own clock (arrivals, creations) comes after every
// instant the test hands to ingest and the worker.
const T0 = Math.floor(Date.now() / 1000) * 1000 - 120 * S;

const sent: TicketEvent[] = [
  created('A', T0),
  created('B', T0),
  created('D', T0, null),
  reply('B', T0 + 5 * S),
];
const channels = soakChannels(sent);

/**
 * The soak's setup, each event ingested at its instant, worker ticks at 11 s and 21 s, and
 * the Slack app's part: every pending delivery sent once and recorded.
 * @returns the messages Slack got
 */
async function runSystem(db: Database): Promise<Post[]> {
  await seed(db, channels);
  const engines = new EngineCache();
  for (const e of sent)
    await ingestEvents(db, TENANT, [e], await engines.engineFor(db, TENANT), e.at);
  for (const at of [T0 + 11 * S, T0 + 21 * S]) await runTick(db, engines, at);
  const { deliveries, notifications } = schema;
  const pending = await db
    .select()
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .where(eq(deliveries.state, 'pending'));
  await db.update(deliveries).set({ state: 'delivered' }).where(eq(deliveries.state, 'pending'));
  return pending.map(({ deliveries: d, notifications: n }) => ({
    channel: parseDestination(d.destination).id,
    thread: null,
    alert: { ticket: n.ticketId, metric: n.metric ?? '', cycle: n.cycle, level: n.level },
    at: n.at.getTime() + S,
  }));
}

describeEachDriver('the soak checker on what a real database holds', (handle) => {
  let posts: Post[] | undefined;
  const input = async (): Promise<CheckInput> => {
    const { db } = handle();
    posts ??= await runSystem(db);
    return {
      config: parseConfig(SOAK_CONFIG),
      sent,
      acked: new Map(sent.map((e) => [e.id, e.at])),
      ...(await collect(db, TENANT)),
      posts,
      channels,
      kills: [],
      mustFireBy: T0 + 25 * S,
      stoppedAt: T0 + 30 * S,
    };
  };

  it('passes what ingest, the worker and routing stored', async () => {
    const result = check(await input());
    expect(result.problems).toEqual({});
    // A's and D's first response warned and breached; D has no team, so nobody hears it.
    expect(result.counts['notifications sent']).toBe(2);
    expect(result.counts['notifications unrouted']).toBe(2);
    expect(result.counts['cycles checked']).toBe(6);
  });

  it('finds a stored row put back to before the reply, and a breach unrouted', async () => {
    const { db } = handle();
    const { cycles, deliveries } = schema;
    await db
      .update(cycles)
      .set({ status: 'running', stoppedAt: null, outcomeAt: null })
      .where(and(eq(cycles.ticketId, 'B'), eq(cycles.metric, 'first_response')));
    const breach = (await input()).notifications.find(
      (n) => n.ticket === 'A' && n.level === 'breach' && n.metric === 'first_response',
    );
    if (!breach) throw new Error('no breach of A');
    await db
      .update(deliveries)
      .set({ destination: 'none', state: 'unrouted' })
      .where(eq(deliveries.destination, breach.deliveries[0]?.destination ?? ''));
    const kinds = Object.keys(check(await input()).problems);
    expect(kinds).toEqual(
      expect.arrayContaining(['cycle wrong', 'unrouted though a channel listens']),
    );
  });
});
