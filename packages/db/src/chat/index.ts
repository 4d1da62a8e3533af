// What the chat apps store: installations, conversations, linked identities, channel
// subscriptions, and the `/sla` queries over reports and cycles.
// The one entry other folders and @breachless/db import this folder through.
export {
  findConversation,
  forgetConversations,
  type StoredConversation,
  saveConversation,
} from './conversations.js';
export { agentOf, linkIdentity, recordAck, userOfAgent } from './identities.js';
export {
  deleteInstallation,
  findInstallation,
  firstReceipt,
  forgetReceipts,
  installationOfTenant,
  saveInstallation,
} from './installations.js';
export { type ChatScope, chatQueries } from './queries.js';
export {
  addSubscription,
  type ChannelSubscription,
  channelSubscriptions,
  type NewSubscription,
} from './subscriptions.js';
