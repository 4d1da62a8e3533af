import type { Problem } from '@breachless/core';
import { describe, expect, it } from 'vitest';
import { HttpError } from './errors.js';
import { checkRows, checkSpan, MAX_REPORT_ROWS } from './report-limits.js';

const DAY = 86_400_000;
const FROM = Date.UTC(2026, 0, 1);
const span = (days: number, by: string[], extraMs = 0) => {
  const problems: Problem[] = [];
  checkSpan(FROM, FROM + days * DAY + extraMs, by, problems);
  return problems.map((p) => `${p.path}: ${p.message}`);
};

describe('checkSpan', () => {
  it('takes up to 366 days, and the hour a DST change adds', () => {
    expect(span(366, ['team'], 3_600_000)).toEqual([]);
    expect(span(366, ['team'], 3_600_001)).toEqual([
      'to: the period covers at most 366 days: ask for a longer one in parts',
    ]);
  });

  it('takes up to 92 days for a report by day, whatever the other keys', () => {
    expect(span(92, ['team', 'day'])).toEqual([]);
    expect(span(93, ['team', 'day'])).toEqual([
      'to: the period covers at most 92 days by day: ask for a longer one in parts',
    ]);
    expect(span(93, ['week', 'team'])).toEqual([]);
  });
});

describe('checkRows', () => {
  it('answers 400 naming the limit past 10,000 rows', () => {
    expect(() => checkRows(MAX_REPORT_ROWS)).not.toThrow();
    let refused: unknown;
    try {
      checkRows(MAX_REPORT_ROWS + 1);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({
      status: 400,
      message: 'the report has 10001 rows, over the limit of 10000',
      problems: [
        {
          path: 'by',
          message: 'at most 10000 rows: group by fewer keys or ask for a shorter period',
        },
      ],
    });
  });
});
