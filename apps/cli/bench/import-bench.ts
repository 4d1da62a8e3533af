/**
 * Import of the sample ServiceNow log (141,712 rows, 151,843 events) into PostgreSQL through
 * the real `breachless import` command, in its own process: wall time, rows per second and
 * peak memory (`/usr/bin/time`), against its limit measured in the same round: a bare COPY
 * of the same event rows (tenant, id, ticket, type, instant, body) into an unindexed table,
 * the rows made beforehand; and against PostgreSQL's own floor for what the import stores:
 * COPY of the same event rows into `ticket_events` and of the ticket and cycle rows an import
 * stored (read from the first round's import) into `tickets` and `cycles`, the real tables of
 * a fresh migrated database with their indexes and triggers, in one transaction. Besides wall
 * time, the CPU of the PostgreSQL backends (/proc/<pid>/schedstat; for the import, every
 * backend of its database, watched every 50 ms) and the import process's (user + system).
 * Every round checks what the import stored: every event, a ticket row each, and the cycles
 * the core evaluates from the file's events. Then the same log three times over (incident
 * numbers made distinct) to show that memory stays flat as the file grows.
 * Needs TEST_DATABASE_URL (a server where it may create scratch databases).
 * BENCH_QUICK=1: the 1x file, one round. BENCH_ROUNDS=N: rounds of the 1x file (default 5, 1 quick).
 * BENCH_BEFORE=path/to/bin/breachless.js: also that build of the CLI in each round (another
 * checkout's, built), checked the same way, to compare before and after at the same load.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
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
import { noDelay } from '../src/commands/import-socket.js';

const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('import bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}
// The bench's own COPYs as the import sends its own: the end of each sent at once, not after
// the server's delayed acknowledgement (about 40 ms a COPY; see import-socket.ts).
noDelay();
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
      `default\t${field(e.id)}\t${field(e.ticket)}\t${field(e.type)}\t${at}\t${field(JSON.stringify({ ...e, at }))}\n`,
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

/** Nanoseconds a process has run on a CPU (the first field of /proc/<pid>/schedstat), or NaN. */
function cpuNs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return Number.NaN;
  }
}

/**
 * Watches the CPU of every PostgreSQL backend connected to `database` (found in /proc by
 * its command line every 50 ms) from now until `stop`: the seconds they ran, backends that
 * were already there counted from now. A backend's last 50 ms before it exits may be missed;
 * the import's are idle by then (their work ends with the last commit).
 */
