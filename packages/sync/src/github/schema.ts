import { z } from 'zod';

// Shapes as GitHub's REST API description (github/rest-api-description, api.github.com
// OpenAPI) defines them, as far as sync reads them: `issues/list-for-repo` answers
// `issue` objects, `issues/list-events-for-timeline` answers `timeline-issue-events`.

const user = z.looseObject({ login: z.string(), type: z.string().optional() });

/** An issue of `GET /repos/{owner}/{repo}/issues` (pull requests carry `pull_request`). */
export const restIssueSchema = z.looseObject({
  id: z.number(),
  number: z.number().int().positive(),
  repository_url: z.string(),
  html_url: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  state: z.string().optional(),
  user,
  labels: z.array(z.union([z.string(), z.looseObject({ name: z.string() })])).default([]),
  assignee: user.nullable().optional(),
  assignees: z.array(user).nullable().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullable().optional(),
  pull_request: z.unknown().optional(),
});

/**
 * One timeline event: `commented` (a comment: its `id` is the comment's, `user`,
 * `author_association`), `labeled`/`unlabeled` (`label`), `assigned`/`unassigned`
 * (`assignee`), `renamed` (`rename.from`, `rename.to`), `closed`, `reopened`; other kinds
 * (cross-referenced, committed...) are kept and ignored.
 */
export const timelineEventSchema = z.looseObject({
  event: z.string(),
  id: z.number().optional(),
  created_at: z.string().optional(),
  actor: user.nullable().optional(),
  user: user.nullable().optional(),
  author_association: z.string().optional(),
  label: z.looseObject({ name: z.string() }).optional(),
  assignee: user.nullable().optional(),
  rename: z.looseObject({ from: z.string(), to: z.string() }).optional(),
});

export type RestIssue = z.output<typeof restIssueSchema>;
export type TimelineEvent = z.output<typeof timelineEventSchema>;

/** What sync reads of one changed issue: the issue as it is now and its whole timeline. */
export interface IssueRecord {
  readonly issue: RestIssue;
  readonly timeline: readonly TimelineEvent[];
}
