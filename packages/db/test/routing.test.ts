import { parseEvents } from '@breachless/core';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ingestEvents } from '../src/ingest/ingest.js';
import { notificationLog } from '../src/outbox/log.js';
import { runTick } from '../src/scan/tick.js';
import {
  chatIdentities,
  chatSubscriptions,
  cycleAcks,
  deliveries,
  notifications,
} from '../src/schema/index.js';
import { saveConfig } from '../src/tenants/config-store.js';
import { EngineCache } from '../src/tenants/engine-cache.js';
import { describeEachDriver } from '../src/testing.js';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const MIN = 60_000;
const ticket = (id: string, fields: object) =>
  parseEvents([
    {
      id: `${id}-c`,
      ticket: id,
      type: 'ticket.created',
      at: new Date(T0).toISOString(),
      fields: { status: 'new', ...fields },
    },
  ]);

describeEachDriver('routing', (handle) => {
  async function routed(tenant: string) {
    const { db } = handle();
    const rows = await db
      .select({
        ticket: notifications.ticketId,
        level: notifications.level,
        destination: deliveries.destination,
        state: deliveries.state,
        why: deliveries.lastError,
      })
      .from(deliveries)
      .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
      .where(eq(deliveries.tenantId, tenant));
    return rows
      .map(
        (r) => `${r.ticket} ${r.level} -> ${r.destination} ${r.state}${r.why ? ` (${r.why})` : ''}`,
      )
      .sort();
  }

  it('sends each level to the assignee, matching channels and, on breach, escalation', async () => {
    const { db } = handle();
    await saveConfig(
      db,
      'r',
      {
        policies: [
          {
            id: 'p',
            calendar: '24x7',
            targets: { first_response: { '*': '1h' } },
            warnings: ['50%'],
          },
        ],
      },
      'test',
    );
    const sub = (id: string, channel: string, filters: object) => ({
      tenantId: 'r',
      id,
      platform: 'slack',
      channel,
      kind: 'alerts',
      filters,
      createdBy: 'U9',
    });
    await db
      .insert(chatSubscriptions)
      .values([
        sub('s1', 'C-billing', { team: 'billing' }),
        sub('s2', 'C-urgent', { priority: 'urgent' }),
        sub('s3', 'C-esc', { escalation: true }),
      ]);
    await db
      .insert(chatIdentities)
      .values({ tenantId: 'r', platform: 'slack', userId: 'U1', agent: 'ana@example.com' });
    await db.insert(cycleAcks).values({
      tenantId: 'r',
      ticketId: 'T-2',
      metric: 'first_response',
      cycle: 1,
      userId: 'U1',
      kind: 'ack',
    });
    const engine = await new EngineCache().engineFor(db, 'r');
    await ingestEvents(
      db,
      'r',
      ticket('T-1', { team: 'billing', assignee: 'ana@example.com' }),
      engine,
      T0,
    );
    await ingestEvents(db, 'r', ticket('T-2', { team: 'billing' }), engine, T0);
    await ingestEvents(db, 'r', ticket('T-3', { team: 'sales' }), engine, T0);

    await runTick(db, new EngineCache(), T0 + 31 * MIN);
    await runTick(db, new EngineCache(), T0 + 61 * MIN);
    expect(await routed('r')).toEqual([
      'T-1 50% -> slack:channel:C-billing pending',
      'T-1 50% -> slack:user:U1 pending',
      'T-1 breach -> slack:channel:C-billing pending',
      'T-1 breach -> slack:channel:C-esc pending',
      'T-1 breach -> slack:user:U1 pending',
      'T-2 50% -> none suppressed (acknowledged by U1)',
      'T-2 breach -> slack:channel:C-billing pending',
      'T-2 breach -> slack:channel:C-esc pending',
      'T-3 50% -> none unrouted (no linked assignee and no matching alert subscription)',
      'T-3 breach -> slack:channel:C-esc pending',
    ]);

    const log = await notificationLog(db, 'r', { ticket: 'T-2' });
    expect(
      log.map((n) => [
        n.level,
        n.late,
        n.deliveries.map((d) => `${d.destination} ${d.state}${d.error ? ` ${d.error}` : ''}`),
      ]),
    ).toEqual([
      ['50%', false, ['none suppressed acknowledged by U1']],
      ['breach', false, ['slack:channel:C-billing pending', 'slack:channel:C-esc pending'].sort()],
    ]);
    expect(await notificationLog(db, 'r', { since: T0 + 59 * MIN })).toHaveLength(3);
    expect(await notificationLog(db, 'other')).toEqual([]);
  });
});
