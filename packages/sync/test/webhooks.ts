// Delivers fake Zendesk webhooks the way the API's webhook route does: signed, checked and
// mapped by @breachless/connectors, then stored through the same ingest.
import { createHmac } from 'node:crypto';
import { receiveWebhook } from '@breachless/connectors';
import { Engine, parseConfig, type TicketEvent } from '@breachless/core';
import { type Database, ingestEvents } from '@breachless/db';

export const SECRET = 'zendesk-signing-secret';

/** The events Zendesk's webhook for `body` maps to, signature checked as the route does. */
export function webhookEvents(body: object, now: number): readonly TicketEvent[] {
  const rawBody = Buffer.from(JSON.stringify(body));
  const timestamp = new Date(now).toISOString().replace(/\.\d+Z$/, 'Z');
  const signature = createHmac('sha256', SECRET).update(timestamp).update(rawBody).digest('base64');
  const outcome = receiveWebhook({
    platform: 'zendesk',
    secret: [SECRET],
    rawBody,
    headers: {
      'x-zendesk-webhook-signature': signature,
      'x-zendesk-webhook-signature-timestamp': timestamp,
    },
    now,
  });
  if (outcome.kind !== 'events') throw new Error(`webhook not mapped: ${JSON.stringify(outcome)}`);
  return outcome.events;
}

/** Stores a webhook's events through the ingest the route uses. */
export async function deliver(
  db: Database,
  tenant: string,
  engine: Engine,
  body: object,
  now: number,
) {
  return ingestEvents(db, tenant, webhookEvents(body, now), engine, now);
}

/**
 * A tenant's policy on the 24x7 calendar: first response in 1 h (30 min for high), next
 * response in 2 h, resolution in 8 h paused while pending, warnings at 75%.
 */
export const CONFIG = {
  calendars: [{ id: 'always', timezone: 'UTC', hours: '24x7' }],
  policies: [
    {
      id: 'support',
      calendar: 'always',
      targets: {
        first_response: { high: '30m', '*': '1h' },
        next_response: { '*': '2h' },
        resolution: { '*': '8h' },
      },
      warnings: ['75%'],
      pause: { resolution: ['pending'] },
    },
  ],
};

export const engine = new Engine(parseConfig(CONFIG));
