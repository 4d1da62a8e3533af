/**
 * Import of the sample ServiceNow log (141,712 rows) into PostgreSQL through the real
 * `breachless import` command, in its own process: wall time, rows per second and peak
 * memory (`/usr/bin/time`). Then the same log three times over (incident numbers made
 * distinct) to show that memory stays flat as the file grows.
 * Needs TEST_DATABASE_URL (a server where it may create scratch databases).
 * BENCH_QUICK=1: the 1x file only.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import { createScratchDatabase } from '@breachless/db/testing';

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

async function run(file: string, rows: number): Promise<void> {
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
        CLI,
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
    const events = /mapped to (\d+) events/.exec(ran.stdout)?.[1];
    console.log(
      `${rows.toLocaleString('en')} rows -> ${events} events: ${seconds.toFixed(1)} s, ` +
        `${Math.round(rows / seconds).toLocaleString('en')} rows/s, peak RSS ${rss.toFixed(0)} MiB`,
    );
  } finally {
    await drop();
  }
}

console.log(
  'breachless import --format servicenow-csv into PostgreSQL (one process, batches of 2000)',
);
await run(SAMPLE, 141_712);
if (process.env.BENCH_QUICK !== '1') await run(await multiplied(3), 141_712 * 3);
