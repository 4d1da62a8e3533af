import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { checkEvent, readConfigDocument } from '@breachless/core';
import { EngineCache, type ImportItem, importEvents, saveConfig } from '@breachless/db';
import { parseFlags, required } from '../args.js';
import { describeDatabase, openServiceDatabase } from '../database.js';
import { UsageError } from '../errors.js';
import { progressReporter } from '../format/progress.js';
import { type Io, readUserFile } from '../io.js';

export const IMPORT_USAGE = `Usage: breachless import FILE --format ndjson [--tenant ID] [--config FILE] [--batch N]

Streams ticket events from a file of any size into the database in batches, recomputing the
tickets' cycles; running it twice changes nothing (events are known by id). Shows progress on
stderr and ends with a summary: events, tickets, duplicates, and rejected lines with reasons.
An import is history: it sends no notifications.
  --format ndjson   one event per line, as in formats.md
  --tenant ID       whose data (default: default)
  --config FILE     store this config as the tenant's current one first
  --batch N         events per transaction (default 2000)`;

async function* ndjsonItems(
  path: string,
  onBytes: (n: number) => void,
): AsyncGenerator<ImportItem> {
  const stream = createReadStream(path);
  stream.on('data', (chunk) => onBytes(chunk.length));
  let line = 0;
  for await (const text of createInterface({
    input: stream,
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { line, problems: [{ path: '(line)', message: 'not valid JSON' }] };
      continue;
    }
    const checked = checkEvent(value);
    yield 'event' in checked ? { event: checked.event } : { line, problems: checked.problems };
  }
}

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
      batch: { type: 'string' },
    },
    IMPORT_USAGE,
  );
  if (flags.help) {
    io.stdout(`${IMPORT_USAGE}\n`);
    return 0;
  }
  const path = required(file, 'FILE', IMPORT_USAGE);
  if (required(flags.format, 'format', IMPORT_USAGE) !== 'ndjson')
    throw new UsageError(
      `--format: "${flags.format}" is not supported here; use ndjson`,
      IMPORT_USAGE,
    );
  const batchSize = Number(flags.batch ?? 2000);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new UsageError(`--batch: "${flags.batch}" is not a positive whole number`);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new UsageError(`cannot read ${path}: no such file`);
  }
  const config =
    flags.config === undefined
      ? undefined
      : readConfigDocument(readUserFile(io, flags.config, 'config file'));
  const tenant = flags.tenant ?? 'default';
  const handle = await openServiceDatabase(io);
  try {
    if (config !== undefined) await saveConfig(handle.db, tenant, config, `import:${flags.config}`);
    const engine = await new EngineCache().engineFor(handle.db, tenant);
    let bytes = 0;
    const progress = progressReporter(io.stderr, Boolean(io.stderrIsTerminal), size);
    const summary = await importEvents(
      handle.db,
      tenant,
      ndjsonItems(path, (n) => (bytes += n)),
      engine,
      io.now(),
      {
        batchSize,
        onProgress: (p) =>
          progress.update(
            bytes,
            `${p.accepted} new, ${p.duplicates} duplicates, ${p.rejected} rejected`,
          ),
      },
    );
    progress.finish();
    const lines = [
      `imported ${path} into ${describeDatabase(io)}, tenant ${tenant}`,
      `  events read ${summary.read}: ${summary.accepted} new, ${summary.duplicates} duplicates (already known), ${summary.rejected} rejected`,
      `  tickets recomputed ${summary.tickets}`,
      ...summary.rejections.map(
        (r) =>
          `  rejected line ${r.line}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      ),
      ...(summary.rejected > summary.rejections.length
        ? [`  ... and ${summary.rejected - summary.rejections.length} more rejected lines`]
        : []),
    ];
    io.stdout(`${lines.join('\n')}\n`);
    return summary.rejected > 0 ? 2 : 0;
  } finally {
    await handle.close();
  }
}
