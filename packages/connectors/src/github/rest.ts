/**
 * `@breachless/connectors/github`: what sync needs to map GitHub's REST API exactly as the
 * webhooks are mapped. Sync rebuilds each change as the `issues` or `issue_comment`
 * payload GitHub would have sent and maps it through these same functions, so the two
 * paths cannot drift apart.
 */
export { mapIssueComment } from './comments.js';
export { type Draft, mapIssuesEvent } from './issues.js';
export { GITHUB, type GitHubOptions, githubTicketId } from './options.js';
export {
  type GitHubCommentPayload,
  type GitHubIssuesPayload,
  githubCommentPayloadSchema,
  githubIssuesPayloadSchema,
} from './schema.js';
