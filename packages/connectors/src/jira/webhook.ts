import { ConnectorError } from '../errors.js';
import { validated } from '../shared/emit.js';
import { jsonBody, readPayload } from '../shared/payload.js';
import { ignored, type WebhookMapping } from '../webhooks/types.js';
import { commentCreated } from './comments.js';
import { instant, issueCreated, issueUpdated } from './issues.js';
import { JIRA, type JiraOptions } from './options.js';
import { type JiraIssue, jiraWebhookSchema } from './schema.js';

/**
 * Maps a Jira (Service Management) webhook to ticket events: `jira:issue_created`,
 * `jira:issue_updated` (its changelog), `jira:issue_deleted` and `comment_created`. Ticket
 * ids are issue keys (`SUP-42`). Event ids come from the payload (`jira:<issue id>:created`,
 * `...:changelog:<id>`, `...:comment:<id>`), so retries and replays are duplicates. The
 * comment Jira also attaches to `jira:issue_updated` is ignored there: `comment_created`
 * carries it, and mapping both would count it twice.
 * @throws ConnectorError when the payload is not shaped as Jira documents it, or names a
 *   status no mapping knows
 */
export function mapJiraWebhook(body: unknown, options: JiraOptions = {}): WebhookMapping {
  const hook = readPayload(JIRA, jiraWebhookSchema, jsonBody(JIRA, body));
  const tracked = [
    'jira:issue_created',
    'jira:issue_updated',
    'jira:issue_deleted',
    'comment_created',
  ];
  if (!tracked.includes(hook.webhookEvent)) return ignored(`${hook.webhookEvent} is not tracked`);
  const issue = requireIssue(hook.issue);
  switch (hook.webhookEvent) {
    case 'jira:issue_created':
      return events([issueCreated(issue, options)]);
    case 'jira:issue_updated': {
      const update = issueUpdated(hook, issue, options);
      return update === undefined ? ignored('no tracked field changed') : events([update]);
    }
    case 'jira:issue_deleted':
      return events([
        {
          id: `${JIRA}:${issue.id}:deleted`,
          ticket: issue.key,
          at: instant(hook.timestamp, 'timestamp'),
          type: 'ticket.deleted',
        },
      ]);
    default: {
      if (hook.comment === undefined)
        throw new ConnectorError('payload_invalid', JIRA, 'comment_created without a comment', [
          { path: 'comment', message: 'is required' },
        ]);
      return events([commentCreated(hook.comment, issue, options)]);
    }
  }
}

function requireIssue(issue: JiraIssue | undefined): JiraIssue {
  if (issue === undefined)
    throw new ConnectorError('payload_invalid', JIRA, 'the webhook carries no issue', [
      { path: 'issue', message: 'is required' },
    ]);
  return issue;
}

function events(drafts: readonly Record<string, unknown>[]): WebhookMapping {
  return { kind: 'events', events: validated(JIRA, drafts) };
}
