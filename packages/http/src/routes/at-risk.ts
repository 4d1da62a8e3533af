import { formatInstant, METRICS, parseDuration } from '@breachless/core';
import { atRiskCycles } from '@breachless/db';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';
import { readQuery } from '../query-params.js';

const PARAMS = ['within', 'team', 'priority', 'metric', 'limit'];
const DEFAULT_WITHIN = '2h';
const MAX_LIMIT = 500;
/** The longest look ahead: a year, the longest target a policy may have. */
const MAX_WITHIN_SECONDS = 365 * 86_400;

/**
 * `GET /v1/at-risk?within=2h&team=..&priority=..&metric=..&limit=..`: the tenant's running
 * cycles due from now to now + `within` (both ends included), soonest first, at most `limit`
 * (default and maximum 500); `within` is at most 365d. A running cycle already past due is breached, not at risk, and is
 * left out. `secondsLeft` is wall-clock time to the due instant, the same clock as `within`:
 * what a person watching the queue has left, whatever the calendar.
 */
export function atRiskRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const { values, problems } = readQuery(c.req.queries(), PARAMS);
    const parsed = parseDuration(values.within ?? DEFAULT_WITHIN);
    const within = parsed !== undefined && parsed <= MAX_WITHIN_SECONDS ? parsed : undefined;
    if (within === undefined)
      problems.push({
        path: 'within',
        message: `"${values.within}" is not a duration (like 2h, 90m or 1h30m) of at most 365d`,
      });
    const limit = Number(values.limit ?? MAX_LIMIT);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      problems.push({
        path: 'limit',
        message: `"${values.limit}" is not a whole number from 1 to ${MAX_LIMIT}`,
      });
    if (values.metric !== undefined && !(METRICS as readonly string[]).includes(values.metric))
      problems.push({
        path: 'metric',
        message: `"${values.metric}" is not a metric (use ${METRICS.join(', ')})`,
      });
    if (within === undefined || problems.length > 0)
      throw new HttpError(400, 'invalid query', problems);
    // Whole seconds, like every instant the engine stores: a cycle due this second is not past due.
    const now = Math.floor(deps.clock() / 1000) * 1000;
    const found = await atRiskCycles(deps.db, c.get('tenant'), {
      from: now,
      to: now + within * 1000,
      team: values.team,
      priority: values.priority,
      metric: values.metric,
      limit,
    });
    return c.json({
      at: formatInstant(now),
      cycles: found.map(({ startedAt, dueAt, ...cycle }) => ({
        ...cycle,
        startedAt: formatInstant(startedAt),
        dueAt: formatInstant(dueAt),
        secondsLeft: Math.floor((dueAt - now) / 1000),
      })),
    });
  });
}
