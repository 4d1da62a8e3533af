import { realTimer } from '@breachless/chat';
import {
  EngineCache,
  errorSummary,
  NotMigratedError,
  openDatabase,
  requireMigrated,
  stopOnSignals,
} from '@breachless/db';
import { pino } from 'pino';
import { createAdapter } from './auth.js';
import { teamsDelivery } from './delivery.js';
import type { TeamsDeps } from './deps.js';
import { readEnv } from './env.js';
import { teamsServer } from './http.js';

const env = (() => {
  try {
    return readEnv(process.env);
  } catch (error) {
    process.stderr.write(`breachless teams: ${(error as Error).message}\n`);
    process.exit(2);
  }
})();
const logger = pino({ level: env.LOG_LEVEL });
// Caught from the first moment: a signal while the database opens stops once it is open.
const signals = stopOnSignals(process, 'breachless teams', {
  exit: (code) => process.exit(code),
  say: (line) => process.stderr.write(`${line}\n`),
});
if (env.TEAMS_ALLOW_UNAUTHENTICATED)
  logger.warn(
    'TEAMS_ALLOW_UNAUTHENTICATED is set: the bot accepts unauthenticated requests (local development only)',
  );
const handle = await openDatabase({
  databaseUrl: env.DATABASE_URL,
  dataDir: env.BREACHLESS_DATA_DIR,
})
  .then(requireMigrated)
  .catch((error: unknown) => {
    // Unmigrated, held by another process, unreachable: one line, no stack trace.
    process.stderr.write(`breachless teams: ${errorSummary(error).message}\n`);
    process.exit(error instanceof NotMigratedError ? 2 : 1);
  });
const deps: TeamsDeps = {
  db: handle.db,
  engines: new EngineCache(),
  adapter: createAdapter({
    appId: env.MICROSOFT_APP_ID,
    password: env.MICROSOFT_APP_PASSWORD,
    tenantId: env.MICROSOFT_APP_TENANT_ID,
    type: env.MICROSOFT_APP_TYPE,
  }),
  appId: env.MICROSOFT_APP_ID,
  multiTenant: Boolean(env.MICROSOFT_APP_ID) && env.MICROSOFT_APP_TYPE === 'MultiTenant',
  clock: Date.now,
  logger,
  managers: new Set(env.TEAMS_MANAGERS),
};
const server = teamsServer(deps);
server.listen(env.PORT, () =>
  logger.info({ port: env.PORT }, 'teams bot listening on /api/messages'),
);
const { pump } = teamsDelivery(deps, { timer: realTimer });
pump.start();

// No new claims: a delivery cut short by the exit is offered again when its lease ends.
signals.stopWith(async () => {
  logger.info('stopping');
  await pump.stop();
  await new Promise((closed) => server.close(closed));
  await handle.close();
});
