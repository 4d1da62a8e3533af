import {
  connectionHealth,
  removeConnection,
  rotateCredentials,
  type SyncPlatform,
  saveConnection,
} from '@breachless/db/sync';
import { Hono } from 'hono';
import { limitBody } from '../body-limit.js';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';
import { checkDepth, readText } from '../request-body.js';

type Problem = { path: string; message: string };
type Fields = Record<string, 'text' | 'optional-text' | 'optional-minutes' | 'repos'>;

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
      if (kind === 'text' || kind === 'repos')
        problems.push({ path: name, message: 'is required' });
    } else if (kind === 'repos') {
      const ok = (r: unknown) => typeof r === 'string' && /^[\w.-]+\/[\w.-]+$/.test(r);
      if (!Array.isArray(v) || v.length === 0 || v.length > 100 || !v.every(ok))
        problems.push({ path: name, message: 'must be a list of "owner/name" repositories' });
    } else if (kind === 'optional-minutes') {
      if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 1440)
        problems.push({ path: name, message: 'must be a whole number of minutes from 1 to 1440' });
    } else if (typeof v !== 'string' || v === '' || v.length > 4096)
      problems.push({ path: name, message: 'must be a non-empty string' });
  }
  if (problems.length > 0) throw new HttpError(400, 'invalid body', problems);
  return body as Record<string, string | number | string[] | undefined>;
}

// Credentials go only to https (http only to this machine: fakes and tests).
function originOf(value: string, keepPath = false): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const local = url?.hostname === '127.0.0.1' || url?.hostname === 'localhost';
  if (url === undefined || !(url.protocol === 'https:' || (url.protocol === 'http:' && local)))
    throw new HttpError(400, 'invalid body', [
      { path: 'baseUrl', message: 'must be an https:// URL (the API token is sent to it)' },
    ]);
  // GitHub Enterprise's API has a path (/api/v3); the other helpdesks' is the origin.
  return keepPath ? `${url.origin}${url.pathname.replace(/\/+$/, '')}` : url.origin;
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

function platformOf(name: string): SyncPlatform {
  if (name === 'zendesk' || name === 'github' || name === 'jira') return name;
  throw new HttpError(404, `no helpdesk "${name}"`);
}

/** Each helpdesk's body: its address, credentials and settings. */
const BODIES: Record<SyncPlatform, Fields> = {
  zendesk: { baseUrl: 'text', email: 'text', token: 'text' },
  github: { baseUrl: 'optional-text', token: 'text', repos: 'repos' },
  jira: { baseUrl: 'text', email: 'text', token: 'text', jql: 'optional-text' },
};

function connectionOf(platform: SyncPlatform, body: Record<string, unknown>) {
  const token = String(body.token);
  if (platform === 'github') {
    const baseUrl = originOf(String(body.baseUrl ?? 'https://api.github.com'), true);
    return { baseUrl, credentials: { token }, settings: { repos: body.repos as string[] } };
  }
  const baseUrl = originOf(String(body.baseUrl));
  const credentials = { email: String(body.email), token };
  const settings = typeof body.jql === 'string' ? { jql: body.jql } : {};
  return { baseUrl, credentials, settings };
}

/**
 * `/v1/connections`: the tenant's helpdesks read through their REST APIs (docs/sync.md).
 * `GET /` each one's health: state, last successful sync, lag, events repaired (what
 * webhooks missed), the backfill's account, the last error; never a credential.
 * `PUT /zendesk` `{baseUrl, email, token}`, `PUT /github` `{token, repos, baseUrl?}` or `PUT
 * /jira` `{baseUrl, email, token, jql?}`, each with `since?` and `intervalMinutes?`, connects
 * (or connects again) and the worker starts the backfill: 202. `PUT /<platform>/token`
 * `{token}` rotates the token only: 204. `DELETE /<platform>` disconnects (stored events
 * stay): 204.
 */
export function connectionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) =>
      c.json({ connections: await connectionHealth(deps.db, deps.clock(), c.get('tenant')) }),
    )
    .put('/:platform', limitBody(deps.maxBodyBytes), async (c) => {
      const platform = platformOf(c.req.param('platform'));
      const body = await readBody(c.req, {
        ...BODIES[platform],
        since: 'optional-text',
        intervalMinutes: 'optional-minutes',
      });
      const where = connectionOf(platform, body);
      const since = sinceOf(body.since as string | undefined);
      const tenant = c.get('tenant');
      await saveConnection(
        deps.db,
        {
          tenant,
          platform,
          ...where,
          cursor: String(since),
          intervalSeconds: ((body.intervalMinutes as number | undefined) ?? 5) * 60,
        },
        deps.clock(),
      );
      deps.logger.info({ tenant, platform }, 'helpdesk connected');
      return c.json({ platform, baseUrl: where.baseUrl, state: 'backfilling' }, 202);
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
