import { type Draft, instant } from './issues.js';
import { type GitHubOptions, githubTicketId, isAgentLogin } from './options.js';
import type { GitHubCommentPayload } from './schema.js';

// Associations that mean the commenter belongs to the project, not to its users.
const MEMBERS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/**
 * Who wrote a comment, in the order these rules apply:
 * 1. a bot account (`user.type` Bot): `system` (automations are never a response);
 * 2. a login listed in `agentLogins`: `agent`;
 * 3. the issue's author: `customer` (the one waiting), even when a member;
 * 4. an OWNER, MEMBER or COLLABORATOR of the repository: `agent`;
 * 5. anyone else: `customer` (someone else who is waiting on the issue too).
 */
export function commentAuthor(
  payload: GitHubCommentPayload,
  options: GitHubOptions,
): 'customer' | 'agent' | 'system' {
  const { comment, issue } = payload;
  if (comment.user.type === 'Bot') return 'system';
  if (isAgentLogin(comment.user.login, options)) return 'agent';
  if (comment.user.login.toLowerCase() === issue.user.login.toLowerCase()) return 'customer';
  if (MEMBERS.has(comment.author_association ?? '')) return 'agent';
  return 'customer';
}

/**
 * Maps an `issue_comment` event: a new comment is a public message (GitHub comments have
 * no private form). Edits and deletions change nothing a clock reads.
 */
export function mapIssueComment(
  payload: GitHubCommentPayload,
  options: GitHubOptions,
): Draft | string {
  if (payload.issue.pull_request !== undefined) return 'pull requests are not tickets';
  if (payload.action !== 'created') return `issue_comment.${payload.action} is not tracked`;
  return {
    ticket: githubTicketId(payload.repository.full_name, payload.issue.number),
    at: instant(payload.comment.created_at, 'comment.created_at'),
    type: 'message',
    author: commentAuthor(payload, options),
    public: true,
  };
}
