import { describe, expect, it } from 'vitest';
import { reportCsv, reportRowJson } from './output.js';
import { compliancePct, elapsedStats } from './stats.js';
import type { ReportRow } from './types.js';

const row = (group: ReportRow['group'], achieved: number[], breached: number[]): ReportRow => ({
  group,
  metric: 'first_response',
  achieved: achieved.length,
  breached: breached.length,
  compliancePct: compliancePct(achieved.length, breached.length),
  achievedSeconds: elapsedStats(achieved),
  breachedSeconds: elapsedStats(breached),
});

describe('reportRowJson', () => {
  it('prints the flat formats.md row: groups in `by` order, metric, counts, then seconds', () => {
    const json = reportRowJson(row({ day: '2026-11-02', team: 'billing' }, [10, 20, 30, 40], [90]));
    expect(JSON.stringify(json)).toBe(
      JSON.stringify({
        day: '2026-11-02',
        team: 'billing',
        metric: 'first_response',
        achieved: 4,
        breached: 1,
        compliancePct: 80,
        achievedSeconds: { count: 4, avg: 25, min: 10, max: 40, p50: 25, p90: 37 },
        breachedSeconds: { count: 1, avg: 90, min: 90, max: 90, p50: 90, p90: 90 },
      }),
    );
  });

  it('keeps a missing group value and empty statistics as null', () => {
    expect(reportRowJson(row({ team: null }, [5], []))).toEqual({
      team: null,
      metric: 'first_response',
      achieved: 1,
      breached: 0,
      compliancePct: 100,
      achievedSeconds: { count: 1, avg: 5, min: 5, max: 5, p50: 5, p90: 5 },
      breachedSeconds: { count: 0, avg: null, min: null, max: null, p50: null, p90: null },
    });
  });
});

describe('reportCsv', () => {
  const header =
    'team,metric,achieved,breached,compliance_pct,' +
    'achieved_avg_s,achieved_min_s,achieved_max_s,achieved_p50_s,achieved_p90_s,' +
    'breached_avg_s,breached_min_s,breached_max_s,breached_p50_s,breached_p90_s';

  it('has a header a spreadsheet reads, and empty cells for nulls', () => {
    const csv = reportCsv(
      [row({ team: 'billing' }, [10, 20, 30, 40], []), row({ team: null }, [], [7])],
      ['team'],
    );
    expect(csv.split('\r\n')).toEqual([
      header,
      'billing,first_response,4,0,100,25,10,40,25,37,,,,,',
      ',first_response,0,1,0,,,,,,7,7,7,7,7',
      '',
    ]);
  });

  it('quotes values holding commas, quotes or line breaks (RFC 4180)', () => {
    const rows = [
      row({ team: 'sales, "east"' }, [5], []),
      row({ team: 'line\nbreak' }, [5], []),
      row({ team: 'plain' }, [5], []),
    ];
    const lines = reportCsv(rows, ['team']).split('\r\n');
    expect(lines[1]).toBe('"sales, ""east""",first_response,1,0,100,5,5,5,5,5,,,,,');
    expect(lines[2]).toBe('"line\nbreak",first_response,1,0,100,5,5,5,5,5,,,,,');
    expect(lines[3]).toBe('plain,first_response,1,0,100,5,5,5,5,5,,,,,');
  });

  it('gives metric one column wherever `by` names it, and groups in `by` order', () => {
    const csv = reportCsv(
      [row({ week: '2026-11-23', agent: 'ana' }, [5], [])],
      ['metric', 'week', 'agent'],
    );
    const [head, line] = csv.split('\r\n');
    expect(head?.startsWith('week,agent,metric,achieved,')).toBe(true);
    expect(line?.startsWith('2026-11-23,ana,first_response,1,0,100,')).toBe(true);
    expect(reportCsv([], ['team'])).toBe(`${header}\r\n`);
  });
});
