/**
 * @breachless/core: the pure SLA engine. Calendars, policies, cycles and compliance,
 * with no I/O; every other package is a thin layer around it.
 */
export * from './calendar/index.js';
export { clientDataProblems } from './client-data.js';
export * from './compliance/index.js';
export * from './config/index.js';
export * from './contact-center/index.js';
export * from './contracts/index.js';
export * from './engine/index.js';
export {
  BreachlessError,
  ConfigError,
  EventsError,
  formatPath,
  type Problem,
} from './errors.js';
export * from './events/index.js';
export { aheadProblem, instantRangeProblem, LIMITS } from './limits.js';
export {
  type AlertPayload,
  type Destination,
  formatDestination,
  NO_DESTINATION,
  type NotificationKind,
  parseDestination,
} from './outbox.js';
export * from './time/index.js';
