import {
  ConnectorError,
  receiveWebhook,
  WEBHOOK_PLATFORMS,
  type WebhookPlatform,
  type WebhookRequest,
} from '@breachless/connectors';
import { ingestEvents, webhookSecretsFor } from '@breachless/db';
import { Hono } from 'hono';
import { limitBody } from '../body-limit.js';
import type { AppDeps } from '../context.js';
import { HttpError } from '../errors.js';

const isPlatform = (name: string): name is WebhookPlatform =>
  (WEBHOOK_PLATFORMS as readonly string[]).includes(name);

/**
 * `POST /v1/webhooks/{zendesk,github,jira}?tenant=ID` (tenant `default` when absent). No
 * bearer token: the helpdesk's own signature over the raw body, checked against the
 * tenant's secrets (`breachless webhook-secret`), is the credential, so naming another
 * tenant gains nothing. 202 `{accepted, duplicates}` when events were stored, 200
 * `{ignored}` for deliveries we do not track (so the helpdesk does not retry them), 401
 * for a signature that does not verify, 400 for a signed body that cannot be mapped.
 */
export function webhookRoutes(deps: AppDeps) {
  return new Hono().post('/:platform', limitBody(deps), async (c) => {
    const platform = c.req.param('platform');
    if (!isPlatform(platform)) throw new HttpError(404, `no webhook for "${platform}"`);
    const tenant = c.req.query('tenant') ?? 'default';
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const secret = await webhookSecretsFor(deps.db, tenant, platform);
    // The engine carries the tenant's current config: one query serves mapping and ingest.
    const engine = await deps.engines.engineFor(deps.db, tenant);
    const settings = engine.config.connectors[platform];
    const request = {
      platform,
      secret,
      rawBody,
      headers: c.req.header(),
      now: deps.clock(),
      ...(settings ? { options: settings } : {}),
    } as WebhookRequest;
    const outcome = mapped(() => receiveWebhook(request));
    if (outcome.kind === 'rejected') {
      // The reason goes to the log, not to the caller: it would help a forger.
      deps.logger.warn({ platform, tenant, reason: outcome.reason }, 'webhook refused');
      throw new HttpError(401, 'webhook signature not verified');
    }
    if (outcome.kind === 'ignored') return c.json({ ignored: outcome.reason }, 200);
    const result = await ingestEvents(deps.db, tenant, outcome.events, engine, deps.clock(), {
      ...(deps.tickets ? { cache: deps.tickets } : {}),
    });
    return c.json({ accepted: result.accepted, duplicates: result.duplicates }, 202);
  });
}

function mapped<T>(map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof ConnectorError)
      throw new HttpError(400, `${error.source}: ${error.reason}`, error.problems);
    throw error;
  }
}
