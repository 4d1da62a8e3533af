/**
 * Import of the sample ServiceNow log (141,712 rows, 151,843 events) into PostgreSQL through
 * the real `breachless import` command, in its own process: wall time, rows per second and
 * peak memory (`/usr/bin/time`), against its limit measured in the same round: a bare COPY
 * of the same event rows (tenant, id, ticket, type, instant, body) into an unindexed table,
 * the rows made beforehand. Every round checks what the import stored: every event, a
 * ticket row each, and the cycles the core evaluates from the file's events. Then the same log three times over (incident numbers made distinct) to show
 * that memory stays flat as the file grows.
 * Needs TEST_DATABASE_URL (a server where it may create scratch databases).
 * BENCH_QUICK=1: the 1x file, one round. BENCH_ROUNDS=N: rounds of the 1x file (default 5, 1 quick).
 * BENCH_BEFORE=path/to/bin/breachless.js: also that build of the CLI in each round (another
 * checkout's, built), checked the same way, to compare before and after at the same load.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import { openImport } from '@breachless/connectors';
import type { TicketEvent } from '@breachless/core';
import { type Database, EngineCache, openDatabase, rowsOf } from '@breachless/db';
import { assertSameCycles, createScratchDatabase, storedCycles } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';

const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('import bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}
const SAMPLE = fileURLToPath(new URL('../../../data/incident_event_log.csv.gz', import.meta.url));
const CLI = fileURLToPath(new URL('../bin/breachless.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
const config = join(dir, 'breachless.config.yaml');
writeFileSync(
  config,
  `calendars:
  - id: support
    timezone: UTC
    hours: { mon: [["08:00","18:00"]], tue: [["08:00","18:00"]], wed: [["08:00","18:00"]], thu: [["08:00","18:00"]], fri: [["08:00","18:00"]] }
policies:
  - id: critical
    when: { field: priority, eq: urgent }
    calendar: 24x7
    targets: { first_response: { "*": 1h }, resolution: { "*": 8h } }
    warnings: ["75%"]
  - id: standard
    calendar: support
    targets: { first_response: { high: 4h, "*": 8h }, resolution: { high: 2d, "*": 5d } }
    warnings: ["75%", "90%"]
`,
);

/** The sample `copies` times over, each copy's incident numbers suffixed so they are new. */
async function multiplied(copies: number): Promise<string> {
  const path = join(dir, `incidents-x${copies}.csv.gz`);
  const out = createGzip();
  const done = pipeline(out, createWriteStream(path));
  for (let copy = 1; copy <= copies; copy++) {
    let header = true;
    for await (const line of createInterface({
      input: createReadStream(SAMPLE).pipe(createGunzip()),
    })) {
      if (header) {
        header = false;
        if (copy === 1) out.write(`${line}\n`);
        continue;
      }
      out.write(copy === 1 ? `${line}\n` : `${line.replace(/^(INC\d+)/, `$1-${copy}`)}\n`);
    }
  }
  out.end();
  await done;
  return path;
}

/**
 * The COPY text of every event the file maps to, as the import stores them, and each
 * cycle the core evaluates from those events (cycleKeys).
 */
async function copyRows(
  file: string,
): Promise<{ chunks: string[]; events: number; cycles: (db: Database) => Promise<string[]> }> {
  const all: TicketEvent[] = [];
  const field = (v: string) =>
    v.replace(/[\\\t\n\r]/g, (c) =>
      c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
    );
  const chunks: string[] = [];
  let lines: string[] = [];
  let events = 0;
  for await (const item of await openImport(file, 'servicenow-csv', {})) {
    if (!('event' in item)) continue;
    const e = item.event;
    all.push(e);
    const at = new Date(e.at).toISOString();
    lines.push(
      `bench\t${field(e.id)}\t${field(e.ticket)}\t${field(e.type)}\t${at}\t${field(JSON.stringify({ ...e, at }))}\n`,
    );
    events++;
    if (lines.length === 500) {
      chunks.push(lines.join(''));
      lines = [];
    }
  }
  chunks.push(lines.join(''));
  // Under the config the import stored, at the instant it evaluated at.
  const cycles = async (db: Database) => {
    const engine = await new EngineCache().engineFor(db, 'default');
    const [at] = rowsOf<{ ms: string }>(
      await db.execute(
        sql`select (extract(epoch from max(evaluated_at)) * 1000)::bigint as ms from tickets`,
      ),
    );
    return engine
      .evaluate(all, Number(at?.ms))
      .flatMap((t) =>
        t.cycles.map((c) =>
          cycleKey(t.ticket, c.metric, c.cycle, c.status, c.startedAt, c.stoppedAt, c.dueAt),
        ),
      )
      .sort();
  };
  return { chunks, events, cycles };
}

/**
 * A cycle as the bench compares it: what does not depend on the instant it was evaluated
 * at (the log is years old: a cycle still running breached long ago), but a paused cycle's
 * due instant, which moves with the clock.
 */
function cycleKey(
  ...parts: [string, string, number, string, number, number | null, number | null]
) {
  const [ticket, metric, cycle, status, started, stopped, due] = parts;
  return [ticket, metric, cycle, status, started, stopped, status === 'paused' ? '' : due].join(
    '|',
  );
}

