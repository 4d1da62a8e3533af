export { type AtRiskCycle, type AtRiskFilter, atRiskCycles } from './at-risk.js';
export { type BreachedCycle, breachedCycles } from './breached.js';
export {
  findConversation,
  forgetConversations,
  type StoredConversation,
  saveConversation,
} from './chat-conversations.js';
export { agentOf, linkIdentity, recordAck, userOfAgent } from './chat-identities.js';
export {
  deleteInstallation,
  findInstallation,
  firstReceipt,
  forgetReceipts,
  installationOfTenant,
  saveInstallation,
} from './chat-installations.js';
export {
  claimDeliveries,
  type DeliveryKey,
  markDelivered,
  markFailed,
  markRetry,
  type StoredRef,
  settleMessage,
} from './chat-outbox.js';
export { type ChatScope, chatQueries } from './chat-queries.js';
export {
  addSubscription,
  type ChannelSubscription,
  channelSubscriptions,
  type NewSubscription,
  removeSubscription,
} from './chat-subscriptions.js';
export { type UnsettledRow, unsettledMessages } from './chat-unsettled.js';
export { type OpenOptions, openDatabase } from './client.js';
export { type CycleFilter, complianceRows } from './compliance-rows.js';
export {
  configVersion,
  currentConfig,
  currentConfigVersion,
  type StoredConfig,
  saveConfig,
} from './config-store.js';
export { type CycleAlert, cycleAlert, teamOfAgent } from './cycle-alert.js';
export { cycleRow } from './cycle-rows.js';
export { cycleSignature } from './cycle-write.js';
export { type Database, type DatabaseHandle, MIGRATIONS_FOLDER } from './database.js';
export { deliveryOutbox } from './delivery-outbox.js';
export {
  type DigestSubscription,
  digestRunExists,
  digestSubscriptions,
  queueDigest,
} from './digest-runs.js';
export { EngineCache } from './engine-cache.js';
export { type ErrorSummary, errorSummary } from './error-summary.js';
export { eventFromBody, loadEvents, storeEvents } from './event-store.js';
export {
  type ImportItem,
  type ImportOptions,
  type ImportProgress,
  type ImportSummary,
  importEvents,
} from './import-events.js';
export {
  DEFAULT_LATE_MS,
  type IngestOptions,
  type IngestResult,
  ingestEvents,
  lockTickets,
  type RecomputeOptions,
  recomputeTickets,
} from './ingest.js';
export { IngestGroup, type IngestGroupOptions } from './ingest-group.js';
export { IngestPhases } from './ingest-phases.js';
export {
  type MigrationStatus,
  migrationStatus,
  NotMigratedError,
  notMigratedReason,
  requireMigrated,
} from './migration-status.js';
export { type NotificationView, notificationLog } from './notification-log.js';
export { notificationRows } from './notification-rows.js';
export { DEFAULT_DATA_DIR, resolveDataDir } from './pglite/data-dir.js';
export { DataDirInUseError } from './pglite/data-dir-lock.js';
export { postgresLocation } from './postgres/client.js';
export { isTransient, type TicketFailure } from './quarantine.js';
export {
  engineOrFailure,
  type IsolatedRecompute,
  recomputeIsolated,
  retryQuarantined,
} from './quarantine-recompute.js';
export {
  listQuarantined,
  type QuarantinedTicket,
  quarantineCounts,
  quarantineMetrics,
} from './quarantine-status.js';
export { interactionsOffered, storeInteractions } from './queue-interactions.js';
export { type AppliedConfig, applyConfig } from './recompute-open.js';
export {
  recomputeTenant,
  type TenantRecompute,
  type TenantRecomputeOptions,
  type TenantRecomputeProgress,
} from './recompute-tenant.js';
export { refreshReportPeriods } from './report-refresh.js';
export { type AlertFilters, routeNotifications } from './routing.js';
export { rowsOf } from './rows.js';
export * as schema from './schema/index.js';
export {
  type SignalSource,
  type SignalStop,
  type StopOnSignalsOptions,
  stopOnSignals,
} from './stop-signals.js';
export { type CachedTicket, TicketCache } from './ticket-cache.js';
export { createToken, revokeToken, verifyToken } from './tokens.js';
export { addWebhookSecret, removeWebhookSecrets, webhookSecretsFor } from './webhook-secrets.js';
export { runTick, type TickResult } from './worker-tick.js';
