import { parseEvents } from '@breachless/core';
import { ingestEvents } from '@breachless/db';
import { Hono } from 'hono';
import { limitBody } from '../body-limit.js';
import { readValues } from '../body-values.js';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';

const MAX_EVENTS = 1000;

/**
 * `POST /v1/events`: all-or-nothing; 202 {accepted, duplicates, quarantined} or 400 with every
 * problem. `quarantined` names the tickets whose events were stored but whose recompute failed:
 * set aside with the error (`GET /v1/quarantine`) until their next event or config change.
 */
export function eventRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/', limitBody(deps), async (c) => {
    const text = await c.req.text();
    const values = readValues(text, c.req.header('content-type') ?? '', 'events');
    if (values.length > MAX_EVENTS)
      throw new HttpError(413, `at most ${MAX_EVENTS} events per request, got ${values.length}`);
    const events = parseEvents(values);
    const tenant = c.get('tenant');
    const foreign = events.findIndex((e) => e.tenant !== undefined && e.tenant !== tenant);
    if (foreign >= 0) throw new HttpError(403, `event [${foreign}] names another tenant`);
    const engine = await deps.engines.engineFor(deps.db, tenant);
    const result = await ingestEvents(deps.db, tenant, events, engine, deps.clock(), {
      ...(deps.tickets ? { cache: deps.tickets } : {}),
    });
    const quarantined = result.quarantined.map((f) => f.ticket);
    return c.json({ accepted: result.accepted, duplicates: result.duplicates, quarantined }, 202);
  });
}
