import type { Server } from 'node:http';
import { realTimer } from '@breachless/chat';
import {
  EngineCache,
  errorSummary,
  forgetReceipts,
  NotMigratedError,
  openDatabase,
  requireMigrated,
  stopOnSignals,
} from '@breachless/db';
import type { HTTPReceiver } from '@slack/bolt';
import { pino } from 'pino';
import { createSlackApp } from './app.js';
import { slackDelivery } from './delivery.js';
import type { SlackDeps } from './deps.js';
import { readEnv } from './env.js';
import { Mentions } from './mentions.js';
import { Readers } from './readers.js';
import { slackServer } from './server.js';
import { type SlackAuth, Workspaces } from './workspaces.js';

const env = (() => {
  try {
    return readEnv(process.env);
  } catch (error) {
    process.stderr.write(`breachless slack: ${(error as Error).message}\n`);
    process.exit(2);
  }
})();
const logger = pino({ level: env.LOG_LEVEL });
// Caught from the first moment: a signal while the database opens stops once it is open.
const signals = stopOnSignals(process, 'breachless slack', {
  exit: (code) => process.exit(code),
  say: (line) => process.stderr.write(`${line}\n`),
});
const handle = await openDatabase({
  databaseUrl: env.DATABASE_URL,
  dataDir: env.BREACHLESS_DATA_DIR,
})
  .then(requireMigrated)
  .catch((error: unknown) => {
    // Unmigrated, held by another process, unreachable: one line, no stack trace.
    process.stderr.write(`breachless slack: ${errorSummary(error).message}\n`);
    process.exit(error instanceof NotMigratedError ? 2 : 1);
  });
const auth: SlackAuth = env.SLACK_BOT_TOKEN
  ? { mode: 'single', botToken: env.SLACK_BOT_TOKEN }
  : {
      mode: 'oauth',
      clientId: env.SLACK_CLIENT_ID ?? '',
      clientSecret: env.SLACK_CLIENT_SECRET ?? '',
      stateSecret: env.SLACK_STATE_SECRET ?? '',
    };
const clientOptions = env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {};
const deps: SlackDeps = {
  db: handle.db,
  engines: new EngineCache(),
  clock: Date.now,
  logger,
  workspaces: new Workspaces(handle.db, auth, clientOptions),
  readers: new Readers(Date.now),
  mentions: new Mentions(handle.db, Date.now),
  managers: new Set(env.SLACK_MANAGERS),
};
const { app, receiver } = createSlackApp(deps, {
  auth,
  signingSecret: env.SLACK_SIGNING_SECRET,
  appToken: env.SLACK_APP_TOKEN,
  clientOptions,
});
const { pump } = slackDelivery(deps, { timer: realTimer });

// Socket Mode needs no public URL (local development); HTTP mode serves Slack and probes.
let server: Server | undefined;
if (env.SLACK_APP_TOKEN) {
  await app.start();
  logger.info('slack app connected in Socket Mode');
} else {
  server = slackServer(receiver as HTTPReceiver, logger);
  server.listen(env.PORT, () =>
    logger.info({ port: env.PORT, mode: auth.mode }, 'slack app listening'),
  );
}
pump.start();
// Slack stops retrying an event within the hour; receipts older than a day are only weight.
const pruning = setInterval(
  () => void forgetReceipts(handle.db, Date.now() - 86_400_000).catch(() => {}),
  3_600_000,
);

// No new claims: a delivery cut short by the exit is offered again when its lease ends.
signals.stopWith(async () => {
  logger.info('stopping');
  clearInterval(pruning);
  await pump.stop();
  if (server) await new Promise((closed) => server?.close(closed));
  if (env.SLACK_APP_TOKEN) await app.stop();
  await handle.close();
});
