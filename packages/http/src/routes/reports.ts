import { setTimeout as wait } from 'node:timers/promises';
import {
  GROUP_KEYS,
  type GroupKey,
  type Problem,
  readGroupKeys,
  reportCsv,
  reportRowJson,
} from '@breachless/core';
import { complianceRows } from '@breachless/db';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, requestSignal } from '../deadline.js';
import { HttpError } from '../errors.js';
import { readPeriod } from '../period-query.js';
import { readQuery } from '../query-params.js';
import { ReportJobs } from '../report-jobs.js';
import { checkRows, checkSpan } from '../report-limits.js';

/** Seconds a client that got 202 is told to wait before asking again. */
const RETRY_AFTER_S = 5;

const PARAMS = ['from', 'to', 'by', 'tz', 'format'];
/** `by=day,team`: group keys in order; none (one row per metric) when absent, as in the CLI. */
function groupKeys(value: string | undefined, problems: Problem[]): GroupKey[] {
  const { keys, unknown } = readGroupKeys(value);
  if (unknown.length > 0)
    problems.push({
      path: 'by',
      message: `unknown ${unknown.map((k) => `"${k}"`).join(', ')} (use ${GROUP_KEYS.join(', ')})`,
    });
  return keys;
}

/**
 * `GET /v1/reports/compliance?from&to&by&tz&format=json|csv`: the rows of `breachless report`
 * over the tenant's stored cycles, `{"rows":[...]}` or CSV. Parameters mean what the CLI's
 * flags mean; every bad one is listed in a single 400. The period covers at most 366 days
 * (92 by day) and the answer at most 10,000 rows (report-limits.ts). A report not done within
 * the request's patience answers 202 with a Location (this same request) to ask again and
 * runs on to its end (ReportJobs): never a 503 for a report someone asked for. A client
 * gone before that stops it between periods.
 */
export function reportRoutes(deps: AppDeps) {
  const jobs = new ReportJobs(deps.clock);
  const timeout = deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return new Hono<AppEnv>().get('/compliance', async (c) => {
    const { values, problems } = readQuery(c.req.queries(), PARAMS);
    const { zone, period } = readPeriod(values, problems);
    const by = groupKeys(values.by, problems);
    if (period) checkSpan(period.from, period.to, by, problems);
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'csv')
      problems.push({ path: 'format', message: `"${format}" is not json or csv` });
    if (!period || problems.length > 0) throw new HttpError(400, 'invalid query', problems);
    const { from, to } = period;
    const tenant = c.get('tenant');
    const options = { from, to, by, timezone: zone };
    // Stopped when its clients leave, not when a request's time is up: it runs on past a 202.
    const compute = (signal: AbortSignal) =>
      complianceRows(deps.db, tenant, options, {}, deps.clock(), signal);
    const stop = new AbortController();
    const patience =
      deps.reportPatience?.() ??
      wait(Math.min(10_000, timeout / 3), undefined, { signal: stop.signal, ref: false });
    const key = JSON.stringify([tenant, from, to, by, zone]);
    const answer = await jobs
      .answer(key, compute, patience, requestSignal(c))
      .finally(() => stop.abort());
    if (!('rows' in answer)) {
      const url = new URL(c.req.url);
      c.header('location', `${url.pathname}${url.search}`);
      c.header('retry-after', String(RETRY_AFTER_S));
      return c.json({ status: 'running', retryAfterSeconds: RETRY_AFTER_S }, 202);
    }
    const { rows } = answer;
    checkRows(rows.length);
    if (format === 'csv')
      return c.body(reportCsv(rows, by), 200, { 'content-type': 'text/csv; charset=utf-8' });
    return c.json({ rows: rows.map(reportRowJson) });
  });
}
