// GitHub and Jira webhooks delivered the way the API's webhook routes deliver them: signed
// (`X-Hub-Signature-256` over the raw body; Jira's `X-Hub-Signature`, WebSub style),
// checked and mapped by @breachless/connectors, then stored through the same ingest.
import { createHmac } from 'node:crypto';
import { receiveWebhook } from '@breachless/connectors';
import { Engine, parseConfig, type TicketEvent } from '@breachless/core';
import { type Database, ingestEvents } from '@breachless/db';
import { CONFIG } from './webhooks.js';

const SECRET = 'platform-signing-secret';

/** The tenant's config with the GitHub and Jira settings its webhooks and sync map with. */
export const PLATFORM_CONFIG = {
  ...CONFIG,
  connectors: { github: { labelPriorities: { P1: 'high' } }, jira: {} },
};
export const platformEngine = new Engine(parseConfig(PLATFORM_CONFIG));

/** A webhook as one of the platforms sends it. */
export type Hook =
  | { readonly platform: 'github'; readonly event: string; readonly body: object }
  | { readonly platform: 'jira'; readonly body: object };

/** The events a webhook maps to, its signature checked as the route checks it. */
export function hookEvents(hook: Hook): readonly TicketEvent[] {
  const rawBody = Buffer.from(JSON.stringify(hook.body));
  const signature = `sha256=${createHmac('sha256', SECRET).update(rawBody).digest('hex')}`;
  const outcome =
    hook.platform === 'github'
      ? receiveWebhook({
          platform: 'github',
          secret: [SECRET],
          rawBody,
          headers: { 'x-hub-signature-256': signature, 'x-github-event': hook.event },
          options: PLATFORM_CONFIG.connectors.github,
        })
      : receiveWebhook({
          platform: 'jira',
          secret: [SECRET],
          rawBody,
          headers: { 'x-hub-signature': signature },
          options: PLATFORM_CONFIG.connectors.jira,
        });
  if (outcome.kind !== 'events') throw new Error(`webhook not mapped: ${JSON.stringify(outcome)}`);
  return outcome.events;
}

/** Stores a webhook's events through the ingest the route uses. */
export function deliverHook(db: Database, tenant: string, hook: Hook, now: number) {
  return ingestEvents(db, tenant, hookEvents(hook), platformEngine, now);
}
