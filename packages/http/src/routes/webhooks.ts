import {
  ConnectorError,
  receiveWebhook,
  WEBHOOK_PLATFORMS,
  type WebhookPlatform,
  type WebhookRequest,
} from '@breachless/connectors';
import { type IngestGroup, IngestPhases, WebhookCredentialsReader } from '@breachless/db';
import { Hono } from 'hono';
import { readBytes } from '../body-limit.js';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';
import { checkDepth, utf8Text } from '../request-body.js';
import { textProblem } from '../request-text.js';
import { aheadProblems } from './events.js';

/**
 * 512 KiB: a helpdesk's event, with an issue's and a comment's text at their 65,536
 * characters, fits; 100 concurrent forged bodies hold 50 MB at most, not 500.
 */
export const DEFAULT_MAX_WEBHOOK_BYTES = 512 * 1024;

const isPlatform = (name: string): name is WebhookPlatform =>
  (WEBHOOK_PLATFORMS as readonly string[]).includes(name);

/**
 * `POST /v1/webhooks/{zendesk,github,jira}?tenant=ID` (tenant `default` when absent). No
 * bearer token: the helpdesk's own signature over the raw body, checked against the
 * tenant's secrets (`breachless webhook-secret`), is the credential, so naming another
 * tenant gains nothing. 202 `{accepted, duplicates}` when events were stored, 200
 * `{ignored}` for deliveries we do not track (so the helpdesk does not retry them), 401
 * for a signature that does not verify (before the body is read, for a tenant with no
 * secret), 400 for a signed body that cannot be mapped (or any body that is not UTF-8 or
 * nests deeper than `MAX_BODY_DEPTH`), 413 over `maxWebhookBytes`.
 */
export function webhookRoutes(deps: AppDeps, group: IngestGroup) {
  const maxBytes = deps.maxWebhookBytes ?? DEFAULT_MAX_WEBHOOK_BYTES;
  // Deliveries arriving together read their credentials in one statement.
  const credentials = new WebhookCredentialsReader(deps.db);
  return new Hono<AppEnv>().post('/:platform', async (c) => {
    const platform = c.req.param('platform');
    if (!isPlatform(platform)) throw new HttpError(404, `no webhook for "${platform}"`);
    const tenant = c.req.query('tenant') ?? 'default';
    const tenantProblem = textProblem(tenant);
    if (tenantProblem)
      throw new HttpError(400, 'invalid query', [{ path: 'tenant', message: tenantProblem }]);
    // For the access log: the tenant named, which only a valid signature makes the sender.
    c.set('tenant', tenant);
    // Where the delivery's milliseconds went (Server-Timing), as for `POST /v1/events`.
    const phases = new IngestPhases();
    // The secrets and the config version in one statement: the engine below needs no other.
    const { secrets: secret, configVersion } = await credentials.read(tenant, platform);
    phases.mark('credentials');
    if (secret.length === 0) return refuse('no secret');
    const rawBody = await readBytes(c.req, maxBytes);
    checkDepth(utf8Text(rawBody));
    phases.mark('read');
    // The engine of the current config (compiled once a version): its settings map the body.
    const engine = await deps.engines.engineFor(deps.db, tenant, configVersion);
    const settings = engine.config.connectors[platform];
    const now = deps.clock();
    const request = {
      platform,
      secret,
      rawBody,
      headers: c.req.header(),
      now,
      ...(settings ? { options: settings } : {}),
    } as WebhookRequest;
    const outcome = mapped(() => receiveWebhook(request));
    if (outcome.kind === 'rejected') return refuse(outcome.reason);
    if (outcome.kind === 'ignored') return c.json({ ignored: outcome.reason }, 200);
    const ahead = aheadProblems(outcome.events, now);
    if (ahead.length > 0) throw new HttpError(400, `${platform}: invalid events`, ahead);
    phases.mark('parse');
    // With the API's other requests (group commit): a delivery is one event or a few, and a
    // transaction of its own cost most of what the delivery did.
    const result = await group.ingest(tenant, outcome.events, now, phases);
    c.header('server-timing', phases.header());
    return c.json({ accepted: result.accepted, duplicates: result.duplicates }, 202);

    function refuse(reason: string): never {
      // The reason goes to the log, not to the caller: it would help a forger.
      deps.logger.warn({ platform, tenant, reason }, 'webhook refused');
      throw new HttpError(401, 'webhook signature not verified');
    }
  });
}

function mapped<T>(map: () => T): T {
  try {
    return map();
  } catch (error) {
    if (error instanceof ConnectorError)
      throw new HttpError(400, `${error.source}: ${error.reason}`, error.problems, {
        cause: error,
      });
    throw error;
  }
}
