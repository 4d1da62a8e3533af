// Reading the sample ServiceNow log (data/incident_event_log.csv.gz) the way an import does,
// with the built code (run `npx turbo run build --filter=@breachless/connectors` first):
//
//   node packages/connectors/bench/sample-log.mjs [rounds] [--against DIR]
//
// Each round reads the whole log in a fresh process and reports its CPU seconds (main and
// helper threads: process.cpuUsage), peak RSS and a SHA-256 of every item (event or
// problems, in the file's order) and of the stats; the run fails unless the hash is the one
// below, computed with the build before the readers were rewritten (the events validated
// without zod, dates read by hand, the CSV read with indexOf). Then the same for the whole
// log read into memory (`readEvents`, as the demo replays it). With --against DIR, DIR
// holding an older build as DIR/node_modules/@breachless/{core,connectors} (their dist and
// package.json, with zod, luxon and yaml linked beside them), the rounds alternate between
// the two builds, so both share the machine's load; then core's checkEvent throughput on
// the log's events (as the API takes them: instants as text) is measured the same way.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXPECTED = '1541cd79664f014c8501363f36dfd490e45814e66f507f95cd4cb4e802f9cde4';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const log = join(root, 'data/incident_event_log.csv.gz');
const builds = (dir) => ({
  connectors: join(dir, '@breachless/connectors/dist/index.js'),
  core: join(dir, '@breachless/core/dist/index.js'),
});

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
else parent();

async function child(mode, connectorsEntry, coreEntry) {
  const { openImport, readEvents } = await import(connectorsEntry);
  const start = process.cpuUsage();
  let figures;
  if (mode === 'read') {
    const hash = createHash('sha256');
    const source = openImport(log, 'servicenow-csv');
    let items = 0;
    for await (const item of source) {
      hash.update(`${JSON.stringify(item)}\n`);
      items++;
    }
    hash.update(JSON.stringify(source.stats()));
    figures = { items, hash: hash.digest('hex') };
  } else if (mode === 'hold') {
    // The whole log in memory, as the demo and the soak test replay it.
    const events = await readEvents(log, 'servicenow-csv');
    figures = { events: events.length };
  } else {
    const core = await import(coreEntry);
    const events = await readEvents(log, 'servicenow-csv');
    const wire = events.map((e) =>
      JSON.parse(JSON.stringify({ ...e, at: core.formatInstant(e.at) })),
    );
    const before = process.cpuUsage();
    let valid = 0;
    for (let pass = 0; pass < 3; pass++)
      for (const value of wire) if ('event' in core.checkEvent(value)) valid++;
    const used = process.cpuUsage(before);
    if (valid !== 3 * wire.length) throw new Error('an event of the log did not validate');
    figures = { eventsPerSecond: Math.round(valid / ((used.user + used.system) / 1e6)) };
  }
  const used = process.cpuUsage(start);
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({ ...figures, cpuS: (used.user + used.system) / 1e6, peakRssMiB: rss }),
  );
}

function parent() {
  const rounds = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 3);
  const against = process.argv.indexOf('--against');
  const current = builds(join(root, 'node_modules'));
  const runs = [['current', current]];
  if (against > 0)
    runs.push(['against', builds(join(resolve(process.argv[against + 1]), 'node_modules'))]);
  const run = (mode, build) => {
    const out = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--child', mode, build.connectors, build.core],
      { encoding: 'utf8' },
    );
    if (out.status !== 0) throw new Error(out.stderr);
    return JSON.parse(out.stdout);
  };
  for (const mode of against > 0 ? ['read', 'hold', 'check'] : ['read', 'hold']) {
    const results = Object.fromEntries(runs.map(([name]) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? runs : [...runs].reverse();
      for (const [name, build] of order) {
        const figures = run(mode, build);
        if (mode === 'read' && figures.hash !== EXPECTED)
          throw new Error(`${name}: the log's items differ (hash ${figures.hash})`);
        results[name].push(figures);
        console.log(mode, round + 1, name, JSON.stringify(figures));
      }
    }
    for (const [name, list] of Object.entries(results)) {
      const median = (key) =>
        list.map((f) => f[key]).sort((a, b) => a - b)[Math.floor(list.length / 2)];
      const keys = mode === 'check' ? ['eventsPerSecond', 'peakRssMiB'] : ['cpuS', 'peakRssMiB'];
      console.log(
        `${mode} median ${name}:`,
        keys.map((k) => `${k} ${median(k).toFixed(2)}`).join(', '),
      );
    }
  }
}
