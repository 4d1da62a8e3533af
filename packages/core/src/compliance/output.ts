import type { FirstContactRow } from './first-contact.js';
import type { ElapsedStats, GroupKey, ReportRow } from './types.js';

/** A report row as `report --format json` prints it (formats.md). */
type ReportRowJson = Partial<Record<Exclude<GroupKey, 'metric'>, string | null>> & {
  readonly metric: ReportRow['metric'];
  readonly achieved: number;
  readonly breached: number;
  readonly compliancePct: number | null;
  readonly achievedSeconds: ElapsedStats;
  readonly breachedSeconds: ElapsedStats;
};

/**
 * A row in the flat `report --format json` shape of formats.md: the group keys first (in the
 * report's `by` order), then metric, the counts, compliance, and the statistics of elapsed
 * seconds (`count`, `avg`, `min`, `max`, `p50`, `p90`; `null` figures when the count is 0).
 */
export function reportRowJson(row: ReportRow): ReportRowJson {
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
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The rows as CSV (RFC 4180, CRLF line ends) for spreadsheets: a header, then the group
 * columns of `by`, metric, achieved, breached, compliance_pct, then `achieved_avg_s` ...
 * `achieved_p90_s` and `breached_avg_s` ... `breached_p90_s`. A missing value is an empty cell.
 */
export function reportCsv(rows: readonly ReportRow[], by: readonly GroupKey[]): string {
  // Metric has its own column after the groups, as in the JSON rows.
  const keys = [...new Set(by)].filter((k) => k !== 'metric');
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
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

/** A first contact row as the API and `report --first-contact --format json` write it. */
type FirstContactRowJson = Partial<Record<Exclude<GroupKey, 'metric'>, string | null>> & {
  readonly resolved: number;
  readonly firstContact: number;
  readonly fcrPct: number | null;
};

/** A first contact row in its flat JSON shape (formats.md): the group keys, then the counts. */
export function firstContactRowJson(row: FirstContactRow): FirstContactRowJson {
  return {
    ...row.group,
    resolved: row.resolved,
    firstContact: row.firstContact,
    fcrPct: row.fcrPct,
  };
}

/**
 * First contact rows as CSV (RFC 4180, CRLF line ends): the group columns of `by`, then
 * `resolved`, `first_contact` and `fcr_pct`. A missing value is an empty cell.
 */
export function firstContactCsv(
  rows: readonly FirstContactRow[],
  by: readonly Exclude<GroupKey, 'metric'>[],
): string {
  const keys = [...new Set(by)];
  const lines = rows.map((r) =>
    [...keys.map((k) => r.group[k]), r.resolved, r.firstContact, r.fcrPct].map(csvCell).join(','),
  );
  const header = [...keys, 'resolved', 'first_contact', 'fcr_pct'].join(',');
  return `${[header, ...lines].join('\r\n')}\r\n`;
}
