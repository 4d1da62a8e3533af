import type { TicketFields } from '@breachless/core';
import { ConnectorError } from '../errors.js';
import { toWireInstant } from '../shared/instant.js';
import { lookup } from '../shared/lookup.js';
import { priorityFromLabels } from './labels.js';
import { GITHUB, type GitHubOptions, githubTicketId, isAgentLogin } from './options.js';
import type { GitHubIssue, GitHubIssuesPayload } from './schema.js';

/** An event before it gets its id (from the delivery). */
export type Draft = Record<string, unknown> & { ticket: string; at: string; type: string };

/**
 * Maps an `issues` event. GitHub sends no instant for the action itself, so each action
 * takes the issue's own timestamp that it sets: `created_at` when opened, `closed_at` when
 * closed, `updated_at` otherwise.
 * @returns the event, or why the action is not tracked
 */
export function mapIssuesEvent(
  payload: GitHubIssuesPayload,
  options: GitHubOptions,
): Draft | string {
  const { issue, repository } = payload;
  if (issue.pull_request !== undefined) return 'pull requests are not tickets';
  const ticket = githubTicketId(repository.full_name, issue.number);
  const updated = { ticket, at: instant(issue.updated_at, 'issue.updated_at') };
  const update = (fields: TicketFields): Draft => ({ ...updated, type: 'ticket.updated', fields });
  const labels = labelNames(issue);
  switch (payload.action) {
    case 'opened':
      return {
        ticket,
        at: instant(issue.created_at, 'issue.created_at'),
        type: 'ticket.created',
        by: isAgentLogin(issue.user.login, options) ? 'agent' : 'customer',
        fields: openedFields(issue, repository.full_name, options),
      };
    case 'closed':
      // Closed issues can be reopened, which `closed` (final) would forbid: they are solved.
      return {
        ...update({ status: 'solved' }),
        at: instant(issue.closed_at ?? issue.updated_at, 'issue.closed_at'),
      };
    case 'reopened':
      return update({ status: 'open' });
    case 'labeled':
    case 'unlabeled':
      return update({
        tags: labels,
        priority: priorityFromLabels(labels, options.labelPriorities),
      });
    case 'assigned':
    case 'unassigned':
      return update({ assignee: issue.assignee?.login ?? null });
    case 'edited':
      return payload.changes?.title
        ? update({ subject: issue.title ?? null })
        : 'only the body was edited';
    case 'deleted':
      return { ...updated, type: 'ticket.deleted' };
    default:
      return `issues.${payload.action} is not tracked`;
  }
}

function openedFields(
  issue: GitHubIssue,
  repository: string,
  options: GitHubOptions,
): TicketFields {
  const labels = labelNames(issue);
  const fields: TicketFields = {
    status: 'new',
    priority: priorityFromLabels(labels, options.labelPriorities),
    channel: 'github',
    tags: labels,
    assignee: issue.assignee?.login ?? null,
    requester: issue.user.login,
    subject: issue.title ?? null,
    url: issue.html_url ?? null,
  };
  const team = lookup(options.teams, repository);
  return team === undefined ? fields : { ...fields, team };
}

function labelNames(issue: GitHubIssue): string[] {
  return (issue.labels ?? []).map((l) => l.name);
}

/** A GitHub timestamp in wire form. @throws ConnectorError naming the field */
export function instant(value: string, path: string): string {
  const at = toWireInstant(value);
  if (at === undefined)
    throw new ConnectorError('payload_invalid', GITHUB, 'an instant is malformed', [
      { path, message: `"${value}" is not an ISO-8601 instant with an offset` },
    ]);
  return at;
}
