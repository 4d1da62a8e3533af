import { ConfigError, readConfigDocument } from '@breachless/core';
import { applyConfig, currentConfig } from '@breachless/db';
import { Hono } from 'hono';
import { limitBody } from '../body-limit.js';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';
import { checkDepth, mediaType, readText } from '../request-body.js';

/**
 * The body as a plain value. JSON is parsed as JSON, strictly, since that is what the client
 * says it sends; YAML goes through the same reader as the CLI's config file, so a syntax error
 * names its line.
 * @throws ConfigError for a body that does not parse, HttpError 415 for another content type
 */
function readDocument(text: string, contentType: string | undefined): unknown {
  const type = mediaType(contentType);
  // YAML's flow style nests with the same brackets as JSON.
  if (type === 'application/json' || type === 'application/yaml' || type === 'text/yaml')
    checkDepth(text);
  if (type === 'application/json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new ConfigError([{ path: '(body)', message: (cause as Error).message }], { cause });
    }
  }
  if (type === 'application/yaml' || type === 'text/yaml') return readConfigDocument(text);
  throw new HttpError(415, 'send application/json, application/yaml or text/yaml');
}

/**
 * `GET /v1/config`: the tenant's current calendars and policies as they were sent (YAML
 * arrives as its JSON value), with the version and who changed it; 404 before the first.
 *
 * `PUT /v1/config` (JSON or YAML): validated as a whole; an invalid one answers 400 with every
 * problem by path and the stored config stays as it was. A valid one becomes the next version,
 * changed by `token:<token id>`.
 *
 * When a new config applies: to each ticket the next time it is recomputed (its next event,
 * or an explicit recompute), never by rewriting history in place. The PUT itself recomputes
 * every ticket of the tenant with a running or paused cycle, and every quarantined one, before
 * it answers `{version, recomputed, quarantined}`, so at-risk lists, reports and the worker
 * see the new targets at once; tickets whose cycles are all closed keep the figures they were
 * measured under until their next event. The save and the recompute are one transaction
 * (applyConfig): a config that breaks tickets the previous version evaluates answers 400
 * naming them, and one that fails for any other reason is not saved either. `quarantined`
 * lists the tickets that fail under both versions (their own data is at fault).
 */
export function configRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const stored = await currentConfig(deps.db, c.get('tenant'));
      if (!stored) throw new HttpError(404, 'no config stored yet');
      return c.json({
        version: stored.version,
        config: stored.body,
        changedBy: stored.changedBy,
        changedAt: new Date(stored.createdAt).toISOString(),
      });
    })
    .put('/', limitBody(deps.maxBodyBytes), async (c) => {
      const text = await readText(c.req);
      // An empty YAML document reads as {}, a config with no policies: refuse it rather than
      // let an empty request switch every SLA off. `{}` stays possible, written out.
      if (text.trim() === '') throw new HttpError(400, 'body is empty: send the whole config');
      const body = readDocument(text, c.req.header('content-type'));
      const tenant = c.get('tenant');
      const by = `token:${c.get('tokenId')}`;
      const saved = await applyConfig(deps.db, tenant, body, by, deps.clock());
      const quarantined = saved.quarantined.map((f) => f.ticket);
      return c.json({ version: saved.version, recomputed: saved.recomputed, quarantined });
    });
}
