import { createServer } from 'node:http';
import { openDatabase, TicketCache } from '@breachless/db';
import { Worker, workerMetrics } from '@breachless/jobs';
import cron from 'node-cron';
import { pino } from 'pino';
import { readEnv } from './env.js';

const env = (() => {
  try {
    return readEnv(process.env);
  } catch (error) {
    process.stderr.write(`breachless worker: ${(error as Error).message}\n`);
    process.exit(2);
  }
})();
const logger = pino({ level: env.LOG_LEVEL });
const handle = await openDatabase({
  databaseUrl: env.DATABASE_URL,
  dataDir: env.BREACHLESS_DATA_DIR,
});
const metrics = workerMetrics();
const worker = new Worker({
  db: handle.db,
  clock: Date.now,
  logger,
  metrics,
  batchSize: env.WORKER_BATCH_SIZE,
  tickets: new TicketCache({ maxBytes: env.BREACHLESS_TICKET_CACHE_BYTES }),
});
const task = cron.schedule(env.WORKER_SCHEDULE, () => void worker.tick());

const server = createServer(async (req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(worker.healthy ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: worker.healthy }));
  } else if (req.url === '/metrics') {
    res.writeHead(200, { 'content-type': metrics.registry.contentType });
    res.end(await metrics.registry.metrics());
  } else {
    res.writeHead(404).end();
  }
});
server.listen(env.WORKER_PORT, () =>
  logger.info({ port: env.WORKER_PORT, schedule: env.WORKER_SCHEDULE }, 'worker started'),
);

// SIGTERM (Kubernetes, compose): finish the batch in flight, release claims by committing.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'stopping');
    await task.stop();
    await worker.stop();
    server.close();
    await handle.close();
    process.exit(0);
  });
}
