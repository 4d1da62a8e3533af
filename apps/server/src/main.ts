import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { withConsole } from '@breachless/console';
import { errorSummary, stopOnSignals } from '@breachless/db';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '@breachless/http';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { configuredChatApps, startChatApps, stopChatApps } from './chat-apps.js';
import { DemoRun } from './demo/demo-run.js';
import { readEnv } from './env.js';
import { Standalone } from './standalone.js';

const env = (() => {
  try {
    return readEnv(process.env);
  } catch (error) {
    process.stderr.write(`breachless server: ${(error as Error).message}\n`);
    process.exit(2);
  }
})();
// Signals are caught from the first moment: a Ctrl-C while the database opens or migrates
// waits for that to finish, then stops like any other; a third forces.
const signals = stopOnSignals(process, 'breachless server', {
  exit: (code) => process.exit(code),
  say: (line) => process.stderr.write(`\n${line}\n`),
});

const demo = env.BREACHLESS_DEMO || process.argv.includes('--demo');
const out = (text: string) => process.stdout.write(text);
const logger = pino({ level: env.LOG_LEVEL }, pino.destination(2));
// The demo's digest charts live beside PGlite's directory, never inside it.
const demoDir = `${env.BREACHLESS_DATA_DIR.replace(/\/+$/, '')}-demo`;
mkdirSync(demoDir, { recursive: true });

// The log is read on a worker thread while the database opens; where the replay starts is
// known once it is open (the position is saved in it).
const demoRun = demo ? new DemoRun(env.BREACHLESS_DEMO_SPEED) : undefined;
if (demoRun)
  out(
    'Reading the sample ServiceNow log (data/README.md: CC BY 4.0, Amaral et al., UCI) and opening the database...\n',
  );
const stepMs = env.BREACHLESS_TICK_MS * (demo ? env.BREACHLESS_DEMO_SPEED : 1);
const server = await Standalone.open({
  databaseUrl: env.DATABASE_URL,
  dataDir: env.DATABASE_URL ? undefined : env.BREACHLESS_DATA_DIR,
  channel: env.BREACHLESS_CONSOLE_CHANNEL,
  clock: demoRun?.clock ?? Date.now,
  console: { write: out, chartDir: demoDir },
  logger,
  ...(demoRun ? { demo: demoRun } : {}),
  ...(env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET
    ? {
        slackSignIn: {
          clientId: env.SLACK_CLIENT_ID,
          clientSecret: env.SLACK_CLIENT_SECRET,
          ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
          ...(env.BREACHLESS_CONSOLE_URL ? { consoleUrl: env.BREACHLESS_CONSOLE_URL } : {}),
        },
      }
    : {}),
  // A step of simulated time is noticed at its end: only what is later than that is late.
  lateAfterMs: Math.max(120_000, 2 * stepMs),
}).catch((error: unknown) => {
  // The data directory held by another process, PostgreSQL unreachable: say it, no trace.
  process.stderr.write(`breachless server: ${errorSummary(error).message}\n`);
  process.exit(1);
});
demoRun?.start();
// Slack and Teams, when configured, run as their own processes on the same PostgreSQL. The
// embedded database is one process's, and the demo's simulated time is not Slack's.
const chatApps = configuredChatApps(process.env, { slack: env.SLACK_PORT, teams: env.TEAMS_PORT });
const names = chatApps.map((a) => a.name).join(' and ');
let children: ChildProcess[] = [];
if (chatApps.length > 0 && demo)
  out(
    `${names} configured, but the demo runs on simulated time: its alerts stay on the console. Start without --demo to deliver to ${names}.\n`,
  );
else if (chatApps.length > 0 && !env.DATABASE_URL)
  out(
    `${names} configured, but the embedded database serves one process: set DATABASE_URL (PostgreSQL) to start ${names} with the server. Alerts stay on the console.\n`,
  );
else if (chatApps.length > 0) {
  children = startChatApps(chatApps);
  out(`Started ${chatApps.map((a) => `${a.name} on port ${a.port}`).join(' and ')}.\n`);
}
// The same header and request timeouts as the API's defaults: a slow client holds no socket
// for Node's five minutes, even on a laptop.
const http = serve({
  fetch: withConsole(server.api, server.console),
  port: env.PORT,
  serverOptions: { headersTimeout: 10_000, requestTimeout: DEFAULT_REQUEST_TIMEOUT_MS },
});
out(
  `Breachless is running: API on http://localhost:${env.PORT}, worker every ${env.BREACHLESS_TICK_MS} ms, ` +
    `alerts and digests for ${env.BREACHLESS_CONSOLE_CHANNEL} printed here as [console chat ...] ` +
    `(${children.length ? `${names} deliver to their own channels` : 'no Slack or Teams is running: this is what they would show'}).\n` +
    'Type /sla commands (stats 7d by:team, at-risk, breached today, ticket ID, help); Ctrl-C stops.\n',
);
// The console on the same port: a one-time link for this tenant (`breachless login-link` makes more).
out(
  `Web console: open ${await server.loginUrl(`http://localhost:${env.PORT}`)} (one-time sign-in link, 15 minutes).\n`,
);

let round: Promise<unknown> = Promise.resolve();
const timer = setInterval(() => {
  round = round
    .then(() => server.step())
    .catch((error) =>
      logger.error({ error: errorSummary(error) }, 'round failed; trying again at the next'),
    );
}, env.BREACHLESS_TICK_MS);

const lines = createInterface({ input: process.stdin, terminal: false });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  round = round
    .then(async () => out(`${await server.answer(line)}\n`))
    .catch((error) => {
      logger.error({ error: errorSummary(error) }, 'command failed');
      out('Breachless could not answer just now (the error is in the log). Try again.\n');
    });
});

// Ctrl-C: no new round or command, let the one in flight finish (it saves the position) and
// the requests in flight be answered, then close the database (releasing its lock).
signals.stopWith(async () => {
  clearInterval(timer);
  lines.close();
  await round;
  await stopChatApps(children);
  const closing = new Promise((closed) => http.close(closed));
  await server.console.endStreams();
  await closing;
  await server.close();
  out('\nStopped. `npm start` again resumes from where it stopped.\n');
});
