import type { TicketFields } from '@breachless/core';
import { ConnectorError } from '../errors.js';
import { toWireInstant } from '../shared/instant.js';
import { lookup } from '../shared/lookup.js';
import { fieldText, isJiraAgent, JIRA, type JiraOptions, jiraUserId } from './options.js';
import type { JiraIssue, JiraWebhook } from './schema.js';
import { jiraPriority, jiraStatus } from './statuses.js';

/** An event before validation. */
export type Draft = Record<string, unknown>;

/**
 * `jira:issue_created`: the request as created, at its `created` instant. `by` is the
 * customer unless the reporter is a configured agent (an internal request).
 */
export function issueCreated(issue: JiraIssue, options: JiraOptions): Draft {
  const f = issue.fields;
  const reporter = jiraUserId(f.reporter);
  const fields: TicketFields = {
    status: f.status ? statusOf(f.status.name, f.status.statusCategory?.key, options) : 'new',
    priority: jiraPriority(f.priority?.name, options.priorities),
    assignee: jiraUserId(f.assignee),
    requester: reporter,
    subject: f.summary ?? null,
    tags: f.labels ?? [],
    channel: options.channel ?? 'jira',
    url: browseUrl(issue),
  };
  if (options.teamField !== undefined)
    fields.team = fieldText(lookup(f as Record<string, unknown>, options.teamField));
  return {
    id: `${JIRA}:${issue.id}:created`,
    ticket: issue.key,
    at: instant(f.created, 'issue.fields.created'),
    type: 'ticket.created',
    by: isJiraAgent(reporter, options) ? 'agent' : 'customer',
    fields,
  };
}

/**
 * `jira:issue_updated`: one `ticket.updated` with the changelog's status, priority,
 * assignee, labels, summary and team items, at the webhook's `timestamp`. Its id is the
 * changelog's id, so a retried delivery is a duplicate. `undefined` when nothing tracked
 * changed (a comment, a description edit...).
 */
export function issueUpdated(hook: JiraWebhook, issue: JiraIssue, options: JiraOptions) {
  const fields: TicketFields = {};
  for (const item of hook.changelog?.items ?? []) {
    const field = item.field.toLowerCase();
    if (field === 'status' && item.toText !== null) {
      // The changelog names the new status but not its category; the issue, sent after
      // the change, carries both.
      const current = issue.fields.status;
      const category = current?.name === item.toText ? current.statusCategory?.key : undefined;
      fields.status = statusOf(item.toText, category, options);
    } else if (field === 'priority')
      fields.priority = jiraPriority(item.toText, options.priorities);
    else if (field === 'assignee') fields.assignee = item.to ?? null;
    else if (field === 'labels') fields.tags = item.toText?.split(/\s+/).filter(Boolean) ?? [];
    else if (field === 'summary') fields.subject = item.toText;
    else if (options.teamField !== undefined && field === options.teamField.toLowerCase())
      fields.team = item.toText;
  }
  if (Object.keys(fields).length === 0) return undefined;
  const changelog = hook.changelog?.id;
  if (changelog === undefined)
    throw new ConnectorError('payload_invalid', JIRA, 'the changelog has no id', [
      { path: 'changelog.id', message: 'is required' },
    ]);
  return {
    id: `${JIRA}:${issue.id}:changelog:${changelog}`,
    ticket: issue.key,
    at: instant(hook.timestamp ?? issue.fields.updated, 'timestamp'),
    type: 'ticket.updated',
    fields,
  };
}

function statusOf(name: string, category: string | undefined, options: JiraOptions) {
  const status = jiraStatus(name, category, options);
  if (status === undefined)
    throw new ConnectorError('payload_invalid', JIRA, `status "${name}" is not mapped`, [
      { path: 'status', message: `"${name}" has no mapping; add it to the statuses option` },
    ]);
  return status;
}

// `self` is the REST address (https://site.atlassian.net/rest/api/2/issue/10001); people
// open https://site.atlassian.net/browse/KEY.
function browseUrl(issue: JiraIssue): string | null {
  if (issue.self === undefined) return null;
  try {
    return `${new URL(issue.self).origin}/browse/${issue.key}`;
  } catch {
    return null;
  }
}

/** A Jira instant (`2026-11-02T09:00:00.000+0000` or epoch ms) in wire form. */
export function instant(value: string | number | undefined, path: string): string {
  const at = toWireInstant(value);
  if (at === undefined)
    throw new ConnectorError('payload_invalid', JIRA, 'an instant is missing or malformed', [
      { path, message: `${JSON.stringify(value) ?? 'nothing'} is not an instant` },
    ]);
  return at;
}
