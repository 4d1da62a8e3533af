import { type DatabaseHandle, openDatabase } from '@breachless/db';
import type { ApiEnv } from './env.js';

/**
 * The API's database. On PostgreSQL each statement may run as long as a request may
 * (`REQUEST_TIMEOUT_MS`): past that the client already has its 503, and PostgreSQL cancels
 * the query instead of letting it run on unseen.
 */
export function openApiDatabase(
  env: Pick<ApiEnv, 'DATABASE_URL' | 'BREACHLESS_DATA_DIR' | 'REQUEST_TIMEOUT_MS'>,
): Promise<DatabaseHandle> {
  return openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.BREACHLESS_DATA_DIR,
    statementTimeoutMs: env.REQUEST_TIMEOUT_MS,
  });
}
