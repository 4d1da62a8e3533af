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

/** An alert channel of the soak: it hears one team's alerts of one metric and priority. */
export interface SoakChannel {
  readonly channel: string;
  readonly team: string;
  readonly metric: string;
  readonly priority: string;
}

/**
 * The soak's Slack channels: one per team, metric and priority, as a large support floor
 * splits them, so that no channel needs more than Slack's one message a second. The checker
 * routes every notification with this list, not with what the database made of it.
 */
export function soakChannels(events: readonly TicketEvent[]): SoakChannel[] {
  const teams = new Set<string>();
  for (const e of events) {
    const team = (e as { fields?: { team?: unknown } }).fields?.team;
    if (typeof team === 'string') teams.add(team);
  }
  const channels: SoakChannel[] = [];
  for (const team of [...teams].sort())
    for (const metric of METRICS)
      for (const priority of PRIORITIES)
        channels.push({ channel: `CSOAK${channels.length + 1}`, team, metric, priority });
  return channels;
}

/**
 * The tenant, its SLA, an API token and its Slack channels (`soakChannels`). Alerts of
 * tickets without a team are unrouted (nobody listens).
 * @returns the API token
 */
export async function seed(db: Database, channels: readonly SoakChannel[]): Promise<string> {
  const token = await createToken(db, TENANT, 'soak');
  await saveConfig(db, TENANT, SOAK_CONFIG, 'soak');
  for (const { channel, team, metric, priority } of channels)
    await addSubscription(db, TENANT, {
      platform: 'slack',
      channel,
      kind: 'alerts',
      filters: { team, metric, priority },
      createdBy: 'soak',
    });
  return token;
}
