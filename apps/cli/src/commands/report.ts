import {
  complianceReport,
  Engine,
  GROUP_KEYS,
  type GroupKey,
  PERIOD_BOUND_FORMS,
  periodBound,
  type ReportOptions,
  type ReportRow,
  readGroupKeys,
  reportCsv,
  reportRowJson,
} from '@breachless/core';
import { atFlag, parseFlags, required, zoneFlag } from '../args.js';
import { UsageError } from '../errors.js';
import { reportTable } from '../format/report-table.js';
import type { Io } from '../io.js';
import { configPath, loadConfig, loadEvents } from '../load.js';
import {
  fileFirstContact,
  printFirstContact,
  storedFirstContact,
  ticketKeys,
} from './report-first-contact.js';

/** `breachless report --help`. */
const REPORT_USAGE = `Usage: breachless report --config FILE --events FILE --from DATE|ISO --to DATE|ISO
                         [--by day,week,month,team,agent,priority,policy,metric,channel,organization,contract]
                         [--tz ZONE] [--format table|csv|json] [--at ISO] [--first-contact]
       breachless report --tenant ID --from DATE|ISO --to DATE|ISO [--by ...] [--tz ZONE]
                         [--format table|csv|json] [--first-contact]

Compliance over a period: per group and metric, cycles achieved and breached, compliance %
(achieved / (achieved + breached)), and the average, minimum, maximum, median and 90th
percentile of elapsed business time. A cycle counts once, at its outcome instant (when it
was achieved, or when it breached) if that instant is inside the period; running, paused
and cancelled cycles do not count.

  --config FILE    calendars and policies, YAML or JSON (default: $BREACHLESS_CONFIG, then
                   ./breachless.config.yaml)
  --events FILE    ticket events, NDJSON
  --from DATE|ISO  start of the period, included. A date YYYY-MM-DD means the start of
                   that day in --tz; an instant needs an offset or Z
  --to DATE|ISO    end of the period. A date includes that whole day (the period ends at
                   the start of the next day in --tz); an instant is excluded
                   (--from 2026-11-01 --to 2026-11-30 is all of November)
  --by KEYS        grouping, comma-separated; rows are always split by metric. day, week
                   (starting Monday) and month are read in --tz; organization is the
                   ticket's, contract the customer contract that measured the cycle
  --tz ZONE        IANA zone of dates, days, weeks and months (default: UTC)
  --format F       table (default), csv (RFC 4180, seconds) or json ({"rows":[...]})
  --at ISO         evaluate the tickets at this instant (default: the real now); events
                   after it are ignored
  --first-contact  first contact resolution instead: per group, the tickets resolved in the
                   period after an agent reply, those resolved with one reply and no reopen,
                   and their share (docs/semantics.md); --by takes any key but metric
  --tenant ID      report the tenant's stored cycles instead of files: the database of
                   DATABASE_URL, or the embedded one in BREACHLESS_DATA_DIR, as stored by the
                   API, imports and the worker (the same figures the API and /sla stats give)`;

/** `--from` or `--to`, read by core's `periodBound` as the API reads `from=` and `to=`. */
function bound(value: string, flag: 'from' | 'to', zone: string): number {
  const at = periodBound(value, flag, zone);
  if (at === undefined) throw new UsageError(`--${flag}: "${value}" is not ${PERIOD_BOUND_FORMS}`);
  return at;
}

function groupKeys(value: string | undefined): GroupKey[] {
  const { keys, unknown } = readGroupKeys(value);
  if (unknown.length)
    throw new UsageError(`--by: unknown ${unknown.join(', ')} (use ${GROUP_KEYS.join(', ')})`);
  return keys;
}

/** `breachless report`: compliance figures from files or the database, as a table, CSV or JSON. */
export function reportCommand(argv: readonly string[], io: Io): number | Promise<number> {
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
      tenant: { type: 'string' },
      'first-contact': { type: 'boolean' },
    },
    REPORT_USAGE,
  );
  if (flags.help) {
    io.stdout(`${REPORT_USAGE}\n`);
    return 0;
  }
  if (flags.tenant !== undefined && (flags.events !== undefined || flags.config !== undefined))
    throw new UsageError(
      '--tenant reads the database: leave out --config and --events',
      REPORT_USAGE,
    );
  // Every flag is checked before any file is read: a typo costs no parsing.
  const eventsPath =
    flags.tenant === undefined ? required(flags.events, 'events', REPORT_USAGE) : '';
  const zone = zoneFlag(flags.tz);
  const format = flags.format ?? 'table';
  if (format !== 'table' && format !== 'csv' && format !== 'json')
    throw new UsageError(`--format: "${format}" is not table, csv or json`, REPORT_USAGE);
  const from = bound(required(flags.from, 'from', REPORT_USAGE), 'from', zone);
  const to = bound(required(flags.to, 'to', REPORT_USAGE), 'to', zone);
  if (to <= from) throw new UsageError(`--to must be after --from`);
  const by = groupKeys(flags.by);
  const at = atFlag(flags.at, io.now);
  const options = { from, to, by, timezone: zone };
  if (flags['first-contact']) {
    const fcr = { format, at, options: { ...options, by: ticketKeys(by) } } as const;
    const print = (rows: Parameters<typeof printFirstContact>[1]) =>
      printFirstContact(io, rows, fcr);
    if (flags.tenant !== undefined)
      return storedFirstContact(io, flags.tenant, fcr.options).then(print);
    const engine = new Engine(loadConfig(io, configPath(io, flags.config)));
    return print(fileFirstContact(engine, loadEvents(io, eventsPath), fcr));
  }
  const print = (rows: ReportRow[]) => {
    if (format === 'json')
      io.stdout(`${JSON.stringify({ rows: rows.map(reportRowJson) }, null, 2)}\n`);
    else if (format === 'csv') io.stdout(reportCsv(rows, by));
    else io.stdout(`${reportTable(rows, by, { from, to, zone, at })}\n`);
    return 0;
  };
  if (flags.tenant !== undefined) return storedReport(io, flags.tenant, options).then(print);
  const engine = new Engine(loadConfig(io, configPath(io, flags.config)));
  return print(complianceReport(engine.evaluate(loadEvents(io, eventsPath), at), options));
}

/**
 * The report over a tenant's cycles as the database stores them. The database code is loaded
 * here, not with the command: a report on files must not load the drivers.
 */
async function storedReport(io: Io, tenant: string, options: ReportOptions): Promise<ReportRow[]> {
  const [{ complianceRows }, { openServiceDatabase }] = await Promise.all([
    import('@breachless/db'),
    import('../database.js'),
  ]);
  const handle = await openServiceDatabase(io);
  try {
    return await complianceRows(handle.db, tenant, options, {}, io.now());
  } finally {
    await handle.close();
  }
}
