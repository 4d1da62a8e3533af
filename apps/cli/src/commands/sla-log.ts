import { PERIOD_BOUND_FORMS, periodBound } from '@breachless/core';
// The filter names alone: the module imports nothing, so --help loads no database code.
import { SLA_LOG_FILTERS as FILTERS } from '@breachless/db/sla-log-filters';
import { parseFlags, zoneFlag } from '../args.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

const SLA_LOG_USAGE = `Usage: breachless sla-log --tenant ID [--from DATE|ISO] [--to DATE|ISO] [--tz ZONE]
                        [--format csv|json] [--organization NAME] [--team NAME] ...

One row per SLA cycle of the tenant's stored tickets, started in the period: ticket,
organization, requester, team, agent, priority, policy, contract, metric, cycle, target,
started, due, stopped, breached, outcome, overdue or remaining seconds (docs/formats.md).
Written as it is read, a page at a time: a year of cycles streams in constant memory.
  --tenant ID        the tenant (required)
  --from DATE|ISO    cycles started at or after it (default: all)
  --to DATE|ISO      cycles started before it; a date includes that whole day (default: all)
  --tz ZONE          the zone dates are read in (default UTC)
  --format csv|json  CSV with a header (default), or one JSON array
  --organization, --requester, --team, --agent, --priority, --policy, --contract,
  --metric, --outcome VALUE   only the cycles with that value (outcome: running, paused,
                     achieved, breached or cancelled)
DATABASE_URL or BREACHLESS_DATA_DIR as for migrate.`;

/** The widest period: every instant a stored cycle can start at. */
const ALL = { from: Date.UTC(1970, 0, 1), to: Date.UTC(2200, 0, 1) };

function bound(value: string | undefined, flag: 'from' | 'to', zone: string): number {
  if (value === undefined) return ALL[flag];
  const at = periodBound(value, flag, zone);
  if (at === undefined) throw new UsageError(`--${flag}: "${value}" is not ${PERIOD_BOUND_FORMS}`);
  return at;
}

/** `breachless sla-log`: the tenant's SLA log, streamed to stdout as CSV or JSON. */
export async function slaLogCommand(argv: readonly string[], io: Io): Promise<number> {
  const flags = parseFlags(
    argv,
    {
      tenant: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      tz: { type: 'string' },
      format: { type: 'string' },
      ...(Object.fromEntries(FILTERS.map((name) => [name, { type: 'string' }])) as Record<
        (typeof FILTERS)[number],
        { type: 'string' }
      >),
    },
    SLA_LOG_USAGE,
  );
  if (flags.help) {
    io.stdout(`${SLA_LOG_USAGE}\n`);
    return 0;
  }
  const tenant = flags.tenant;
  if (tenant === undefined || tenant === '')
    throw new UsageError('missing --tenant', SLA_LOG_USAGE);
  const format = flags.format ?? 'csv';
  if (format !== 'csv' && format !== 'json')
    throw new UsageError(`--format: "${format}" is not csv or json`, SLA_LOG_USAGE);
  const zone = zoneFlag(flags.tz);
  const from = bound(flags.from, 'from', zone);
  const to = bound(flags.to, 'to', zone);
  if (to <= from) throw new UsageError('--to must be after --from');
  const filter = { from, to, ...Object.fromEntries(FILTERS.map((name) => [name, flags[name]])) };
  // The database code is loaded here, not with the command list: --help loads no driver.
  const [{ slaLogPages, slaLogText }, { openServiceDatabase }] = await Promise.all([
    import('@breachless/db'),
    import('../database.js'),
  ]);
  const handle = await openServiceDatabase(io);
  try {
    for await (const chunk of slaLogText(slaLogPages(handle.db, tenant, filter), format)) {
      io.stdout(chunk);
      await io.stdoutDrained?.();
    }
    return 0;
  } finally {
    await handle.close();
  }
}
