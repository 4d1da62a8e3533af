import {
  firstContactCsv,
  firstContactRowJson,
  type GroupKey,
  type Problem,
  readGroupKeys,
} from '@breachless/core';
import { firstContactRows } from '@breachless/db';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';
import { readPeriod } from '../period-query.js';
import { readQuery } from '../query-params.js';
import { checkRows, checkSpan } from '../report-limits.js';

const PARAMS = ['from', 'to', 'by', 'tz', 'format'];
type TicketKey = Exclude<GroupKey, 'metric'>;

/** `by=organization,team`: any compliance key but `metric`, which is no grouping of tickets. */
function ticketKeys(value: string | undefined, problems: Problem[]): TicketKey[] {
  const { keys, unknown } = readGroupKeys(value);
  const wrong = [...unknown, ...keys.filter((k) => k === 'metric')];
  if (wrong.length > 0)
    problems.push({
      path: 'by',
      message: `cannot group first contacts by ${wrong.map((k) => `"${k}"`).join(', ')}`,
    });
  return keys.filter((k): k is TicketKey => k !== 'metric');
}

/**
 * `GET /v1/reports/first-contact?from&to&by&tz&format=json|csv`: first contact resolution
 * (docs/semantics.md) over the tenant's tickets resolved in the period, grouped as compliance
 * reports group: `{"rows": [{...group, resolved, firstContact, fcrPct}]}` or CSV. Periods
 * and answers are bounded as compliance reports are.
 */
export function firstContactRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const { values, problems } = readQuery(c.req.queries(), PARAMS);
    const { zone, period } = readPeriod(values, problems);
    const by = ticketKeys(values.by, problems);
    if (period) checkSpan(period.from, period.to, by, problems);
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'csv')
      problems.push({ path: 'format', message: `"${format}" is not json or csv` });
    if (!period || problems.length > 0) throw new HttpError(400, 'invalid query', problems);
    const rows = await firstContactRows(deps.db, c.get('tenant'), {
      ...period,
      by,
      timezone: zone,
    });
    checkRows(rows.length);
    if (format === 'csv')
      return c.body(firstContactCsv(rows, by), 200, { 'content-type': 'text/csv; charset=utf-8' });
    return c.json({ rows: rows.map(firstContactRowJson) });
  });
}
