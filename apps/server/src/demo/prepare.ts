import { randomBytes } from 'node:crypto';
import {
  channelSubscriptions,
  currentConfig,
  type Database,
  saveConfig,
  schema,
} from '@breachless/db';
import { DEMO_CONFIG, DEMO_TENANT } from './demo-config.js';

/**
 * First start of a demo: its SLA config, and the console channel subscribed to alerts and a
 * daily digest. The subscriptions are dated at the simulated instant `now`, not the real one:
 * the days before the demo began are none of the channel's news, and digests are never sent
 * for periods before a subscription existed.
 */
export async function prepareDemo(db: Database, channel: string, now: number): Promise<void> {
  if (!(await currentConfig(db, DEMO_TENANT)))
    await saveConfig(db, DEMO_TENANT, DEMO_CONFIG, 'demo');
  if ((await channelSubscriptions(db, DEMO_TENANT, 'console', channel)).length > 0) return;
  // Ids as `/sla subscribe` makes them: `s` and six letters or digits, typed back to unsubscribe.
  const subscription = () => ({
    tenantId: DEMO_TENANT,
    id: `s${randomBytes(3).toString('hex')}`,
    platform: 'console',
    channel,
    createdBy: 'demo',
    createdAt: new Date(now),
  });
  await db.insert(schema.chatSubscriptions).values([
    // Urgent and high only: every priority would print several alerts a second. `/sla
    // subscribe alerts` on the console adds more.
    { ...subscription(), kind: 'alerts', filters: { priority: 'urgent' } },
    { ...subscription(), kind: 'alerts', filters: { priority: 'high' } },
    {
      ...subscription(),
      kind: 'digest',
      filters: {},
      schedule: { every: 'daily', time: '09:00', zone: 'UTC' },
    },
  ]);
}
