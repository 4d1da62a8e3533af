// What the web console stores and reads besides what the API does: sign-in links and
// sessions, the events a what-if replays, and the mark its live pages watch.
// The one entry other folders and @breachless/db import this folder through.

export { acksOfTickets, type CycleAckView } from './acks.js';
export { type ConfigVersionView, configHistory } from './config-history.js';
export {
  type ConsoleRole,
  type ConsoleSession,
  consoleSession,
  createLoginLink,
  endConsoleSession,
  openConsoleSession,
  redeemLoginLink,
  spendSignInState,
} from './sign-in.js';
export { type SubscriptionView, tenantSubscriptions } from './subscriptions.js';
export { eventsOfWindow, tenantChangeMark } from './window.js';
