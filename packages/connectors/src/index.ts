/**
 * @breachless/connectors: what helpdesks send, made into ticket events. Webhooks (signature
 * checked over the raw bytes, then mapped) and export files (streamed, for imports).
 */
export { ConnectorError } from './errors.js';
export type { GitHubOptions } from './github/options.js';
export { readEvents } from './import/read-events.js';
export { type ImportOptions, isImportFormat, openImport } from './import/source.js';
export {
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportItem,
  type ImportProgress,
  type ImportSource,
  type ImportStats,
} from './import/types.js';
export type { JiraOptions } from './jira/options.js';
export {
  receiveWebhook,
  WEBHOOK_PLATFORMS,
  type WebhookPlatform,
  type WebhookRequest,
} from './webhooks/receive.js';
export type { VerifyFailure, WebhookMapping } from './webhooks/types.js';
export type { ZendeskOptions } from './zendesk/values.js';
