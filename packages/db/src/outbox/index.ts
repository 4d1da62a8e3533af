// Notifications, from a cycle's level to a chat message: the rows a recompute calls for, routed
// to their destinations and written once, deliveries claimed and marked by the chat apps, digests,
// and the log of what was sent.
// The one entry other folders and @breachless/db import this folder through.
export { type CycleAlert, cycleAlert, teamOfAgent } from './cycle-alert.js';
export { deliveryOutbox } from './delivery-port.js';
export {
  type DigestSubscription,
  digestRunExists,
  digestSubscriptions,
  queueDigest,
} from './digests.js';
export { type NotificationView, notificationLog } from './log.js';
export { notificationRows } from './notification-rows.js';
export { type RoutingFacts, routeNotifications, routingFacts } from './routing.js';
export { type CreatedNotification, insertDeliveries, insertNotifications } from './write.js';
