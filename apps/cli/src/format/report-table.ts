import { formatDuration, type GroupKey, type ReportRow } from '@breachless/core';
import { localTimeFormatter } from './local-time.js';
import { table } from './table.js';

const duration = (seconds: number | null) =>
  seconds === null ? null : formatDuration(Math.round(seconds));

/** The report as a table people read: durations as `1h30m`, compliance as a percentage. */
export function reportTable(
  rows: readonly ReportRow[],
  by: readonly GroupKey[],
  period: { from: number; to: number; zone: string },
): string {
  const local = localTimeFormatter(period.zone);
  const title = `Compliance from ${local(period.from)} to ${local(period.to)} ${period.zone}`;
  if (rows.length === 0) return `${title}\nno cycle reached its outcome in this period`;
  const keys = by.filter((k) => k !== 'metric');
  const header = [
    ...keys,
    'metric',
    'achieved',
    'breached',
    'compliance',
    'achieved p50',
    'achieved p90',
    'breached avg',
  ];
  const body = rows.map((r) => [
    ...keys.map((k) => r.group[k] ?? null),
    r.metric,
    r.achieved,
    r.breached,
    r.compliancePct === null ? null : `${r.compliancePct.toFixed(2)}%`,
    duration(r.achievedSeconds.p50),
    duration(r.achievedSeconds.p90),
    duration(r.breachedSeconds.avg),
  ]);
  return `${title}\n\n${table(header, body)}`;
}
