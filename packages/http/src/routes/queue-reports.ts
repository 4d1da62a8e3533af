import { type Problem, queueStats } from '@breachless/core';
import { interactionsOffered } from '@breachless/db';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';
import { readPeriod } from '../period-query.js';
import { readQuery } from '../query-params.js';
import { checkRows, checkSpan } from '../report-limits.js';

const PARAMS = [
  'from',
  'to',
  'tz',
  'threshold',
  'abandoned',
  'shortAbandon',
  'byChannel',
  'format',
];
const COLUMNS = [
  'queue',
  'channel',
  'offered',
  'answered',
  'abandoned',
  'waiting',
  'shortAbandoned',
  'serviceLevelPct',
  'averageSpeedOfAnswerSeconds',
  'abandonmentRatePct',
] as const;

/** Whole seconds from a query value, or a problem. */
function seconds(
  name: string,
  value: string | undefined,
  fallback: number,
  problems: Problem[],
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    problems.push({ path: name, message: `"${value}" is not whole seconds >= 0` });
  return n;
}

/**
 * `GET /v1/reports/queues?from&to&tz&threshold=20&abandoned=count|exclude&shortAbandon=0&
 * byChannel=false&format=json|csv`: per queue (and channel), interactions offered in the
 * period, service level (answered within `threshold` seconds over answered and abandoned, or
 * over answered alone with `abandoned=exclude`; abandons under `shortAbandon` seconds left
 * out everywhere), average speed of answer and abandonment rate. The period covers at most
 * 366 days and the answer at most 10,000 rows, as compliance reports.
 */
export function queueReportRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const { values, problems } = readQuery(c.req.queries(), PARAMS);
    const { period } = readPeriod(values, problems);
    if (period) checkSpan(period.from, period.to, [], problems);
    const thresholdSeconds = seconds('threshold', values.threshold, 20, problems);
    const shortAbandonSeconds = seconds('shortAbandon', values.shortAbandon, 0, problems);
    const abandoned = values.abandoned ?? 'count';
    if (abandoned !== 'count' && abandoned !== 'exclude')
      problems.push({ path: 'abandoned', message: `"${abandoned}" is not count or exclude` });
    const byChannel = values.byChannel ?? 'false';
    if (byChannel !== 'true' && byChannel !== 'false')
      problems.push({ path: 'byChannel', message: `"${byChannel}" is not true or false` });
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'csv')
      problems.push({ path: 'format', message: `"${format}" is not json or csv` });
    if (!period || problems.length > 0) throw new HttpError(400, 'invalid query', problems);
    const { from, to } = period;
    const rows = queueStats(await interactionsOffered(deps.db, c.get('tenant'), from, to), {
      thresholdSeconds,
      shortAbandonSeconds,
      abandoned: abandoned as 'count' | 'exclude',
      byChannel: byChannel === 'true',
    });
    checkRows(rows.length);
    if (format === 'json') return c.json({ rows });
    const cell = (v: unknown) =>
      v === null || v === undefined
        ? ''
        : /[",\n]/.test(String(v))
          ? `"${String(v).replaceAll('"', '""')}"`
          : String(v);
    const lines = [
      COLUMNS.join(','),
      ...rows.map((r) =>
        COLUMNS.map((k) => cell((r as unknown as Record<string, unknown>)[k])).join(','),
      ),
    ];
    return c.body(`${lines.join('\r\n')}\r\n`, 200, { 'content-type': 'text/csv; charset=utf-8' });
  });
}