function watchBackends(database: string): { stop: () => number } {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let started = false;
  const tick = () => {
    for (const name of readdirSync('/proc')) {
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      let cmd: string;
      try {
        cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (!cmd.startsWith('postgres: ') || !cmd.includes(` ${database} `)) continue;
      const ns = cpuNs(pid);
      if (Number.isNaN(ns)) continue;
      if (!first.has(pid)) first.set(pid, started ? 0 : ns);
      last.set(pid, ns);
    }
    started = true;
  };
  tick();
  const timer = setInterval(tick, 50);
  return {
    stop: () => {
      clearInterval(timer);
      tick();
      let ns = 0;
      for (const [pid, at] of last) ns += at - (first.get(pid) ?? 0);
      return ns / 1e9;
    },
  };
}

/** Wall and PostgreSQL backend CPU seconds of a measured step. */
interface Timed {
  readonly seconds: number;
  /** CPU seconds of the PostgreSQL backends doing the work. */
  readonly pg: number;
}

/** COPYs in one transaction, in order: their wall time and their backend's CPU. */
async function timedCopies(
  client: postgres.Sql,
  copies: readonly (readonly [statement: string, chunks: readonly string[]])[],
): Promise<Timed> {
  let pid = 0;
  let cpu = 0;
  let start = 0;
  await client.begin(async (tx) => {
    [{ pid }] = (await tx`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
    cpu = cpuNs(pid);
    start = performance.now();
    for (const [statement, chunks] of copies)
      await pipeline(Readable.from(chunks), await tx.unsafe(statement).writable());
  });
  return { seconds: (performance.now() - start) / 1000, pg: (cpuNs(pid) - cpu) / 1e9 };
}

/** A bare COPY of the rows into an unindexed table, on a fresh database. */
async function bareCopy(chunks: readonly string[], events: number): Promise<Timed> {
  const { url, drop } = await createScratchDatabase(base as string);
  const h = await openDatabase({ databaseUrl: url });
  try {
    // The postgres.js client behind drizzle: the bench writes COPY's stream itself.
    const client = (h.db as unknown as { $client: postgres.Sql }).$client;
    await client`create table bare (tenant_id text, id text, ticket_id text, type text, at timestamptz, body jsonb)`;
    const timed = await timedCopies(client, [['copy bare from stdin', chunks]]);
    const [row] = await client`select count(*)::int as n from bare`;
    if (row?.n !== events) throw new Error(`bare COPY stored ${row?.n} rows of ${events}`);
    return timed;
  } finally {
    await h.close();
    await drop();
  }
}

/** The ticket and cycle rows an import stored, as COPY text with their column lists. */
interface StoredRows {
  readonly tickets: { columns: string; chunks: string[] };
  readonly cycles: { columns: string; chunks: string[] };
  readonly counts: { tickets: number; cycles: number };
}

/**
 * Read as text values, each written as a COPY field here: a `copy ... to stdout` stream of
 * postgres.js stalled for good now and then (PostgreSQL waiting to write, the stream paused).
 */
async function storedRows(url: string): Promise<StoredRows> {
  const h = await openDatabase({ databaseUrl: url });
  try {
    const client = (h.db as unknown as { $client: postgres.Sql }).$client;
    const field = (v: string | null) =>
      v === null
        ? '\\N'
        : v.replace(/[\\\t\n\r]/g, (c) =>
            c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
          );
    const read = async (table: string) => {
      const names = (
        await client`select column_name as name from information_schema.columns
          where table_schema = 'public' and table_name = ${table} order by ordinal_position`
      ).map((r) => r.name as string);
      const rows = await client
        .unsafe(`select ${names.map((n) => `${n}::text`).join(', ')} from ${table}`)
        .values();
      const chunks: string[] = [];
      for (let i = 0; i < rows.length; i += 500)
        chunks.push(
          rows
            .slice(i, i + 500)
            .map((r) => `${(r as (string | null)[]).map(field).join('\t')}\n`)
            .join(''),
        );
      return { columns: names.join(', '), chunks, count: rows.length };
    };
    const tickets = await read('tickets');
    const cycles = await read('cycles');
    return {
      tickets,
      cycles,
      counts: { tickets: tickets.count, cycles: cycles.count },
    };
  } finally {
    await h.close();
  }
}

/**
 * PostgreSQL's own floor for what the import stores: in one transaction on a fresh migrated
 * database (the real tables, their indexes and triggers), COPY of the same event rows into
 * `ticket_events` and of the ticket and cycle rows an import stored (made beforehand) into
 * `tickets` and `cycles`. Each row written once, no statement but the COPYs.
 */
async function floorCopy(
  chunks: readonly string[],
  events: number,
  rows: StoredRows,
): Promise<Timed> {
  const { url, drop } = await createScratchDatabase(base as string);
  execFileSync('node', [CLI, 'migrate'], { env: { ...process.env, DATABASE_URL: url } });
  const h = await openDatabase({ databaseUrl: url });
  try {
    const client = (h.db as unknown as { $client: postgres.Sql }).$client;
    const timed = await timedCopies(client, [
      [`copy tickets (${rows.tickets.columns}) from stdin`, rows.tickets.chunks],
      ['copy ticket_events (tenant_id, id, ticket_id, type, at, body) from stdin', chunks],
      [`copy cycles (${rows.cycles.columns}) from stdin`, rows.cycles.chunks],
    ]);
    const [row] = await client`select (select count(*)::int from ticket_events) as events,
      (select count(*)::int from tickets) as tickets, (select count(*)::int from cycles) as cycles`;
    if (
      row?.events !== events ||
      row.tickets !== rows.counts.tickets ||
      row.cycles !== rows.counts.cycles
    )
      throw new Error(`the floor's COPY stored ${JSON.stringify(row)}`);
    return timed;
  } finally {
    await h.close();
    await drop();
  }
}

interface Imported extends Timed {
  readonly rss: number;
  /** User and system CPU seconds of the import's process. */
  readonly cli: number;
}

/**
 * Runs `breachless import` on a fresh database; checks it stored `events` events (and the
 * cycles `expected` gives). `keep` reads the database before it is dropped.
 */
async function run(
  file: string,
  events: number,
  expected?: (db: Database) => Promise<string[]>,
  cli = CLI,
  keep?: (url: string) => Promise<void>,
): Promise<Imported> {
  const { url, drop } = await createScratchDatabase(base as string);
  try {
    const env = { ...process.env, DATABASE_URL: url };
    execFileSync('node', [CLI, 'migrate'], { env });
    // The database's name is the URL's path, percent-decoded (it is not a file path).
    const watch = watchBackends(decodeURIComponent(new URL(url).pathname.slice(1)));
    const start = performance.now();
    const child = spawn(
      '/usr/bin/time',
      [
        '-f',
        'peak-rss-kb %M user %U sys %S',
        'node',
        cli,
        'import',
        file,
        '--format',
        'servicenow-csv',
        '--config',
        config,
      ],
      { env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const seconds = (performance.now() - start) / 1000;
    const pg = watch.stop();
    if (status !== 0) throw new Error(`import failed: ${stderr}`);
    const time = /peak-rss-kb (\d+) user ([\d.]+) sys ([\d.]+)/.exec(stderr);
    const rss = Number(time?.[1]) / 1024;
    await checkStored(url, events, expected);
    await keep?.(url);
    return { seconds, rss, pg, cli: Number(time?.[2]) + Number(time?.[3]) };
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
    `against a bare COPY of its ${events.toLocaleString('en')} event rows into an unindexed table, ` +
    `and against PostgreSQL's floor: COPY of the same event rows, and of the ticket and cycle ` +
    `rows the import stores, into the real tables with their indexes; ${rounds} rounds. ` +
    `pg: CPU of the PostgreSQL backends; cli: the import process's user + system CPU`,
);
const before = process.env.BENCH_BEFORE;
const copies: Timed[] = [];
const floors: Timed[] = [];
const imports: Imported[] = [];
const befores: Imported[] = [];
let stored: StoredRows | undefined;
const s = (x: number) => `${x.toFixed(2)} s`;
const describe = (i: Imported, c: Timed, f: Timed) =>
  `${s(i.seconds)} (${(i.seconds / c.seconds).toFixed(2)}x the bare COPY, ` +
  `${(i.seconds / f.seconds).toFixed(2)}x the floor), pg ${s(i.pg)}, cli ${s(i.cli)}, ` +
  `peak RSS ${i.rss.toFixed(0)} MiB`;
for (let r = 0; r < rounds; r++) {
  const c = await bareCopy(chunks, events);
  copies.push(c);
  const b = before ? await run(SAMPLE, events, cycles, before) : undefined;
  const i = await run(SAMPLE, events, cycles, CLI, async (url) => {
    stored ??= await storedRows(url);
  });
  imports.push(i);
  const f = await floorCopy(chunks, events, stored as StoredRows);
  floors.push(f);
  console.log(
    `  round ${r + 1}: bare COPY ${s(c.seconds)} (pg ${s(c.pg)}), floor ${s(f.seconds)} ` +
      `(${(f.seconds / c.seconds).toFixed(2)}x the bare COPY, pg ${s(f.pg)})`,
  );
  if (b) {
    befores.push(b);
    console.log(`    before: import ${describe(b, c, f)}`);
  }
  console.log(`    ${before ? 'after:  ' : ''}import ${describe(i, c, f)}`);
}
const m = (xs: readonly Timed[], key: 'seconds' | 'pg' = 'seconds') =>
  median(xs.map((x) => x[key]));
const ratio = (xs: readonly Timed[], of: readonly Timed[]) =>
  median(xs.map((x, k) => x.seconds / (of[k]?.seconds ?? Number.NaN)));
const summary = (name: string, xs: readonly Imported[]) =>
  `${name} ${s(m(xs))} (${Math.round(141_712 / m(xs)).toLocaleString('en')} rows/s), ` +
  `${ratio(xs, copies).toFixed(2)}x the bare COPY, ${ratio(xs, floors).toFixed(2)}x the floor, ` +
  `pg ${s(m(xs, 'pg'))}, cli ${s(median(xs.map((x) => x.cli)))}, ` +
  `peak RSS ${median(xs.map((x) => x.rss)).toFixed(0)} MiB`;
console.log(
  `141,712 rows -> ${events.toLocaleString('en')} events, medians: bare COPY ${s(m(copies))} ` +
    `(pg ${s(m(copies, 'pg'))}), floor ${s(m(floors))} (pg ${s(m(floors, 'pg'))}, ` +
    `${ratio(floors, copies).toFixed(2)}x the bare COPY)`,
);
if (befores.length > 0) console.log(`  ${summary('before: import', befores)}`);
console.log(`  ${summary(before ? 'after: import' : 'import', imports)}`);
const limit = ratio(floors, copies);
console.log(
  limit > 3
    ? `  the limit: PostgreSQL alone takes ${limit.toFixed(2)}x the bare COPY to store these rows ` +
        `with their indexes, so the import cannot come within 3x of the bare COPY; read it against the floor`
    : `  PostgreSQL alone takes ${limit.toFixed(2)}x the bare COPY to store these rows with their indexes`,
);
if (!quick) {
  const file = await multiplied(3);
  const x3 = await run(file, events * 3);
  console.log(
    `${(141_712 * 3).toLocaleString('en')} rows (the log 3x) -> ${(events * 3).toLocaleString('en')} events: ${x3.seconds.toFixed(1)} s, peak RSS ${x3.rss.toFixed(0)} MiB`,
  );
}
