/**
 * @breachless/chat: what the Slack and Teams apps share, so neither the rest of the product
 * nor the other app imports a chat SDK.
 */
export { parseCommand } from './commands/parse.js';
export {
  DIGEST_SCHEDULES,
  type DigestSchedule,
  type ParseResult,
  type Period,
  type SlaCommand,
  STATS_GROUPS,
  type StatsGroup,
} from './commands/types.js';
export { allUsage, USAGE } from './commands/usage.js';
export {
  type ConsoleDelivery,
  type ConsoleDeliveryOptions,
  consoleDelivery,
} from './console/console-delivery.js';
export {
  type ConsoleChatPort,
  type ConsolePortOptions,
  consolePort,
} from './console/console-port.js';
export { renderText } from './console/text-view.js';
export { alertView, deliverAlert, settledView, stateOf } from './delivery/alert-view.js';
export { type Backoff, DELIVERY_ATTEMPTS, exponentialBackoff } from './delivery/backoff.js';
export { deliverNotification } from './delivery/deliver.js';
export { DeliveryLanes, type LanesOptions, type Send } from './delivery/lanes.js';
export {
  type DeliveryLogger,
  type DeliveryTarget,
  type PlatformDelivery,
  type PlatformDeliveryOptions,
  platformDelivery,
} from './delivery/platform-delivery.js';
export { DeliveryPump, type PumpOptions } from './delivery/pump.js';
export { realTimer, type Timer } from './delivery/timer.js';
export {
  type AlertDelivery,
  type AlertPayload,
  type ClaimedDelivery,
  type DigestDelivery,
  laneOf,
  type Outbox,
  type UnsettledMessage,
} from './delivery/types.js';
export { type ComplianceSeries, complianceChart } from './digest/chart.js';
export { type DigestSlot, latestSlot } from './digest/schedule.js';
export { CHAT_SERVER_LIMITS, type ChatServerLimits, chatServer } from './http/chat-server.js';
export { SLACK_BOT_SCOPES } from './platforms.js';
export type { ChatPort, MessageRef } from './port/chat-port.js';
export {
  ChatError,
  PermanentChatError,
  RateLimitedError,
  TransientChatError,
} from './port/errors.js';
export { ALERT_ACTIONS_DAYS, staleAlertNotice } from './run/alert-age.js';
export { homeView } from './run/home.js';
export { describeSubscription } from './run/manage.js';
export { type Bounds, periodBounds } from './run/period-bounds.js';
export type { CommandContext, SlaQueries, StoredSubscription } from './run/queries.js';
export { runCommand } from './run/run-command.js';
export {
  type Asker,
  SLA_APOLOGY,
  type SlaPrefix,
  type SlaRequest,
  slaRequest,
} from './run/sla-request.js';
export { SNOOZE_CHOICES, type SnoozeChoice, snoozeUntil } from './run/snooze.js';
export * from './views/format.js';
export type * from './views/types.js';