/** Seconds a bare COPY of the rows into an unindexed table takes, on a fresh database. */
async function bareCopy(chunks: readonly string[], events: number): Promise<number> {
  const { url, drop } = await createScratchDatabase(base as string);
  const h = await openDatabase({ databaseUrl: url });
  try {
    // The postgres.js client behind drizzle: the bench writes COPY's stream itself.
    const client = (h.db as unknown as { $client: postgres.Sql }).$client;
    await client`create table bare (tenant_id text, id text, ticket_id text, type text, at timestamptz, body jsonb)`;
    const start = performance.now();
    const writable = await client`copy bare from stdin`.writable();
    await pipeline(Readable.from(chunks), writable);
    const seconds = (performance.now() - start) / 1000;
    const [row] = await client`select count(*)::int as n from bare`;
    if (row?.n !== events) throw new Error(`bare COPY stored ${row?.n} rows of ${events}`);
    return seconds;
  } finally {
    await h.close();
    await drop();
  }
}

interface Imported {
  readonly seconds: number;
  readonly rss: number;
}

/** Runs `breachless import` on a fresh database; checks it stored `events` events. */
async function run(
  file: string,
  events: number,
  expected?: (db: Database) => Promise<string[]>,
  cli = CLI,
): Promise<Imported> {
  const { url, drop } = await createScratchDatabase(base as string);
  try {
    const env = { ...process.env, DATABASE_URL: url };
    execFileSync('node', [CLI, 'migrate'], { env });
    const start = performance.now();
    const ran = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        'peak-rss-kb %M',
        'node',
        cli,
        'import',
        file,
        '--format',
        'servicenow-csv',
        '--config',
        config,
      ],
      { env, encoding: 'utf8' },
    );
    const seconds = (performance.now() - start) / 1000;
    if (ran.status !== 0) throw new Error(`import failed: ${ran.stderr}`);
    const rss = Number(/peak-rss-kb (\d+)/.exec(ran.stderr)?.[1]) / 1024;
    await checkStored(url, events, expected);
    return { seconds, rss };
  } finally {
    await drop();
  }
}

/**
 * Fails the bench unless the import stored every event, a ticket row each, and the cycles
 * the core evaluates from the file's events (`expected`, when given).
 */
async function checkStored(
  url: string,
  events: number,
  expected?: (db: Database) => Promise<string[]>,
): Promise<void> {
  const h = await openDatabase({ databaseUrl: url });
  try {
    const [row] = rowsOf<{ events: number; tickets: number; cycles: number; bare: number }>(
      await h.db.execute(sql`
        select (select count(*)::int from ticket_events) as events,
          (select count(*)::int from tickets) as tickets,
          (select count(*)::int from cycles) as cycles,
          (select count(distinct ticket_id)::int from ticket_events) as bare`),
    );
    if (row?.events !== events || row.tickets !== row.bare || row.cycles < row.tickets)
      throw new Error(`the import stored ${JSON.stringify(row)} for ${events} events`);
    if (!expected) return;
    const want = await expected(h.db);
    const got = (await storedCycles(h.db))
      .map((c) =>
        cycleKey(c.ticket, c.metric, c.cycle, c.status, c.startedAt, c.stoppedAt, c.dueAt),
      )
      .sort();
    assertSameCycles('the import', want, got);
  } finally {
    await h.close();
  }
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;
const quick = process.env.BENCH_QUICK === '1';
const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 5));
const { chunks, events, cycles } = await copyRows(SAMPLE);
console.log(
  `breachless import --format servicenow-csv into PostgreSQL (one process, batches of 5,000) ` +
    `against a bare COPY of its ${events.toLocaleString('en')} event rows; ${rounds} rounds`,
);
const before = process.env.BENCH_BEFORE;
const copies: number[] = [];
const imports: Imported[] = [];
for (let r = 0; r < rounds; r++) {
  copies.push(await bareCopy(chunks, events));
  const c = copies.at(-1) ?? 0;
  if (before) {
    const b = await run(SAMPLE, events, cycles, before);
    console.log(
      `  round ${r + 1}: before: import ${b.seconds.toFixed(2)} s (${(b.seconds / c).toFixed(2)}x), peak RSS ${b.rss.toFixed(0)} MiB`,
    );
  }
  imports.push(await run(SAMPLE, events, cycles));
  const i = imports.at(-1) as Imported;
  console.log(
    `  round ${r + 1}: bare COPY ${c.toFixed(2)} s, import ${i.seconds.toFixed(2)} s ` +
      `(${(i.seconds / c).toFixed(2)}x), peak RSS ${i.rss.toFixed(0)} MiB`,
  );
}
const ratios = imports.map((i, k) => i.seconds / (copies[k] ?? Number.NaN));
console.log(
  `141,712 rows -> ${events.toLocaleString('en')} events, medians: bare COPY ${median(copies).toFixed(2)} s, ` +
    `import ${median(imports.map((i) => i.seconds)).toFixed(2)} s ` +
    `(${Math.round(141_712 / median(imports.map((i) => i.seconds))).toLocaleString('en')} rows/s), ` +
    `import / COPY ${median(ratios).toFixed(2)}x, peak RSS ${median(imports.map((i) => i.rss)).toFixed(0)} MiB`,
);
if (!quick) {
  const file = await multiplied(3);
  const x3 = await run(file, events * 3);
  console.log(
    `${(141_712 * 3).toLocaleString('en')} rows (the log 3x) -> ${(events * 3).toLocaleString('en')} events: ${x3.seconds.toFixed(1)} s, peak RSS ${x3.rss.toFixed(0)} MiB`,
  );
}
