/**
 * The policy workbench's what-if over 30 days of the sample ServiceNow log (data/, 151,843
 * events in a year), through the console's real route on PostgreSQL: the log is imported with
 * `breachless import` into a scratch database, the 30 days with the most events are chosen,
 * and `POST /t/demo/policy/what-if` replays them under a draft that doubles every target
 * (the goal: under 2 s). Beside it, in the same round, its floor: one evaluation of the same
 * events by the core, and the database read alone. Prints the median of the rounds and the
 * ratios, with the machine's load. Needs TEST_DATABASE_URL; BENCH_QUICK=1 for one round.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Engine, parseConfigText } from '@breachless/core';
import { EngineCache, eventsOfWindow, openDatabase, redeemLoginLink, rowsOf } from '@breachless/db';
import { createScratchDatabase } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { consoleLoginUrl, createConsole } from '../src/index.js';

const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.log('what-if bench: skipped, TEST_DATABASE_URL is not set');
  process.exit(0);
}
const rounds = process.env.BENCH_QUICK ? 1 : 5;
const file = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const configText = readFileSync(file('data/servicenow.config.yaml'), 'utf8');
const draftText = configText.replace(
  /(\d+)([hd])\b/g,
  (_, n: string, u: string) => `${Number(n) * 2}${u}`,
);
const DAY = 86_400_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const scratch = await createScratchDatabase(base);
try {
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, [file('apps/cli/bin/breachless.js'), ...args], {
      env: { ...process.env, DATABASE_URL: scratch.url },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  cli('migrate');
  const started = performance.now();
  cli(
    'import',
    file('data/incident_event_log.csv.gz'),
    '--format',
    'servicenow-csv',
    '--tz',
    'UTC',
    '--tenant',
    'demo',
    '--config',
    file('data/servicenow.config.yaml'),
  );
  console.log(`imported the sample log in ${Math.round((performance.now() - started) / 1000)} s`);
  const handle = await openDatabase({ databaseUrl: scratch.url });
  const { db } = handle;
  // The 30 days with the most events: the window the what-if replays.
  const days = rowsOf<{ d: string; n: number }>(
    await db.execute(
      sql`select date_trunc('day', at) as d, count(*)::int as n from ticket_events where tenant_id = 'demo' group by 1 order by 1`,
    ),
  ).map((r) => ({ at: new Date(r.d).getTime(), n: r.n }));
  // Each day's 30-day window: the busiest, and the one nearest the log's mean volume.
  const total = days.reduce((sum, d) => sum + d.n, 0);
  const mean = (total / ((days.at(-1)?.at ?? 0) - (days[0]?.at ?? 0) + DAY)) * 30 * DAY;
  const windows = days.map((day) => ({
    to: day.at + DAY,
    n: days.filter((d) => d.at > day.at - 30 * DAY && d.at <= day.at).reduce((s, d) => s + d.n, 0),
  }));
  const busiest = windows.reduce((a, b) => (b.n > a.n ? b : a));
  const typical = windows.reduce((a, b) => (Math.abs(b.n - mean) < Math.abs(a.n - mean) ? b : a));
  let to = 0;
  const web = createConsole({
    db,
    engines: new EngineCache(),
    clock: () => to,
    logger: pino({ level: 'silent' }),
  });
  const url = await consoleLoginUrl(db, {
    tenant: 'demo',
    role: 'admin',
    user: 'bench',
    baseUrl: 'http://x',
    now: Date.now(),
  });
  const opened = await redeemLoginLink(
    db,
    new URL(url).searchParams.get('link') ?? '',
    Date.now(),
    3600_000,
  );
  if (!opened) throw new Error('no session');
  const cookie = `breachless_session=${opened.secret}`;
  const form = new URLSearchParams({ _csrf: opened.session.csrf, draft: draftText, days: '30' });
  const engine = new Engine(parseConfigText(configText));
  for (const [label, window] of [
    ['busiest', busiest],
    [`nearest the mean (${Math.round(mean)} events)`, typical],
  ] as const) {
    to = window.to;
    const route: number[] = [];
    const read: number[] = [];
    const evaluate: number[] = [];
    let changed = '';
    let events = 0;
    for (let round = 0; round < rounds; round++) {
      let t = performance.now();
      const res = await web.request('/t/demo/policy/what-if', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      const page = await res.text();
      route.push(performance.now() - t);
      if (res.status !== 200)
        throw new Error(`what-if answered ${res.status}: ${page.slice(0, 500)}`);
      changed = /Cycles whose outcome would change \((\d+)\)/.exec(page)?.[1] ?? '?';
      t = performance.now();
      const replayed = await eventsOfWindow(db, 'demo', to - 30 * DAY, to);
      read.push(performance.now() - t);
      events = replayed.length;
      t = performance.now();
      engine.evaluate(replayed, to);
      evaluate.push(performance.now() - t);
    }
    const [r, d, e] = [median(route), median(read), median(evaluate)];
    console.log(
      `${label} 30 days, ${new Date(to - 30 * DAY).toISOString().slice(0, 10)}..${new Date(to).toISOString().slice(0, 10)} ` +
        `(${window.n} events in the window, ${events} events of its tickets replayed, ${changed} cycles change), median of ${rounds}:\n` +
        `  route ${Math.round(r)} ms = ${(r / 2000).toFixed(2)} of the 2 s goal; ` +
        `database read ${Math.round(d)} ms, one core evaluation ${Math.round(e)} ms (the route evaluates twice): ` +
        `route / (read + 2 x evaluation) = ${(r / (d + 2 * e)).toFixed(2)}\n` +
        `  load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
  }
  await handle.close();
} finally {
  await scratch.drop();
}
