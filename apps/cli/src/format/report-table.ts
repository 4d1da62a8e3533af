import { formatDuration, type GroupKey, type ReportRow } from '@breachless/core';
import { localTimeFormatter } from './local-time.js';
import { table } from './table.js';

// Averages and percentiles can fall between seconds; people read them to the second.
const duration = (seconds: number | null) =>
  seconds === null ? null : formatDuration(Math.round(seconds));

/** The period and evaluation instant, for the title: a table must say what it covers. */
interface ReportPeriod {
  readonly from: number;
  readonly to: number;
  readonly zone: string;
  readonly at: number;
}

/**
 * The report as a table people read: durations as `1h30m`, compliance as a percentage,
 * a dash where a figure does not exist (no breached cycle has no breached average).
 */
export function reportTable(
  rows: readonly ReportRow[],
  by: readonly GroupKey[],
  period: ReportPeriod,
): string {
  const local = localTimeFormatter(period.zone);
  const title = [
    `Compliance from ${local(period.from)} to ${local(period.to)} (end excluded), ${period.zone}`,
    `tickets as of ${local(period.at)}; a cycle counts when it was achieved or breached`,
  ].join('\n');
  if (rows.length === 0) return `${title}\n\nno cycle was achieved or breached in this period`;
  const keys = [...new Set(by)].filter((k) => k !== 'metric');
  const header = [
    ...keys,
    'metric',
    'achieved',
    'breached',
    'compliance',
    'achieved avg',
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
    duration(r.achievedSeconds.avg),
    duration(r.achievedSeconds.p50),
    duration(r.achievedSeconds.p90),
    duration(r.breachedSeconds.avg),
  ]);
  return `${title}\n\n${table(header, body, { right: ['compliance'] })}`;
}
