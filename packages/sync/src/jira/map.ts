import {
  commentCreated,
  issueCreated,
  issueUpdated,
  type JiraOptions,
  jiraWebhookSchema,
} from '@breachless/connectors/jira';
import { mapChecked } from '../map-checked.js';
import type { Mapped } from '../platform.js';
import type { History, JiraRecord } from './schema.js';

type Raw = Record<string, unknown> & { fields: Record<string, unknown> };
type Item = Record<string, unknown> & { field: string };

/**
 * Maps each issue as its webhooks would have: `jira:issue_created` for the issue as it was
 * created (its fields now, each tracked field rolled back to its first changelog item's
 * `from`), `jira:issue_updated` for each changelog history and `comment_created` for each
 * comment, through connectors' own mapping. The ids are the webhooks' (`jira:<issue
 * id>:created`, `:changelog:<history id>`, `:comment:<comment id>`): a change seen both ways
 * is one event.
 */
export function mapJira(records: readonly JiraRecord[], options: JiraOptions): Mapped {
  // connectors' ConnectorError names the problems of a status no mapping knows.
  return mapChecked(
    records,
    (r) => `issue ${r.issue.key}`,
    (r) => issueEvents(r, options),
  );
}

function issueEvents(record: JiraRecord, options: JiraOptions): Record<string, unknown>[] {
  const raw = record.raw as Raw;
  const status = (name: unknown) =>
    typeof name === 'string'
      ? { name, statusCategory: { key: record.categories.get(name.toLowerCase()) } }
      : undefined;
  const created = jiraWebhookSchema.parse({
    webhookEvent: 'jira:issue_created',
    issue: { ...raw, fields: asCreated(raw.fields, record.histories, status, options) },
  });
  const drafts: Record<string, unknown>[] = [];
  if (created.issue) drafts.push(issueCreated(created.issue, options));
  for (const h of record.histories) {
    const moved = h.items.find((i) => i.field.toLowerCase() === 'status') as Item | undefined;
    const fields = moved ? { ...raw.fields, status: status(moved.toString) } : raw.fields;
    const hook = jiraWebhookSchema.parse({
      webhookEvent: 'jira:issue_updated',
      timestamp: millis(h.created),
      changelog: { id: h.id, items: h.items },
      issue: { ...raw, fields },
    });
    const update = hook.issue ? issueUpdated(hook, hook.issue, options) : undefined;
    if (update) drafts.push(update);
  }
  for (const c of record.comments) {
    const hook = jiraWebhookSchema.parse({
      webhookEvent: 'comment_created',
      comment: c,
      issue: raw,
    });
    if (hook.comment && hook.issue) drafts.push(commentCreated(hook.comment, hook.issue, options));
  }
  return drafts;
}

/** The fields as created: each one a history changed, as that first change found it. */
function asCreated(
  now: Record<string, unknown>,
  histories: readonly History[],
  status: (name: unknown) => unknown,
  options: JiraOptions,
): Record<string, unknown> {
  const fields = { ...now };
  const done = new Set<string>();
  for (const h of histories)
    for (const item of h.items as Item[]) {
      const field = item.field.toLowerCase();
      if (done.has(field)) continue;
      done.add(field);
      const from = text(item.from);
      const fromText = text(item.fromString);
      if (field === 'status') fields.status = status(fromText);
      else if (field === 'priority')
        fields.priority = fromText === null ? null : { name: fromText };
      else if (field === 'assignee') fields.assignee = from === null ? null : { accountId: from };
      else if (field === 'labels') fields.labels = fromText?.split(/\s+/).filter(Boolean) ?? [];
      else if (field === 'summary') fields.summary = fromText;
      else if (options.teamField !== undefined && field === options.teamField.toLowerCase())
        fields[options.teamField] = fromText;
    }
  return fields;
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** Jira's `2026-11-02T10:00:00.000+0100` (no colon in the offset) as epoch milliseconds. */
export function millis(value: string): number {
  return Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}
