import {
  connectionHealth,
  removeConnection,
  rotateCredentials,
  saveConnection,
} from '@breachless/db/sync';
import { Hono } from 'hono';
import { limitBody } from '../body-limit.js';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';
import { checkDepth, readText } from '../request-body.js';

type Problem = { path: string; message: string };
type Fields = Record<string, 'text' | 'optional-text' | 'optional-minutes'>;

/** The JSON body as `fields` says, every problem by path, or 400 with all of them. */
async function readBody(req: Parameters<typeof readText>[0], fields: Fields) {
  const text = await readText(req);
  checkDepth(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpError(400, 'body is not a JSON object');
  const body = value as Record<string, unknown>;
  const problems: Problem[] = Object.keys(body)
    .filter((k) => !Object.hasOwn(fields, k))
    .map((k) => ({ path: k, message: 'is not a field of this request' }));
  for (const [name, kind] of Object.entries(fields)) {
    const v = body[name];
    if (v === undefined) {
      if (kind === 'text') problems.push({ path: name, message: 'is required' });
    } else if (kind === 'optional-minutes') {
      if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 1440)
        problems.push({ path: name, message: 'must be a whole number of minutes from 1 to 1440' });
    } else if (typeof v !== 'string' || v === '' || v.length > 4096)
      problems.push({ path: name, message: 'must be a non-empty string' });
  }
  if (problems.length > 0) throw new HttpError(400, 'invalid body', problems);
  return body as Record<string, string | number | undefined>;
}

// Credentials go only to https (http only to this machine: fakes and tests).
function originOf(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const local = url?.hostname === '127.0.0.1' || url?.hostname === 'localhost';
  if (url === undefined || !(url.protocol === 'https:' || (url.protocol === 'http:' && local)))
    throw new HttpError(400, 'invalid body', [
      { path: 'baseUrl', message: 'must be an https:// URL (the API token is sent to it)' },
    ]);
  return url.origin;
}

function sinceOf(value: string | undefined): number {
  if (value === undefined) return 0;
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(at))
    throw new HttpError(400, 'invalid body', [
      { path: 'since', message: 'must be a date (2026-01-31) or an ISO-8601 instant' },
    ]);
  return Math.floor(at / 1000);
}

function platformOf(name: string): 'zendesk' {
  if (name === 'zendesk') return name;
  if (name === 'github' || name === 'jira')
    throw new HttpError(400, `${name}: sync is not built yet; its webhooks work`);
  throw new HttpError(404, `no helpdesk "${name}"`);
}

/**
 * `/v1/connections`: the tenant's helpdesks read through their REST APIs (docs/sync.md).
 * `GET /` each one's health: state, last successful sync, lag, events repaired (what
 * webhooks missed), the backfill's account, the last error; never a credential.
 * `PUT /zendesk` `{baseUrl, email, token, since?, intervalMinutes?}` connects (or connects
 * again) and the worker starts the backfill: 202. `PUT /zendesk/token` `{token}` rotates
 * the token only: 204. `DELETE /zendesk` disconnects (stored events stay): 204.
 */
export function connectionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) =>
      c.json({ connections: await connectionHealth(deps.db, deps.clock(), c.get('tenant')) }),
    )
    .put('/:platform', limitBody(deps.maxBodyBytes), async (c) => {
      const platform = platformOf(c.req.param('platform'));
      const body = await readBody(c.req, {
        baseUrl: 'text',
        email: 'text',
        token: 'text',
        since: 'optional-text',
        intervalMinutes: 'optional-minutes',
      });
      const url = originOf(String(body.baseUrl));
      const since = sinceOf(body.since as string | undefined);
      const tenant = c.get('tenant');
      await saveConnection(
        deps.db,
        {
          tenant,
          platform,
          baseUrl: url,
          credentials: { email: String(body.email), token: String(body.token) },
          cursor: String(since),
          intervalSeconds: ((body.intervalMinutes as number | undefined) ?? 5) * 60,
        },
        deps.clock(),
      );
      deps.logger.info({ tenant, platform }, 'helpdesk connected');
      return c.json({ platform, baseUrl: url, state: 'backfilling' }, 202);
    })
    .put('/:platform/token', limitBody(deps.maxBodyBytes), async (c) => {
      const platform = platformOf(c.req.param('platform'));
      const { token } = await readBody(c.req, { token: 'text' });
      const credentials = { token: String(token) };
      if (!(await rotateCredentials(deps.db, c.get('tenant'), platform, credentials, deps.clock())))
        throw new HttpError(404, `no ${platform} connection`);
      return c.body(null, 204);
    })
    .delete('/:platform', async (c) => {
      const platform = platformOf(c.req.param('platform'));
      if (!(await removeConnection(deps.db, c.get('tenant'), platform)))
        throw new HttpError(404, `no ${platform} connection`);
      return c.body(null, 204);
    });
}
