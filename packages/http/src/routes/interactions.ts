import { checkInteractions } from '@breachless/core';
import { storeInteractions } from '@breachless/db';
import { Hono } from 'hono';
import { limitBody } from '../body-limit.js';
import { readValues } from '../body-values.js';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';
import { readText } from '../request-body.js';

const MAX_INTERACTIONS = 1000;

/**
 * `POST /v1/interactions`: contact-center calls and chats offered to queues, as a JSON array
 * or NDJSON, up to 1,000; all-or-nothing: 202 {accepted, updated} or 400 with every problem.
 */
export function interactionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/', limitBody(deps.maxBodyBytes), async (c) => {
    const values = readValues(
      await readText(c.req),
      c.req.header('content-type'),
      'interactions',
      MAX_INTERACTIONS,
    );
    const checked = checkInteractions(values);
    if ('problems' in checked) throw new HttpError(400, 'invalid interactions', checked.problems);
    const fresh = await storeInteractions(deps.db, c.get('tenant'), checked.interactions);
    return c.json({ accepted: fresh, updated: checked.interactions.length - fresh }, 202);
  });
}
