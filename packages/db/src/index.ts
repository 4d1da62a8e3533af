export { type AtRiskCycle, type AtRiskFilter, atRiskCycles } from './at-risk.js';
export { type OpenOptions, openDatabase } from './client.js';
export { complianceRows } from './compliance-rows.js';
export { configVersion, currentConfig, type StoredConfig, saveConfig } from './config-store.js';
export { cycleRow } from './cycle-rows.js';
export { type Database, type DatabaseHandle, MIGRATIONS_FOLDER } from './database.js';
export { EngineCache } from './engine-cache.js';
export { loadEvents, storeEvents } from './event-store.js';
export {
  type ImportItem,
  type ImportOptions,
  type ImportProgress,
  type ImportSummary,
  importEvents,
} from './import-events.js';
export {
  DEFAULT_LATE_MS,
  type IngestResult,
  ingestEvents,
  lockTickets,
  type RecomputeOptions,
  recomputeTickets,
} from './ingest.js';
export { type NotificationView, notificationLog } from './notification-log.js';
export { notificationRows } from './notification-rows.js';
export { recomputeOpenTickets } from './recompute-open.js';
export { type AlertFilters, routeNotifications } from './routing.js';
export { rowsOf } from './rows.js';
export * as schema from './schema/index.js';
export { type CachedTicket, TicketCache } from './ticket-cache.js';
export { createToken, revokeToken, verifyToken } from './tokens.js';
export { addWebhookSecret, removeWebhookSecrets, webhookSecretsFor } from './webhook-secrets.js';
export { runTick, type TickResult } from './worker-tick.js';
