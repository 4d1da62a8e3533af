// Events in: stored, copied or imported, the tickets they touch locked and recomputed (cycles and
// the notifications due), a ticket that cannot be evaluated quarantined; also a tenant's
// recompute on a new config, and queue interactions.
// The one entry other folders and @breachless/db import this folder through.
export { cycleRow } from './cycle-rows.js';
export { eventFromBody, loadEvents } from './event-store.js';
export { type EngineOf, IngestGroup, type IngestGroupOptions } from './group.js';
export {
  type ImportItem,
  type ImportOptions,
  type ImportProgress,
  type ImportSummary,
  importEvents,
} from './import-events.js';
export {
  type EngineLookup,
  type IngestOptions,
  type IngestResult,
  ingestEvents,
} from './ingest.js';
export { IngestPhases } from './phases.js';
export { isTransient, type TicketFailure } from './quarantine.js';
export {
  engineOrFailure,
  quarantineAll,
  recomputeTogether,
  recomputeWithEngine,
  retryQuarantined,
} from './quarantine-recompute.js';
export {
  listQuarantined,
  type QuarantinedTicket,
  quarantineCounts,
  quarantineMetrics,
} from './quarantine-status.js';
export { interactionsOffered, storeInteractions } from './queue-interactions.js';
export type { RecomputeOptions } from './recompute.js';
export { type AppliedConfig, applyConfig } from './recompute-open.js';
export {
  recomputeTenant,
  type TenantRecompute,
  type TenantRecomputeOptions,
  type TenantRecomputeProgress,
} from './recompute-tenant.js';
export { type CachedTicket, TicketCache } from './ticket-cache.js';
