import { parseArgs } from 'node:util';
import { renderText, slaRequest } from '@breachless/chat';
import { chatQueries, type Database, EngineCache, schema } from '@breachless/db';
import { atFlag, zoneFlag } from '../args.js';
import { openServiceDatabase } from '../database.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

export const SLA_USAGE = `Usage: breachless stats|at-risk|breached|ticket ARGS... [--tenant ID] [--tz ZONE] [--at ISO]

The /sla reports of Slack and Teams, from the database, as text:
  breachless stats 7d by:team                 compliance (today, yesterday, 7d, 30d, mtd, FROM..TO)
  breachless at-risk within:2h team:billing   cycles due soon
  breachless breached yesterday               cycles breached in a period
  breachless ticket INC0000062                a ticket's cycles and why
  --tenant ID   the tenant (default: default; the demo's is demo)
  --tz ZONE     the zone periods and times are read in (default UTC)
  --at ISO      "now" (default: the real clock; a tenant on simulated time, the demo's, its own)
DATABASE_URL or BREACHLESS_DATA_DIR as for migrate. The embedded database is one process's:
while \`npm start\` runs on it, type these commands into its terminal instead.`;

/** `breachless stats ...` and the other `/sla` reports: parsed by the chat grammar, run on the database. */
export async function slaCommand(name: string, argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        args: [...argv],
        options: {
          tenant: { type: 'string' },
          tz: { type: 'string' },
          at: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: true,
      });
    } catch (error) {
      throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments', SLA_USAGE);
    }
  })();
  if (values.help) {
    io.stdout(`${SLA_USAGE}\n`);
    return 0;
  }
  const request = slaRequest([name, ...positionals].join(' '), 'breachless');
  // A mistake is the CLI's usage error (exit 2, usage on stderr), found before the database opens.
  if (!request.parsed.ok) throw new UsageError(request.parsed.error, request.parsed.usage);
  const zone = zoneFlag(values.tz);
  const tenant = values.tenant ?? 'default';
  const handle = await openServiceDatabase(io);
  try {
    const simulated = values.at === undefined ? await simulatedNow(handle.db, tenant) : undefined;
    const now = simulated ?? atFlag(values.at, io.now);
    if (simulated !== undefined)
      io.stderr(
        `Tenant ${tenant} runs on simulated time (the demo): answering at ${new Date(simulated).toISOString()}, its last round. --at ISO answers at another instant.\n`,
      );
    const view = await request.answer(
      { zone, now, canManage: async () => ({ ok: false, why: 'read only' }) },
      chatQueries(handle.db, new EngineCache(), {
        tenant,
        platform: 'cli',
        channel: 'terminal',
        user: 'cli',
      }),
    );
    io.stdout(`${renderText(view)}\n`);
    return view.kind === 'notice' && view.tone === 'error' ? 2 : 0;
  } finally {
    await handle.close();
  }
}

/**
 * Where a tenant on simulated time (the demo) stands: the instant of its last round, saved in
 * the database each round. Undefined for a tenant on real time.
 */
async function simulatedNow(db: Database, tenant: string): Promise<number | undefined> {
  const rows = await db.select().from(schema.simulatedClocks);
  return rows.find((r) => r.tenantId === tenant)?.simAt.getTime();
}
