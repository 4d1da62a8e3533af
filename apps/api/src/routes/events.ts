import { type Problem, parseEvents } from '@breachless/core';
import { ingestEvents } from '@breachless/db';
import { Hono } from 'hono';
import { limitBody } from '../body-limit.js';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';

const MAX_EVENTS = 1000;

/** The body as a list of values: a JSON array, or NDJSON (one object per line). */
function readValues(text: string, contentType: string): unknown[] {
  if (contentType.startsWith('application/json')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'body is not valid JSON');
    }
    if (!Array.isArray(value)) throw new HttpError(400, 'body must be a JSON array of events');
    return value;
  }
  if (contentType.startsWith('application/x-ndjson')) {
    const problems: Problem[] = [];
    const values = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, index) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          problems.push({ path: `[${index}]`, message: 'not valid JSON' });
          return undefined;
        }
      });
    if (problems.length) throw new HttpError(400, 'invalid events', problems);
    return values;
  }
  throw new HttpError(415, 'send application/json (an array) or application/x-ndjson');
}

/** `POST /v1/events`: all-or-nothing; 202 {accepted, duplicates} or 400 with every problem. */
export function eventRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/', limitBody(deps), async (c) => {
    const text = await c.req.text();
    const values = readValues(text, c.req.header('content-type') ?? '');
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
    return c.json({ accepted: result.accepted, duplicates: result.duplicates }, 202);
  });
}
