import { ConfigError } from '@breachless/core';
import {
  currentConfig,
  type Database,
  EngineCache,
  recomputeTenant,
  type TenantRecompute,
} from '@breachless/db';
import { parseFlags, required } from '../args.js';
import { describeDatabase, openServiceDatabase } from '../database.js';
import { UsageError } from '../errors.js';
import { progressReporter } from '../format/progress.js';
import type { Io } from '../io.js';

const RECOMPUTE_USAGE = `Usage: breachless recompute --tenant ID [--batch N]

Recomputes every ticket of the tenant, closed ones included, under its current config, so
history and reports follow the config in force (saving a config through the API recomputes
open tickets only). Runs in batches, each committed on its own: meanwhile reports show each
ticket's cycles as they were until its batch commits. Shows progress on stderr and ends with
a summary; a ticket whose recompute fails is quarantined (breachless doctor lists them) and
the others go on. History sends no notifications.
  --tenant ID    whose tickets
  --batch N      tickets per transaction (default 500)`;

/** `breachless recompute`. */
export async function recomputeCommand(argv: readonly string[], io: Io): Promise<number> {
  const flags = parseFlags(
    argv,
    { tenant: { type: 'string' }, batch: { type: 'string' } },
    RECOMPUTE_USAGE,
  );
  if (flags.help) {
    io.stdout(`${RECOMPUTE_USAGE}\n`);
    return 0;
  }
  const tenant = required(flags.tenant, 'tenant', RECOMPUTE_USAGE);
  const batchSize = batchFlag(flags.batch, 500);
  const handle = await openServiceDatabase(io);
  try {
    await checkConfig(handle.db, tenant);
    const result = await recomputeWithProgress(handle.db, tenant, io, batchSize);
    io.stdout(`${recomputeSummary(tenant, describeDatabase(io), result)}\n`);
    return 0;
  } finally {
    await handle.close();
  }
}

/**
 * Refuses to start without a config that builds: recomputing would compute no cycle, or
 * quarantine every ticket of the tenant with the same config error.
 */
async function checkConfig(db: Database, tenant: string): Promise<void> {
  const fix = `Save one first:\n  ${configSetCommand(tenant)}`;
  try {
    if ((await currentConfig(db, tenant)) === undefined)
      throw new UsageError(`tenant ${tenant} has no config: nothing to recompute with. ${fix}`);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new UsageError(
      `the stored config of tenant ${tenant} is refused by this version: ${error.message}\n${fix}`,
    );
  }
}

/** The command that gives a tenant its config, as printed to users (a file of their own). */
const configSetCommand = (tenant: string) => `npx breachless config set --tenant ${tenant} FILE`;

/** A `--batch` value: a positive whole number. */
export function batchFlag(value: string | undefined, fallback: number): number {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--batch: "${value}" is not a positive whole number`);
  return n;
}

/**
 * Recomputes every ticket of the tenant under its current config (recomputeTenant), with the
 * import's progress line on stderr: the share is of the tickets there were at the start.
 */
export async function recomputeWithProgress(
  db: Database,
  tenant: string,
  io: Io,
  batchSize = 500,
): Promise<TenantRecompute> {
  let total = 0;
  const progress = progressReporter(io.stderr, Boolean(io.stderrIsTerminal), 1);
  const result = await recomputeTenant(db, tenant, new EngineCache(), io.now(), {
    batchSize,
    onProgress: (p) => {
      total = p.total;
      // Tickets created meanwhile are recomputed too: the share may pass the start's total.
      progress.update(p.done / Math.max(1, p.total), counts(p.done, p.total, p.quarantined));
    },
  });
  progress.finish(
    counts(result.tickets + result.quarantined.length, total, result.quarantined.length),
  );
  return result;
}

const counts = (done: number, total: number, quarantined: number) =>
  `${done} of ${total} tickets recomputed, ${quarantined} quarantined`;

/** The closing lines of a recompute, for stdout. */
export function recomputeSummary(tenant: string, where: string, r: TenantRecompute): string {
  return [
    `recomputed tenant ${tenant} in ${where}`,
    `  tickets recomputed ${r.tickets}, cycles ${r.cycles}, quarantined ${r.quarantined.length}`,
    ...r.quarantined
      .slice(0, 20)
      .map((f) => `  quarantined ticket ${f.ticket}: ${f.message} (breachless doctor lists them)`),
    ...(r.quarantined.length > 20 ? [`  ... and ${r.quarantined.length - 20} more`] : []),
  ].join('\n');
}
