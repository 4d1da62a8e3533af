import { z } from 'zod';

// Shapes of Jira Cloud's REST API v3 as its reference documents them, as far as sync reads
// them: "Search for issues using JQL enhanced search" (`GET /rest/api/3/search/jql`,
// SearchAndReconcileResults: `issues`, `nextPageToken`, `isLast`), an issue's `changelog`
// (PageOfChangelogs: `startAt`, `maxResults`, `total`, `histories`), "Get changelogs"
// (`GET /rest/api/3/issue/{id}/changelog`, PageBeanChangelog: `values`, `isLast`) and "Get
// comments" (`GET /rest/api/3/issue/{id}/comment`, PageOfComments: `comments`, `total`).

const id = z.union([z.string(), z.number()]).transform(String);

/** One changelog history: who changed what, when, with its items (`toString` and all). */
export const historySchema = z.looseObject({
  id,
  created: z.string(),
  items: z.array(z.looseObject({ field: z.string() })),
});

/** A comment (`jsdPublic` on Service Management projects). */
export const commentSchema = z.looseObject({
  id,
  created: z.string(),
  author: z.looseObject({}).optional(),
  jsdPublic: z.boolean().optional(),
});

const commentPage = z.looseObject({
  comments: z.array(commentSchema),
  total: z.number().optional(),
  startAt: z.number().optional(),
});

/** An issue of a search page: its fields now, and as much changelog as the search gave. */
export const searchIssueSchema = z.looseObject({
  id,
  key: z.string().min(1),
  self: z.string().optional(),
  fields: z.looseObject({
    updated: z.string(),
    created: z.string(),
    comment: commentPage.optional(),
  }),
  changelog: z
    .looseObject({ histories: z.array(historySchema), total: z.number().optional() })
    .optional(),
});

export const searchPageSchema = z.looseObject({
  issues: z.array(z.unknown()),
  nextPageToken: z.string().nullable().optional(),
  isLast: z.boolean().optional(),
});

export const changelogPageSchema = z.looseObject({
  values: z.array(historySchema),
  isLast: z.boolean().optional(),
  total: z.number().optional(),
});

export const commentPageSchema = commentPage;

export type History = z.output<typeof historySchema>;
export type Comment = z.output<typeof commentSchema>;
export type SearchIssue = z.output<typeof searchIssueSchema>;

/**
 * What sync reads of one changed issue: the issue as it is now (the search's raw object,
 * mapped by connectors' schema), all its histories and all its comments.
 */
export interface JiraRecord {
  readonly raw: Record<string, unknown>;
  readonly issue: SearchIssue;
  readonly histories: readonly History[];
  readonly comments: readonly Comment[];
  /** Status name (lowercase) -> category key, when a status needs its category. */
  readonly categories: ReadonlyMap<string, string>;
}
