// `npm run soak`: the API, two workers and the Slack app as processes on a PostgreSQL server
// of their own, the sample log sped up to 200 events a second, faults injected on schedule,
// then the checker. Options: --minutes N (10), --rate N (200). Exit 1 when the check fails.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeSlack } from '@breachless/chat/testing';
import { parseConfig } from '@breachless/core';
import { openDatabase } from '@breachless/db';
import { freePort, startPrivatePostgres } from '@breachless/db/private-postgres';
import { runChaos } from './chaos.js';
import { check } from './check.js';
import { collect } from './collect.js';
import { faults } from './faults.js';
import { sendEvents, sleep } from './load.js';
import { options } from './options.js';
import { progress, summary, undelivered } from './report.js';
import { Service, waitHealthy } from './services.js';
import { SOAK_CONFIG, seed, soakChannels, TENANT } from './setup.js';
import { readLog, spedUp } from './traffic.js';

const opts = options(process.argv.slice(2));
const began = Date.now();
const say = (line: string) =>
  process.stdout.write(
    `[soak ${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}\n`,
  );
const dir = join(opts.out, new Date(began).toISOString().replaceAll(':', '-'));
mkdirSync(dir, { recursive: true });

say(`reading the sample log; output in ${dir}`);
const log = await readLog();
const pg = await startPrivatePostgres();
const handle = await openDatabase({ databaseUrl: pg.url });
await handle.migrate();
const slack = new FakeSlack();
await slack.start();
const total = opts.rate * opts.minutes * 60;
const start = Math.ceil(Date.now() / 1000) * 1000 + 20_000;
const events = spedUp(log, start, opts.rate, total);
const channels = soakChannels(events);
const token = await seed(handle.db, channels);

const common = { DATABASE_URL: pg.url, LOG_LEVEL: 'warn' };
const ports = {
  api: await freePort(),
  w1: await freePort(),
  w2: await freePort(),
  slack: await freePort(),
};
const worker = (n: 1 | 2) =>
  new Service(
    `worker-${n}`,
    'worker',
    {
      ...common,
      WORKER_PORT: String(n === 1 ? ports.w1 : ports.w2),
      WORKER_SCHEDULE: '* * * * * *',
    },
    dir,
  );
const services = {
  api: new Service('api', 'api', { ...common, PORT: String(ports.api) }, dir),
  worker1: worker(1),
  worker2: worker(2),
  slack: new Service(
    'slack',
    'slack',
    {
      ...common,
      PORT: String(ports.slack),
      SLACK_BOT_TOKEN: 'xoxb-soak',
      SLACK_SIGNING_SECRET: 'soak-signing-secret',
      SLACK_API_URL: slack.apiUrl,
    },
    dir,
  ),
};
// However the soak ends (a failure, Ctrl-C), no service or server is left running.
process.once('exit', () => {
  for (const s of Object.values(services)) s.killNow();
  pg.stop();
});
process.once('SIGINT', () => process.exit(130));
for (const s of Object.values(services)) s.start();
await waitHealthy(`http://127.0.0.1:${ports.api}/readyz`);
await waitHealthy(`http://127.0.0.1:${ports.w1}/healthz`);
await waitHealthy(`http://127.0.0.1:${ports.w2}/healthz`);
await waitHealthy(`http://127.0.0.1:${ports.slack}/healthz`);
say(`services up; ${total} events over ${opts.minutes} min from ${new Date(start).toISOString()}`);

const durationMs = opts.minutes * 60_000;
const api = { url: `http://127.0.0.1:${ports.api}`, token };
const load = sendEvents(events, (n) => start + (n * 1000) / opts.rate, api);
const slackHealth = `http://127.0.0.1:${ports.slack}/healthz`;
const chaos = runChaos(faults({ services, pg, slack, slackHealth }), start, durationMs, say);
const ticker = setInterval(
  () => void progress(handle.db, TENANT, slack, say).catch(() => {}),
  15_000,
);
const outcome = await load;
const faultRecords = await chaos;
say(`load done: ${outcome.acked.size} of ${events.length} events acknowledged`);

// Let the workers see the last events through, then stop them: what fired is now fixed.
await sleep(20_000);
const stopping = Date.now();
await Promise.all([services.worker1.stop(), services.worker2.stop()]);
const stoppedAt = Date.now();
say('workers stopped; waiting for the Slack app to deliver what is left');
await drain(handle, say);
clearInterval(ticker);
await Promise.all([services.slack.stop(), services.api.stop()]);

say('checking against the core');
const stored = await collect(handle.db, TENANT);
const result = check({
  config: parseConfig(SOAK_CONFIG),
  sent: events,
  acked: outcome.acked,
  ...stored,
  posts: slack.posts,
  channels,
  kills: slack.kills,
  mustFireBy: stopping - 10_000,
  stoppedAt,
});
const text = summary({
  opts,
  outcome,
  faults: faultRecords,
  result,
  slack,
  began,
  start,
});
writeFileSync(join(dir, 'summary.md'), text);
writeFileSync(
  join(dir, 'result.json'),
  JSON.stringify({ counts: result.counts, problems: result.problems }, null, 2),
);
process.stdout.write(`\n${text}\n`);
await handle.close();
await slack.stop();
process.exit(result.ok ? 0 : 1);

/** Waits until no Slack delivery is pending or being sent (20 minutes at most). */
async function drain(h: typeof handle, log: (line: string) => void): Promise<void> {
  const until = Date.now() + 20 * 60_000;
  while (Date.now() < until) {
    const n = await undelivered(h.db);
    if (n === 0) return;
    log(`${n} deliveries still to go`);
    await sleep(5_000);
  }
}
