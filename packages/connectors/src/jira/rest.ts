/**
 * `@breachless/connectors/jira`: what sync needs to map Jira's REST API exactly as the
 * webhooks are mapped. A search result's changelog histories and comments carry the ids
 * webhooks carry, so sync rebuilds each as the webhook body and maps it through these same
 * functions: a change seen both ways gets one id.
 */
export { commentCreated } from './comments.js';
export { issueCreated, issueUpdated } from './issues.js';
export { JIRA, type JiraOptions } from './options.js';
export { type JiraIssue, type JiraWebhook, jiraWebhookSchema } from './schema.js';
export { jiraStatus } from './statuses.js';
