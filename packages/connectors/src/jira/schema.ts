import { z } from 'zod';

const id = z.union([z.string(), z.number()]).transform(String);

/** A Jira user; Cloud identifies users by `accountId`, Server and Data Center by `name`. */
const jiraUserSchema = z.looseObject({
  accountId: z.string().optional(),
  accountType: z.string().optional(),
  name: z.string().optional(),
  emailAddress: z.string().nullable().optional(),
  displayName: z.string().nullable().optional(),
});

const named = z.looseObject({ name: z.string() });

/** The issue object of Jira webhooks, as far as we read it. */
const jiraIssueSchema = z.looseObject({
  id,
  key: z.string().min(1),
  self: z.string().optional(),
  fields: z.looseObject({
    summary: z.string().nullable().optional(),
    status: z
      .looseObject({
        name: z.string(),
        statusCategory: z.looseObject({ key: z.string().optional() }).optional(),
      })
      .optional(),
    priority: named.nullable().optional(),
    assignee: jiraUserSchema.nullable().optional(),
    reporter: jiraUserSchema.nullable().optional(),
    labels: z.array(z.string()).nullable().optional(),
    created: z.string().optional(),
    updated: z.string().optional(),
  }),
});

// `toString`/`fromString` are read by hand: as zod shape keys they would meet
// Object.prototype.toString on items that lack them.
const changeItem = z.looseObject({ field: z.string() }).transform((raw) => {
  const own = (key: string) => {
    const value = Object.hasOwn(raw, key) ? (raw as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' && value !== '' ? value : null;
  };
  return { field: raw.field, to: own('to'), toText: own('toString') };
});

/** A Jira webhook body (`jira:issue_*`, `comment_*`). */
export const jiraWebhookSchema = z.looseObject({
  webhookEvent: z.string(),
  timestamp: z.number().optional(),
  user: jiraUserSchema.optional(),
  issue: jiraIssueSchema.optional(),
  changelog: z.looseObject({ id: id.optional(), items: z.array(changeItem) }).optional(),
  comment: z
    .looseObject({
      id,
      author: jiraUserSchema.optional(),
      created: z.string(),
      jsdPublic: z.boolean().optional(),
    })
    .optional(),
});

export type JiraUser = z.output<typeof jiraUserSchema>;
export type JiraIssue = z.output<typeof jiraIssueSchema>;
export type JiraWebhook = z.output<typeof jiraWebhookSchema>;
