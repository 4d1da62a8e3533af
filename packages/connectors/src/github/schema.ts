import { z } from 'zod';

const user = z.looseObject({ login: z.string(), type: z.string().optional() });

/** The issue object of `issues` and `issue_comment` payloads, as far as we read it. */
const githubIssueSchema = z.looseObject({
  number: z.number().int().positive(),
  title: z.string().nullable().optional(),
  html_url: z.string().nullable().optional(),
  state: z.string().optional(),
  user,
  labels: z
    .array(z.looseObject({ name: z.string() }))
    .nullable()
    .optional(),
  assignee: user.nullable().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullable().optional(),
  pull_request: z.unknown().optional(),
});

const repository = z.looseObject({ full_name: z.string().min(1) });

/** An `issues` event payload. */
export const githubIssuesPayloadSchema = z.looseObject({
  action: z.string(),
  issue: githubIssueSchema,
  repository,
  changes: z
    .looseObject({ title: z.looseObject({ from: z.string() }).optional() })
    .nullable()
    .optional(),
});

/** An `issue_comment` event payload. */
export const githubCommentPayloadSchema = z.looseObject({
  action: z.string(),
  issue: githubIssueSchema,
  repository,
  comment: z.looseObject({
    id: z.number(),
    user,
    created_at: z.string(),
    author_association: z.string().optional(),
  }),
});

export type GitHubIssue = z.output<typeof githubIssueSchema>;
export type GitHubIssuesPayload = z.output<typeof githubIssuesPayloadSchema>;
export type GitHubCommentPayload = z.output<typeof githubCommentPayloadSchema>;
