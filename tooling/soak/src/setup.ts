import type { TicketEvent } from '@breachless/core';
import { addSubscription, createToken, type Database, saveConfig } from '@breachless/db';

/** The tenant the Slack app serves with a single bot token. */
export const TENANT = 'default';

/**
 * The soak's SLA: around the clock, with targets in seconds and minutes so that the sped-up
 * log (a year of incidents in ten minutes) reaches warnings and breaches while it runs.
 */
export const SOAK_CONFIG = {
  calendars: [],
  policies: [
    {
      id: 'soak',
      calendar: '24x7',
      targets: {
        first_response: { '*': '20s' },
        resolution: { urgent: '30s', high: '1m', '*': '2m' },
      },
      warnings: ['50%'],
    },
  ],
};

const METRICS = ['first_response', 'resolution'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];

/**
 * The tenant, its SLA, an API token and its Slack channels: one per team, metric and
 * priority, as a large support floor splits them, so that no channel needs more than Slack's
 * one message a second. Alerts of tickets without a team are unrouted (nobody listens).
 * @returns the API token
 */
export async function seed(db: Database, events: readonly TicketEvent[]): Promise<string> {
  const token = await createToken(db, TENANT, 'soak');
  await saveConfig(db, TENANT, SOAK_CONFIG, 'soak');
  const teams = new Set<string>();
  for (const e of events) {
    const team = (e as { fields?: { team?: unknown } }).fields?.team;
    if (typeof team === 'string') teams.add(team);
  }
  let n = 0;
  for (const team of [...teams].sort())
    for (const metric of METRICS)
      for (const priority of PRIORITIES)
        await addSubscription(db, TENANT, {
          platform: 'slack',
          channel: `CSOAK${++n}`,
          kind: 'alerts',
          filters: { team, metric, priority },
          createdBy: 'soak',
        });
  return token;
}
