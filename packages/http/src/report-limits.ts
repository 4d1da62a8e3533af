import type { Problem } from '@breachless/core';
import { HttpError } from './errors.js';

/**
 * The longest period a report covers: a year (a leap one, and the hour a DST change adds).
 * A report reads every cycle of its period and, by day, computes and stores a period a day:
 * 1990 to now by day was 13,484 periods written and 55 s of work. Longer spans are several
 * requests, each bounded.
 */
export const MAX_REPORT_DAYS = 366;
/** The most rows a report answers: a year by day and a few dozen teams. */
export const MAX_REPORT_ROWS = 10_000;

const MAX_SPAN_MS = MAX_REPORT_DAYS * 86_400_000 + 3_600_000;

/** Adds a problem when `[from, to)` is longer than `MAX_REPORT_DAYS`. */
export function checkSpan(from: number, to: number, problems: Problem[]): void {
  if (to - from > MAX_SPAN_MS)
    problems.push({
      path: 'to',
      message: `the period covers at most ${MAX_REPORT_DAYS} days: ask for a longer one in parts`,
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
