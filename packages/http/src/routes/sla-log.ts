import { type CycleStatus, METRICS } from '@breachless/core';
import {
  errorSummary,
  SLA_LOG_FILTERS,
  type SlaLogFilter,
  slaLogPages,
  slaLogText,
} from '@breachless/db';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';
import { readPeriod } from '../period-query.js';
import { readQuery } from '../query-params.js';

const PARAMS = ['from', 'to', 'tz', 'format', ...SLA_LOG_FILTERS];

const OUTCOMES: readonly CycleStatus[] = ['running', 'paused', 'achieved', 'breached', 'cancelled'];

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/**
 * `GET /v1/sla-log?from&to&tz&format=csv|json&organization&team&...`: one row per cycle
 * started in the period (formats.md), as CSV or one JSON array. `from`, `to` and `tz` read as
 * the compliance report's; each filter keeps the cycles with that value. The body is
 * streamed: a page of rows is read from the database only when the client has taken the one
 * before, so a year of cycles costs one page of memory, and a client gone stops the reading.
 * Any period length is allowed for that reason.
 */
export function slaLogRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', (c) => {
    const { values, problems } = readQuery(c.req.queries(), PARAMS);
    const { period } = readPeriod(values, problems);
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'csv')
      problems.push({ path: 'format', message: `"${format}" is not json or csv` });
    if (values.metric !== undefined && !(METRICS as readonly string[]).includes(values.metric))
      problems.push({
        path: 'metric',
        message: `"${values.metric}" is not a metric (use ${METRICS.join(', ')})`,
      });
    if (values.outcome !== undefined && !(OUTCOMES as string[]).includes(values.outcome))
      problems.push({
        path: 'outcome',
        message: `"${values.outcome}" is not an outcome (use ${OUTCOMES.join(', ')})`,
      });
    if (!period || problems.length > 0 || (format !== 'json' && format !== 'csv'))
      throw new HttpError(400, 'invalid query', problems);
    const filter: SlaLogFilter = {
      ...period,
      ...Object.fromEntries(SLA_LOG_FILTERS.map((name) => [name, values[name]])),
    };
    const chunks = slaLogText(slaLogPages(deps.db, c.get('tenant'), filter), format);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          // Headers are gone by now: the client sees a cut body, the log says why.
          deps.logger.error({ err: errorSummary(error) }, 'sla log stopped');
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return c.body(body, 200, { 'content-type': CONTENT_TYPES[format] });
  });
}
