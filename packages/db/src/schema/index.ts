export {
  chatIdentities,
  chatSubscriptions,
  cycleAcks,
  deliveries,
  digestRuns,
  notifications,
} from './chat.js';
export { consoleLoginLinks, consoleSessions } from './console.js';
export { cycles } from './cycles.js';
export { chatConversations, chatInstallations, chatReceipts } from './installations.js';
export type {
  DigestPayload,
  DigestSchedule,
  NotificationPayload,
  SubscriptionFilters,
} from './payloads.js';
export { quarantinedTickets } from './quarantine.js';
export { queueInteractions } from './queues.js';
export { reportPeriods, reportShapes } from './reports.js';
export { simulatedClocks } from './simulated-clocks.js';
export { syncConnections } from './sync.js';
export { apiTokens, configs, tenants, webhookSecrets } from './tenants.js';
export { ticketEvents, ticketRevisions, tickets } from './tickets.js';
