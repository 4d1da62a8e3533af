import { ConnectorError, IMPORT_FORMATS, isImportFormat, openImport } from '@breachless/connectors';
import { readConfigDocument } from '@breachless/core';
import {
  configVersion,
  currentConfigVersion,
  type Database,
  EngineCache,
  type ImportProgress,
  importEvents,
  rowsOf,
  saveConfig,
} from '@breachless/db';
import { sql } from 'drizzle-orm';
import { parseFlags, required } from '../args.js';
import { describeDatabase, openServiceDatabase } from '../database.js';
import { UsageError } from '../errors.js';
import { progressReporter } from '../format/progress.js';
import { type Io, readUserFile } from '../io.js';
import { heapBound, IMPORT_HEAP_BYTES } from './import-heap.js';
import { noDelay } from './import-socket.js';
import { importSummary, noConfigWarning, sameBody } from './import-summary.js';
import { recomputeSummary, recomputeWithProgress } from './recompute.js';

const IMPORT_USAGE = `Usage: breachless import FILE --format ndjson|servicenow-csv|zendesk-json [options]

Streams ticket events from a file of any size (.gz read as it streams) into the database in
batches, recomputing the tickets' cycles; running it twice changes nothing (events are known
by id). Shows progress on stderr and ends with a summary: events, tickets, duplicates,
records skipped on purpose, and rejected records with reasons. An import is history: it
sends no notifications.
  --format ndjson           one event per line, as in formats.md
  --format servicenow-csv   a ServiceNow incident event log (data/README.md)
  --format zendesk-json     Zendesk ticket audits, one audit or page of audits per line;
                            ids mapped through the config's connectors.zendesk
  --tenant ID               whose data (default: default)
  --config FILE             store this config as the tenant's current one first; when it
                            changes the config of a tenant with tickets, every ticket is
                            then recomputed under it (breachless recompute)
  --tz ZONE                 servicenow-csv: the zone of its wall-clock dates (default UTC)
  --batch N                 events per transaction (default 5000; two are in flight)`;

/** `breachless import`. */
export async function importCommand(argv: readonly string[], io: Io): Promise<number> {
  // The file comes first: `breachless import FILE --format ndjson`.
  const file = argv[0]?.startsWith('-') ? undefined : argv[0];
  const flags = parseFlags(
    file === undefined ? argv : argv.slice(1),
    {
      format: { type: 'string' },
      tenant: { type: 'string' },
      config: { type: 'string' },
      tz: { type: 'string' },
      batch: { type: 'string' },
    },
    IMPORT_USAGE,
  );
  if (flags.help) {
    io.stdout(`${IMPORT_USAGE}\n`);
    return 0;
  }
  const path = required(file, 'FILE', IMPORT_USAGE);
  const format = required(flags.format, 'format', IMPORT_USAGE);
  if (!isImportFormat(format))
    throw new UsageError(
      `--format: "${format}" is not supported here; use ${IMPORT_FORMATS.join(', ')}`,
      IMPORT_USAGE,
    );
  const batchSize = Number(flags.batch ?? 5_000);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new UsageError(`--batch: "${flags.batch}" is not a positive whole number`);
  const config =
    flags.config === undefined
      ? undefined
      : readConfigDocument(readUserFile(io, flags.config, 'config file'));
  const tenant = flags.tenant ?? 'default';
  // Before the database's connections are opened: each COPY's end is sent at once.
  noDelay();
  const handle = await openServiceDatabase(io);
  try {
    // Read raw, not parsed: a stored config this version refuses is replaced, not a failure.
    const previous = await configVersion(
      handle.db,
      tenant,
      await currentConfigVersion(handle.db, tenant),
    );
    // The same config again is no new version: a rerun of an import changes nothing.
    const changed = config !== undefined && !(previous && sameBody(previous.body, config));
    if (changed) await saveConfig(handle.db, tenant, config, `import:${flags.config}`);
    // Tickets stored before were computed under another config (or none): they follow it after.
    const stale = changed && (await hasTickets(handle.db, tenant));
    const unconfigured = config === undefined && previous === undefined;
    const warning = unconfigured ? noConfigWarning(tenant, format) : '';
    io.stderr(warning);
    // The engine carries the tenant's current config, connector mappings included.
    const engine = await new EngineCache().engineFor(handle.db, tenant);
    const zendesk = engine.config.connectors.zendesk;
    const source = await asUsage(() =>
      openImport(path, format, {
        ...(flags.tz ? { timezone: flags.tz } : {}),
        ...(zendesk ? { zendesk } : {}),
      }),
    );
    const progress = progressReporter(
      io.stderr,
      Boolean(io.stderrIsTerminal),
      source.progress().totalBytes ?? 0,
    );
    // Memory flat and bounded whatever the file's size: collected between batches.
    const bound = heapBound(IMPORT_HEAP_BYTES);
    const summary = await asUsage(() =>
      importEvents(handle.db, tenant, source, engine, io.now(), {
        batchSize,
        onProgress: (p) => {
          bound();
          progress.update(source.progress().bytesRead, counts(p));
        },
      }),
    );
    progress.finish(counts(summary));
    const where = describeDatabase(io);
    const header = `imported ${path} (${format}) into ${where}, tenant ${tenant}`;
    const lines = [header, ...importSummary(summary, source.stats(), !unconfigured)];
    if (stale) {
      io.stderr(`the config changed: recomputing every ticket of tenant ${tenant}\n`);
      lines.push(
        recomputeSummary(tenant, where, await recomputeWithProgress(handle.db, tenant, io)),
      );
    }
    // Said again after the progress lines, where it is seen.
    io.stderr(warning);
    io.stdout(`${lines.join('\n')}\n`);
    return summary.rejected > 0 ? 2 : 0;
  } finally {
    await handle.close();
  }
}

/** Whether the tenant has any ticket yet. */
async function hasTickets(db: Database, tenant: string): Promise<boolean> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from (select 1 from tickets where tenant_id = ${tenant} limit 1) t`,
    ),
  );
  return (rows[0]?.n ?? 0) > 0;
}

const counts = (p: ImportProgress) =>
  `${p.accepted} new, ${p.duplicates} duplicates, ${p.rejected} rejected`;

// A file the connector cannot read at all (no such file, a CSV header lacking columns, an
// unknown zone) is bad input: exit 2 with the connector's reasons, not a failure.
async function asUsage<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConnectorError)
      throw new UsageError(
        `${error.message}\n(batches stored before this stay; a rerun skips them as duplicates)`,
      );
    throw error;
  }
}
