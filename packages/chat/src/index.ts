/**
 * @breachless/chat: what every chat platform shares, so neither the rest of the product nor
 * another app imports a chat SDK. Its two entries, one per verb: `platformDelivery` starts
 * delivery from the outbox to a platform, `slaRequest` answers an `/sla` text; a platform
 * adds only how it is reached and how it shows a view. Exported: what other packages use,
 * and the ports (`ChatPort`, `Outbox`, `SlaQueries`) with the types they carry.
 */
export { type ConsoleDelivery, consoleDelivery } from './console/console-delivery.js';
export { type ConsolePortOptions, consolePort } from './console/console-port.js';
export { renderText } from './console/text-view.js';
export { alertView, stateOf } from './delivery/alert-view.js';
export { type Backoff, DELIVERY_ATTEMPTS } from './delivery/backoff.js';
export { type PlatformDelivery, platformDelivery } from './delivery/platform-delivery.js';
export { realTimer, type Timer } from './delivery/timer.js';
export type {
  AlertDelivery,
  AlertPayload,
  ClaimedDelivery,
  DigestDelivery,
  Outbox,
  UnsettledMessage,
} from './delivery/types.js';
export { complianceChart } from './digest/chart.js';
export { type DigestSlot, latestSlot } from './digest/schedule.js';
export { CHAT_SERVER_LIMITS, type ChatServerLimits, chatServer } from './http/chat-server.js';
export { SLACK_BOT_SCOPES } from './platforms.js';
export type { ChatPort, MessageRef } from './port/chat-port.js';
export { PermanentChatError, RateLimitedError, TransientChatError } from './port/errors.js';
export { staleAlertNotice } from './run/alert-age.js';
export { homeView } from './run/home.js';
export { periodBounds } from './run/period-bounds.js';
export type {
  CommandContext,
  ConnectionStatus,
  SlaQueries,
  StoredSubscription,
} from './run/queries.js';
export { SLA_APOLOGY, slaRequest } from './run/sla-request.js';
export { SNOOZE_CHOICES, type SnoozeChoice, snoozeUntil } from './run/snooze.js';
export {
  alertHeadline,
  formatChange,
  formatDuration,
  formatLocal,
  formatPct,
  metricLabel,
  truncate,
} from './views/format.js';
export type * from './views/types.js';
