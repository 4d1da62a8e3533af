import type { GroupKey, ReportRow } from './types.js';

/** A row in the flat `report --format json` shape of formats.md: group keys first. */
export function reportRowJson(row: ReportRow) {
  return {
    ...row.group,
    metric: row.metric,
    achieved: row.achieved,
    breached: row.breached,
    compliancePct: row.compliancePct,
    achievedSeconds: row.achievedSeconds,
    breachedSeconds: row.breachedSeconds,
  };
}

const STAT_COLUMNS = ['avg', 'min', 'max', 'p50', 'p90'] as const;

/** RFC 4180: quote a cell holding a comma, a quote or a line break; double the quotes. */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The rows as CSV for spreadsheets: the group columns, metric, the counts, compliance, then
 * the achieved and breached statistics in seconds.
 */
export function reportCsv(rows: readonly ReportRow[], by: readonly GroupKey[]): string {
  const keys = by.filter((k) => k !== 'metric');
  const header = [
    ...keys,
    'metric',
    'achieved',
    'breached',
    'compliance_pct',
    ...STAT_COLUMNS.map((s) => `achieved_${s}_s`),
    ...STAT_COLUMNS.map((s) => `breached_${s}_s`),
  ];
  const lines = rows.map((row) =>
    [
      ...keys.map((k) => row.group[k]),
      row.metric,
      row.achieved,
      row.breached,
      row.compliancePct,
      ...STAT_COLUMNS.map((s) => row.achievedSeconds[s]),
      ...STAT_COLUMNS.map((s) => row.breachedSeconds[s]),
    ]
      .map(cell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
