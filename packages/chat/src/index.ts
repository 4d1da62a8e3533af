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
