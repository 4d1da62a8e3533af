import {
  complianceReport,
  Engine,
  GROUP_KEYS,
  type GroupKey,
  localDateStart,
  reportCsv,
  reportRowJson,
} from '@breachless/core';
import { instantFlag, parseFlags, required } from '../args.js';
import { UsageError } from '../errors.js';
import { reportTable } from '../format/report-table.js';
import type { Io } from '../io.js';
import { configPath, loadConfig, loadEvents } from '../load.js';

export const REPORT_USAGE = `Usage: breachless report --config FILE --events FILE --from DATE|ISO --to DATE|ISO
                         [--by day,week,month,team,agent,priority,policy,metric,channel]
                         [--tz ZONE] [--format table|csv|json] [--at ISO]

Compliance over the period: per group and metric, cycles achieved and breached, compliance %,
and the average, minimum, maximum, median and 90th percentile of elapsed business time.
A cycle counts once, at its outcome: when it was achieved, or when it breached.

  --from DATE|ISO  start of the period; a date YYYY-MM-DD starts at local midnight in --tz
  --to DATE|ISO    end of the period; a date includes that whole day, an instant is exclusive
  --by KEYS        grouping, comma-separated (rows are always split by metric)
  --tz ZONE        zone of dates, days, weeks (from Monday) and months (default: UTC)
  --format F       table (default), csv or json
  --at ISO         evaluate the tickets at this instant (default: the real now)`;

function bound(value: string, flag: 'from' | 'to', zone: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = localDateStart(zone, value);
    if (start === undefined) throw new UsageError(`--${flag}: "${value}" is not a date`);
    if (flag === 'from') return start;
    const next = new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return localDateStart(zone, next) as number;
  }
  return instantFlag(value, flag);
}

function groupKeys(value: string | undefined): GroupKey[] {
  if (!value) return [];
  const keys = value.split(',').map((k) => k.trim());
  const unknown = keys.filter((k) => !(GROUP_KEYS as readonly string[]).includes(k));
  if (unknown.length)
    throw new UsageError(`--by: unknown ${unknown.join(', ')} (use ${GROUP_KEYS.join(', ')})`);
  return keys as GroupKey[];
}

/** `breachless report`: compliance figures from files. */
export function reportCommand(argv: readonly string[], io: Io): number {
  const flags = parseFlags(
    argv,
    {
      config: { type: 'string' },
      events: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      by: { type: 'string' },
      tz: { type: 'string' },
      format: { type: 'string' },
      at: { type: 'string' },
    },
    REPORT_USAGE,
  );
  if (flags.help) {
    io.stdout(`${REPORT_USAGE}\n`);
    return 0;
  }
  const zone = flags.tz ?? 'UTC';
  if (localDateStart(zone, '2000-01-01') === undefined)
    throw new UsageError(`--tz: "${zone}" is not an IANA time zone`);
  const format = flags.format ?? 'table';
  if (!['table', 'csv', 'json'].includes(format))
    throw new UsageError(`--format: "${format}" is not table, csv or json`, REPORT_USAGE);
  const from = bound(required(flags.from, 'from', REPORT_USAGE), 'from', zone);
  const to = bound(required(flags.to, 'to', REPORT_USAGE), 'to', zone);
  if (to <= from) throw new UsageError('--to must be after --from');
  const by = groupKeys(flags.by);
  const at =
    flags.at === undefined ? Math.floor(io.now() / 1000) * 1000 : instantFlag(flags.at, 'at');
  const engine = new Engine(loadConfig(io, configPath(io, flags.config)));
  const events = loadEvents(io, required(flags.events, 'events', REPORT_USAGE));
  const rows = complianceReport(engine.evaluate(events, at), { from, to, by, timezone: zone });
  if (format === 'json')
    io.stdout(`${JSON.stringify({ rows: rows.map(reportRowJson) }, null, 2)}\n`);
  else if (format === 'csv') io.stdout(reportCsv(rows, by));
  else io.stdout(`${reportTable(rows, by, { from, to, zone })}\n`);
  return 0;
}
