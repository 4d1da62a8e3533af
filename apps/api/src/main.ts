import { createConsole, withConsole } from '@breachless/console';
import {
  EngineCache,
  errorSummary,
  NotMigratedError,
  requireMigrated,
  stopOnSignals,
  TicketCache,
} from '@breachless/db';
import { createApp } from '@breachless/http';
import { pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { openApiDatabase } from './database.js';
import { readEnv } from './env.js';
import { listen } from './server.js';

const env = (() => {
  try {
    return readEnv(process.env);
  } catch (error) {
    process.stderr.write(`breachless api: ${(error as Error).message}\n`);
    process.exit(2);
  }
})();
const logger = pino({ level: env.LOG_LEVEL });
// Caught from the first moment: a signal while the database opens stops once it is open.
const signals = stopOnSignals(process, 'breachless api', {
  exit: (code) => process.exit(code),
  say: (line) => process.stderr.write(`${line}\n`),
});
const handle = await openApiDatabase(env)
  .then(requireMigrated)
  .catch((error: unknown) => {
    // Unmigrated, held by another process, unreachable: one line, no stack trace.
    process.stderr.write(`breachless api: ${errorSummary(error).message}\n`);
    process.exit(error instanceof NotMigratedError ? 2 : 1);
  });
const registry = new Registry();
collectDefaultMetrics({ register: registry });
const engines = new EngineCache();
const app = createApp({
  db: handle.db,
  engines,
  tickets: new TicketCache({ maxBytes: env.BREACHLESS_TICKET_CACHE_BYTES }),
  clock: Date.now,
  logger,
  registry,
  maxBodyBytes: env.BREACHLESS_MAX_BODY_BYTES,
  maxWebhookBytes: env.BREACHLESS_MAX_WEBHOOK_BYTES,
  requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
});
// The web console on the same port, under `/` (the API keeps `/v1` and its health routes).
const web = createConsole({
  db: handle.db,
  engines,
  clock: Date.now,
  logger,
  // Sign in with Slack where the Slack app's credentials are given (docs/console.md).
  ...(env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET
    ? {
        slack: {
          clientId: env.SLACK_CLIENT_ID,
          clientSecret: env.SLACK_CLIENT_SECRET,
          ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
          ...(env.BREACHLESS_CONSOLE_URL ? { consoleUrl: env.BREACHLESS_CONSOLE_URL } : {}),
        },
      }
    : {}),
});
const server = listen(
  withConsole(app, web),
  env.PORT,
  { requestTimeoutMs: env.REQUEST_TIMEOUT_MS, headersTimeoutMs: env.HEADERS_TIMEOUT_MS },
  (port) => logger.info({ port }, 'api listening'),
);

// SIGTERM: stop taking connections, let requests in flight finish, then close the database.
signals.stopWith(async () => {
  logger.info('stopping');
  const closing = new Promise((closed) => server.close(closed));
  await web.endStreams();
  await closing;
  await handle.close();
});
