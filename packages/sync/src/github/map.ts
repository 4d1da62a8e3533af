import {
  type Draft,
  GITHUB,
  type GitHubOptions,
  githubCommentPayloadSchema,
  githubIssuesPayloadSchema,
  mapIssueComment,
  mapIssuesEvent,
} from '@breachless/connectors/github';
import { mapChecked } from '../map-checked.js';
import type { Mapped } from '../platform.js';
import type { IssueRecord, RestIssue, TimelineEvent } from './schema.js';

type Login = { login: string; type?: string | undefined };

/** The issue as it stood at one moment of its timeline. */
interface IssueState {
  labels: string[];
  assignees: Login[];
  title: string | null;
}

/**
 * Maps each issue's timeline to ticket events by rebuilding, for each change, the payload
 * GitHub's webhook would have carried (the issue as it stood then) and mapping it through
 * connectors' own webhook mapping: same tickets, fields, authors and instants.
 * Ids: a comment's is the webhook's (`github:comment:<id>`); an `issues` webhook's id hashes
 * its body, which the REST API cannot rebuild byte for byte, so the other changes get their
 * timeline event's id (`github:event:<id>`; the opening `github:issue:<id>:opened`) and a
 * change a webhook delivered is recognised by what it says (seen.ts).
 */
export function mapGitHub(records: readonly IssueRecord[], options: GitHubOptions): Mapped {
  return mapChecked(
    records,
    (r) => `issue ${r.issue.number}`,
    (r) => issueEvents(r, options),
  );
}

function issueEvents({ issue, timeline }: IssueRecord, options: GitHubOptions): Draft[] {
  const repository = { full_name: repositoryOf(issue.repository_url) };
  const created = Date.parse(issue.created_at);
  const state = initialState(issue, timeline, created);
  const payload = (at: string, closedAt?: string) => ({
    number: issue.number,
    title: state.title,
    html_url: issue.html_url ?? null,
    user: issue.user,
    labels: state.labels.map((name) => ({ name })),
    assignee: state.assignees[0] ?? null,
    created_at: issue.created_at,
    updated_at: at,
    ...(closedAt !== undefined ? { closed_at: closedAt } : {}),
  });
  const opened = mapIssuesEvent(
    githubIssuesPayloadSchema.parse({
      action: 'opened',
      issue: payload(issue.created_at),
      repository,
    }),
    options,
  );
  const drafts: Draft[] = [];
  if (typeof opened !== 'string')
    drafts.push({ ...opened, id: `${GITHUB}:issue:${issue.id}:opened` });
  for (const e of timeline) {
    if (e.created_at === undefined || e.id === undefined) continue;
    const at = e.created_at;
    if (e.event === 'commented') {
      const comment = {
        id: e.id,
        user: e.user ?? e.actor,
        created_at: at,
        author_association: e.author_association,
      };
      const draft = mapIssueComment(
        githubCommentPayloadSchema.parse({
          action: 'created',
          issue: payload(at),
          repository,
          comment,
        }),
        options,
      );
      if (typeof draft !== 'string') drafts.push({ ...draft, id: `${GITHUB}:comment:${e.id}` });
      continue;
    }
    const change = apply(state, e);
    if (change === undefined) continue;
    const draft = mapIssuesEvent(
      githubIssuesPayloadSchema.parse({
        action: change.action,
        issue: payload(at, change.action === 'closed' ? at : undefined),
        repository,
        ...(change.changes ? { changes: change.changes } : {}),
      }),
      options,
    );
    if (typeof draft !== 'string') drafts.push({ ...draft, id: `${GITHUB}:event:${e.id}` });
  }
  return drafts;
}

/** Applies a timeline event to the state: the `issues` action it was, or none. */
function apply(state: IssueState, e: TimelineEvent) {
  switch (e.event) {
    case 'labeled':
      if (e.label && !state.labels.includes(e.label.name)) state.labels.push(e.label.name);
      return { action: 'labeled' };
    case 'unlabeled':
      state.labels = state.labels.filter((l) => l !== e.label?.name);
      return { action: 'unlabeled' };
    case 'assigned':
      if (e.assignee && !state.assignees.some((a) => a.login === e.assignee?.login))
        state.assignees.push(e.assignee);
      return { action: 'assigned' };
    case 'unassigned':
      state.assignees = state.assignees.filter((a) => a.login !== e.assignee?.login);
      return { action: 'unassigned' };
    case 'renamed':
      state.title = e.rename?.to ?? state.title;
      return { action: 'edited', changes: { title: { from: e.rename?.from ?? '' } } };
    case 'closed':
    case 'reopened':
      return { action: e.event };
    default:
      return undefined;
  }
}

/**
 * The issue as it was opened: its labels, assignees and title now, with every later
 * change undone in reverse. Labels and assignees given at the opening (their timeline
 * events share its instant) stay, as the `opened` webhook shows them.
 */
function initialState(issue: RestIssue, timeline: readonly TimelineEvent[], created: number) {
  const state: IssueState = {
    labels: issue.labels.map((l) => (typeof l === 'string' ? l : l.name)),
    assignees: issue.assignees ?? (issue.assignee ? [issue.assignee] : []),
    title: issue.title ?? null,
  };
  const later = timeline.filter(
    (e) => e.created_at !== undefined && Date.parse(e.created_at) > created + 1000,
  );
  for (const e of [...later].reverse()) {
    const label = e.label?.name;
    const login = e.assignee?.login;
    if (e.event === 'labeled') state.labels = state.labels.filter((l) => l !== label);
    else if (e.event === 'unlabeled' && label && !state.labels.includes(label))
      state.labels.push(label);
    else if (e.event === 'assigned')
      state.assignees = state.assignees.filter((a) => a.login !== login);
    else if (e.event === 'unassigned' && e.assignee) state.assignees.unshift(e.assignee);
    else if (e.event === 'renamed' && e.rename) state.title = e.rename.from;
  }
  return state;
}

/** `owner/repo` of an issue's `repository_url` (`https://api.github.com/repos/owner/repo`). */
export function repositoryOf(url: string): string {
  const parts = new URL(url).pathname.split('/').filter(Boolean);
  return parts.slice(-2).join('/');
}
