import type { Problem } from '@breachless/core';
import { HttpError } from './errors.js';

/**
 * The longest period a report covers: a year (a leap one, and the hour a DST change adds).
 * A report reads every cycle of its period: 1990 to now by day was 13,484 periods written and
 * 55 s of work. Longer spans are several requests, each bounded.
 */
const MAX_REPORT_DAYS = 366;
/**
 * The longest period a report by day covers: a quarter. Each day is a period computed and
 * stored the first time it is asked for; 366 of them took 3.6 s on PostgreSQL (10 s on
 * PGlite) for a tenant with no cycles at all.
 */
const MAX_DAILY_REPORT_DAYS = 92;
/** The most rows a report answers: a quarter by day and a hundred teams. */
export const MAX_REPORT_ROWS = 10_000;

const DAY_MS = 86_400_000;
// The hour a DST change adds to a local period.
const SLACK_MS = 3_600_000;

/**
 * Adds a problem at `to` when `[from, to)` is longer than `MAX_REPORT_DAYS`, or, for a
 * report grouped by day, `MAX_DAILY_REPORT_DAYS`.
 */
export function checkSpan(
  from: number,
  to: number,
  by: readonly string[],
  problems: Problem[],
): void {
  const days = by.includes('day') ? MAX_DAILY_REPORT_DAYS : MAX_REPORT_DAYS;
  if (to - from > days * DAY_MS + SLACK_MS)
    problems.push({
      path: 'to',
      message: `the period covers at most ${days} days${by.includes('day') ? ' by day' : ''}: ask for a longer one in parts`,
    });
}

/** @throws HttpError 400 when a report has more than `MAX_REPORT_ROWS` rows */
export function checkRows(count: number): void {
  if (count > MAX_REPORT_ROWS)
    throw new HttpError(400, `the report has ${count} rows, over the limit of ${MAX_REPORT_ROWS}`, [
      {
        path: 'by',
        message: `at most ${MAX_REPORT_ROWS} rows: group by fewer keys or ask for a shorter period`,
      },
    ]);
}
