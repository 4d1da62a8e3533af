import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import {
  EngineCache,
  errorSummary,
  NotMigratedError,
  openDatabase,
  requireMigrated,
  stopOnSignals,
  TicketCache,
} from '@breachless/db';
import { connectionHealth } from '@breachless/db/sync';
import { Worker, workerMetrics } from '@breachless/jobs';
import { SyncWorker, syncMetricsText } from '@breachless/sync';
import cron from 'node-cron';
import { pino } from 'pino';
import { readEnv } from './env.js';
import { healthServer } from './health.js';

const env = (() => {
  try {
    return readEnv(process.env);
  } catch (error) {
    process.stderr.write(`breachless worker: ${(error as Error).message}\n`);
    process.exit(2);
  }
})();
const logger = pino({ level: env.LOG_LEVEL });
// Caught from the first moment: a signal while the database opens stops once it is open.
const signals = stopOnSignals(process, 'breachless worker', {
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
    process.stderr.write(`breachless worker: ${errorSummary(error).message}\n`);
    process.exit(error instanceof NotMigratedError ? 2 : 1);
  });
const metrics = workerMetrics();
const engines = new EngineCache();
const worker = new Worker({
  db: handle.db,
  engines,
  clock: Date.now,
  logger,
  metrics,
  batchSize: env.WORKER_BATCH_SIZE,
  tickets: new TicketCache({ maxBytes: env.BREACHLESS_TICKET_CACHE_BYTES }),
});
// Connected helpdesks are read at the same ticks; each connection keeps its own interval
// (next_run_at), so a tick with nothing due costs one claim query.
const sync = new SyncWorker({
  db: handle.db,
  engines,
  clock: Date.now,
  logger,
  owner: `${hostname()}:${process.pid}`,
});
const task = cron.schedule(env.WORKER_SCHEDULE, () => {
  void worker.tick();
  void sync.tick();
});

const server = healthServer({
  db: handle.db,
  healthy: () => worker.healthy,
  metrics,
  moreMetrics: async () => syncMetricsText(await connectionHealth(handle.db, Date.now())),
});
// A port in use (another worker on this machine) is one line and exit 1, not a stack trace.
server.once('error', (error) => {
  process.stderr.write(
    `breachless worker: cannot listen on ${env.WORKER_PORT}: ${error.message}\n`,
  );
  process.exit(1);
});
// The port bound, not the one asked for: WORKER_PORT=0 picks a free one.
server.listen(env.WORKER_PORT, () =>
  logger.info(
    { port: (server.address() as AddressInfo).port, schedule: env.WORKER_SCHEDULE },
    'worker started',
  ),
);

// SIGTERM (Kubernetes, compose): finish the batch in flight, release claims by committing.
signals.stopWith(async () => {
  logger.info('stopping');
  await task.stop();
  await worker.stop();
  await sync.stop();
  await new Promise((closed) => server.close(closed));
  await handle.close();
});
