/**
 * @breachless/sync: helpdesks read through their REST APIs. A backfill on connect stores
 * history; reconciliation on a schedule stores what webhooks missed, through the same
 * ingest as the API. Workers share the job through PostgreSQL (@breachless/db/sync).
 */
export { backoffMs, retryAfterMs } from './backoff.js';
export { GITHUB_PAGE, githubPlatform } from './github/platform.js';
export type { Fetch } from './http-read.js';
export { JIRA_PAGE, type JiraCredentials, jiraPlatform } from './jira/platform.js';
export { type SyncJobOptions, type SyncRun, syncDue, syncOnce } from './job.js';
export { syncMetricsText } from './metrics.js';
export type { Platform, ReadResult } from './platform.js';
export {
  DEFAULT_SETTLE_MS,
  type RunOptions,
  type RunOutcome,
  type RunTotals,
  runSync,
} from './run.js';
export { SAME_CHANGE_MS, unseen } from './seen.js';
export { type SyncLogger, SyncWorker } from './sync-worker.js';
export { type ZendeskCredentials, zendeskPlatform } from './zendesk/platform.js';
