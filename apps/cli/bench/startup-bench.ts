/**
 * The `breachless` command as users run it (`node apps/cli/bin/breachless.js ...`), whole
 * process: median wall time and peak RSS (`/usr/bin/time`), beside `node -e 0` measured in the
 * same rounds, so the ratios hold on a busy machine. Then `calendar due --cases` on 100,000
 * cases against moment-business-time doing the same job as a whole process (`moment-due.mjs`),
 * and how many of their answers differ.
 * BENCH_QUICK=1: 10,000 cases and fewer rounds (checks the code paths only); BENCH_ROUNDS=n sets
 * the start-up rounds. BENCH_BEFORE=<another checkout>/apps/cli/bin/breachless.js (built) runs
 * that CLI's commands in the same rounds too, for a before/after measured under the same load.
 * CPU time (user + system) is reported beside wall time: it moves less with the machine's load.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const QUICK = process.env.BENCH_QUICK === '1';
const CASES = QUICK ? 10_000 : 100_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 3 : 15));
const BEFORE = process.env.BENCH_BEFORE;
const BATCH_ROUNDS = QUICK ? 1 : 3;
const CLI = fileURLToPath(new URL('../bin/breachless.js', import.meta.url));
const PEER = fileURLToPath(new URL('./moment-due.mjs', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../examples/breachless.config.yaml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'startup-bench-'));

/** US federal holidays observed in 2026 and 2027, the list packages/core's bench uses. */
const HOLIDAYS = [
  ...['01-01', '01-19', '02-16', '05-25', '06-19', '07-03', '09-07', '10-12', '11-11', '11-26']
    .concat(['12-25'])
    .map((d) => `2026-${d}`),
  ...['01-01', '01-18', '02-15', '05-31', '06-18', '07-05', '09-06', '10-11', '11-11', '11-25']
    .concat(['12-24'])
    .map((d) => `2027-${d}`),
];
const day = '[["09:00", "17:00"]]';
const config = join(dir, 'office.yaml');
writeFileSync(
  config,
  `calendars:
  - id: ny-office
    timezone: America/New_York
    hours: { mon: ${day}, tue: ${day}, wed: ${day}, thu: ${day}, fri: ${day} }
    holidays: [${HOLIDAYS.map((d) => `"${d}"`).join(', ')}]
policies: []
`,
);

/** Whole-minute starts over 2026-2027 and durations of 1 to 2,400 business minutes (fixed seed). */
function writeCases(n: number): string {
  let seed = 2026;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const from = Date.parse('2026-01-01T00:00:00Z') / 60_000;
  const lines = Array.from({ length: n }, (_, i) => {
    const at = new Date((from + Math.floor(random() * 2 * 365 * 1440)) * 60_000).toISOString();
    const duration = `${1 + Math.floor(random() * 2400)}m`;
    return `${JSON.stringify({ id: i, calendar: 'ny-office', from: at, duration })}\n`;
  });
  const path = join(dir, 'cases.ndjson');
  writeFileSync(path, lines.join(''));
  return path;
}

interface Run {
  ms: number;
  cpuMs: number;
  rssMiB: number;
  stdout: string;
}

/** One whole process under /usr/bin/time: wall time seen from here, its CPU time and peak RSS. */
function measure(args: readonly string[]): Run {
  const rssFile = join(dir, 'rss');
  const start = process.hrtime.bigint();
  const child = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`${args.join(' ')} failed: ${child.stderr}`);
  const [rss = NaN, user = NaN, system = NaN] = readFileSync(rssFile, 'utf8').trim().split(' ');
  const cpuMs = (Number(user) + Number(system)) * 1000;
  return { ms, cpuMs, rssMiB: Number(rss) / 1024, stdout: child.stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Runs every command once per round, interleaved, and returns the median of each. */
function rounds(commands: Record<string, readonly string[]>, n: number) {
  const runs = new Map<string, Run[]>(Object.keys(commands).map((k) => [k, []]));
  for (const args of Object.values(commands)) measure(args); // warm the file cache
  for (let r = 0; r < n; r++)
    for (const [name, args] of Object.entries(commands)) runs.get(name)?.push(measure(args));
  return new Map(
    [...runs].map(([name, rs]) => [
      name,
      {
        ms: median(rs.map((x) => x.ms)),
        cpuMs: median(rs.map((x) => x.cpuMs)),
        rssMiB: median(rs.map((x) => x.rssMiB)),
        stdout: rs[0]?.stdout ?? '',
      },
    ]),
  );
}

const node = process.execPath;
const due = ['calendar', 'due', '--calendar', 'ny-office', '--from', '2026-11-25T20:00:00Z'];
/** The start-up commands of one CLI, named with `suffix`. */
function cliCommands(cli: string, suffix: string): Record<string, readonly string[]> {
  const dueOn = (file: string) => [node, cli, ...due, '--config', file, '--duration', '4h'];
  return {
    [`breachless --help${suffix}`]: [node, cli, '--help'],
    [`breachless calendar due (explicit holidays)${suffix}`]: dueOn(config),
    [`breachless calendar due (README example: publicHolidays US)${suffix}`]: dueOn(EXAMPLE),
  };
}
const startup = rounds(
  {
    'node -e 0': [node, '-e', '0'],
    ...cliCommands(CLI, ''),
    ...(BEFORE ? cliCommands(BEFORE, ' (before)') : {}),
  },
  ROUNDS,
);
const base = startup.get('node -e 0');
console.log(`whole process, median of ${ROUNDS} interleaved rounds (Node ${process.version})`);
console.log('| command | wall ms | x node -e 0 | CPU ms | x node -e 0 | peak RSS MiB |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [name, r] of startup) {
  const [wall, cpu] = [r.ms / (base?.ms ?? NaN), r.cpuMs / (base?.cpuMs ?? NaN)];
  console.log(
    `| ${name} | ${r.ms.toFixed(0)} | ${wall.toFixed(2)} | ${r.cpuMs.toFixed(0)} | ${cpu.toFixed(2)} | ${r.rssMiB.toFixed(0)} |`,
  );
}

const cases = writeCases(CASES);
const batch = rounds(
  {
    'breachless calendar due --cases': [
      node,
      CLI,
      'calendar',
      'due',
      '--config',
      config,
      '--cases',
      cases,
    ],
    'moment-business-time (moment-due.mjs)': [node, PEER, cases, HOLIDAYS.join(',')],
  },
  BATCH_ROUNDS,
);
const [ours, peer] = [...batch.values()];
const answers = (run: Run | undefined) =>
  (run?.stdout ?? '')
    .trim()
    .split('\n')
    .map((l) => Date.parse(JSON.parse(l).due));
const [a, b] = [answers(ours), answers(peer)];
const differ = a.filter((x, i) => x !== b[i]).length;
console.log(`\n${CASES.toLocaleString('en')} cases, median of ${BATCH_ROUNDS}`);
console.log('| command | wall ms | peak RSS MiB |\n|---|---:|---:|');
for (const [name, r] of batch)
  console.log(`| ${name} | ${r.ms.toFixed(0)} | ${r.rssMiB.toFixed(0)} |`);
console.log(
  `ours is ${((peer?.ms ?? NaN) / (ours?.ms ?? NaN)).toFixed(1)}x faster; ` +
    `${differ} of ${a.length} answers differ (${b.length} from the peer)`,
);
