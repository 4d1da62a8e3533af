/**
 * `@breachless/db/sync`: the helpdesk connections sync reads, their claims by workers, and
 * their health. Kept apart from the package's index so only what syncs loads it.
 */
export {
  type ClaimedConnection,
  claimConnection,
  finishRun,
  LeaseLostError,
  type RunEnd,
  saveProgress,
} from './claim.js';
export {
  connectionHealth,
  type NewConnection,
  removeConnection,
  rotateCredentials,
  SYNC_PLATFORMS,
  type SyncPlatform,
  saveConnection,
} from './connections.js';
export { accountOf, type ConnectionHealth, healthOf, type SyncAccount } from './health.js';
