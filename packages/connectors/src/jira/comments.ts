import { type Draft, instant } from './issues.js';
import { isJiraAgent, JIRA, type JiraOptions, jiraUserId } from './options.js';
import type { JiraIssue, JiraUser } from './schema.js';

/**
 * Who wrote a comment, in the order these rules apply:
 * 1. a configured agent (`agentAccountIds`): `agent`;
 * 2. an app (`accountType` app: automation rules, integrations): `system`;
 * 3. a service desk customer account (`accountType` customer): `customer`;
 * 4. the request's reporter: `customer` (the reporter is who the request is for);
 * 5. anyone else: `agent` (on a service desk, others who comment are staff).
 */
export function commentAuthor(
  author: JiraUser | undefined,
  issue: JiraIssue,
  options: JiraOptions,
): 'customer' | 'agent' | 'system' {
  const id = jiraUserId(author);
  if (isJiraAgent(id, options)) return 'agent';
  if (author?.accountType === 'app') return 'system';
  if (author?.accountType === 'customer') return 'customer';
  if (id !== null && id === jiraUserId(issue.fields.reporter)) return 'customer';
  return 'agent';
}

/**
 * `comment_created`: a message at the comment's `created` instant. `jsdPublic` false is
 * an internal note; a comment without it (a plain Jira project) is public.
 */
export function commentCreated(
  comment: {
    id: string;
    author?: JiraUser | undefined;
    created: string;
    jsdPublic?: boolean | undefined;
  },
  issue: JiraIssue,
  options: JiraOptions,
): Draft {
  return {
    id: `${JIRA}:${issue.id}:comment:${comment.id}`,
    ticket: issue.key,
    at: instant(comment.created, 'comment.created'),
    type: 'message',
    author: commentAuthor(comment.author, issue, options),
    public: comment.jsdPublic ?? true,
  };
}
