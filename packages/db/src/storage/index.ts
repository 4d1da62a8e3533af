// The database itself: its type and handle, opening one (PGlite or PostgreSQL), a statement
// run prepared, a tenant the planner cannot estimate, rows of a raw query, whether it is migrated, how a failure is summed up, and closing on a stop signal.
// The one entry other folders and @breachless/db import this folder through.
export { type OpenOptions, openDatabase } from './client.js';
export { type Database, type DatabaseHandle, MIGRATIONS_FOLDER } from './database.js';
export { type ErrorSummary, errorSummary } from './error-summary.js';
export {
  type MigrationStatus,
  migrationStatus,
  NotMigratedError,
  notMigratedReason,
  requireMigrated,
} from './migration-status.js';
export { opaqueTenant } from './opaque-tenant.js';
export { executePrepared } from './prepared.js';
export { epochMs, rowsOf } from './rows.js';
export {
  type SignalSource,
  type SignalStop,
  type StopOnSignalsOptions,
  stopOnSignals,
} from './stop-signals.js';
