import type { GitHubOptions } from '@breachless/connectors/github';
import { type Fetch, getJson } from '../http-read.js';
import type { Failed, Platform, ReadResult } from '../platform.js';
import { type GitHubCursor, type RepoCursor, readCursor } from './cursor.js';
import { githubLimit, nextLink } from './limits.js';
import { mapGitHub, repositoryOf } from './map.js';
import {
  type IssueRecord,
  restIssueSchema,
  type TimelineEvent,
  timelineEventSchema,
} from './schema.js';

/** Issues and timeline events a page: the most GitHub's REST API gives (`per_page`). */
export const GITHUB_PAGE = 100;

/**
 * GitHub through its REST API (`Accept: application/vnd.github+json`, API version
 * 2022-11-28), for each repository in turn: `GET /repos/{o}/{r}/issues?state=all&sort=updated
 * &direction=asc&since=` paged by the `Link` header, and for each issue changed its
 * timeline (`GET /repos/{o}/{r}/issues/{n}/timeline`, paged alike). The cursor keeps each
 * repository's `since` (the newest `updated_at` read) and, once a listing at that `since`
 * fitted one page, its ETag: with nothing changed the listing answers 304, which GitHub
 * does not count against the rate limit, so an idle reconcile is one free request per
 * repository. Pull requests are left out (not tickets), as the webhooks leave them.
 */
export function githubPlatform(
  baseUrl: string,
  token: string,
  repos: readonly string[],
  options: GitHubOptions,
  fetcher: Fetch = fetch,
  clock: () => number = Date.now,
): Platform<IssueRecord> {
  const root = baseUrl.replace(/\/+$/, '');
  const headers = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${token}`,
    'x-github-api-version': '2022-11-28',
  };
  const origin = new URL(root).origin;
  const get = (url: string, extra: Record<string, string> = {}): ReturnType<typeof getJson> =>
    // A `Link` is followed with the token: only to the API's own address.
    new URL(url).origin !== origin
      ? Promise.resolve({ kind: 'failed', message: `github: a page link leads off ${origin}` })
      : getJson(fetcher, url, { ...headers, ...extra }, 'github', githubLimit(clock));

  async function timeline(repo: string, n: number, until: number) {
    const events: TimelineEvent[] = [];
    let url: string | undefined =
      `${root}/repos/${repo}/issues/${n}/timeline?per_page=${GITHUB_PAGE}`;
    while (url !== undefined) {
      const got = await get(url);
      if (got.kind !== 'json') return got;
      const page = timelineEventSchema.array().safeParse(got.body);
      if (!page.success) return notDocumented(`the timeline of ${repo}#${n}`);
      // A change after `until` waits for the next run (its webhook may be on the way).
      events.push(
        ...page.data.filter((e) => e.created_at === undefined || Date.parse(e.created_at) <= until),
      );
      url = nextLink(got.response.headers.get('link'));
    }
    return events;
  }

  return {
    name: 'github',
    async read(cursor, until): Promise<ReadResult<IssueRecord>> {
      const state = readCursor(cursor, repos);
      const repo = repos[state.at];
      if (repo === undefined) return { kind: 'failed', message: 'github: no repository to read' };
      const rc: RepoCursor = state.repos[repo] ?? { since: null };
      if (rc.open && rc.since !== null) return openIssues(state, repo, rc.since, rc.next, until);
      const first = rc.next === undefined;
      const since = rc.since === null ? '' : `&since=${rc.since}`;
      const url =
        rc.next ??
        `${root}/repos/${repo}/issues?state=all&sort=updated&direction=asc&per_page=${GITHUB_PAGE}${since}`;
      const got = await get(url, first && rc.etag ? { 'if-none-match': rc.etag } : {});
      if (got.kind !== 'json') return got;
      if (got.response.status === 304) return finish(state, repo, rc, [], until);
      const page = restIssueSchema.array().safeParse(got.body);
      if (!page.success) return notDocumented(`the issues of ${repo}`);
      const records: IssueRecord[] = [];
      let newest = rc.newest ?? rc.since ?? undefined;
      let stopped = false;
      for (const issue of page.data) {
        if (Date.parse(issue.updated_at) > until) {
          stopped = true;
          break;
        }
        newest = issue.updated_at;
        // Read in full by the run that moved `since` here: nothing of it is newer.
        if (issue.pull_request !== undefined || (rc.since !== null && issue.updated_at <= rc.since))
          continue;
        const events = await timeline(repo, issue.number, until);
        if (!Array.isArray(events)) return events;
        records.push({ issue, timeline: events });
      }
      const next = stopped ? undefined : nextLink(got.response.headers.get('link'));
      if (next !== undefined) {
        const paging: RepoCursor = { since: rc.since, next, ...(newest ? { newest } : {}) };
        return pageOf(
          records,
          { ...state, repos: { ...state.repos, [repo]: paging } },
          false,
          Date.parse(newest ?? '') || 0,
        );
      }
      const moved = newest ?? rc.since;
      const onePage = first && !stopped && moved === rc.since;
      const etag = onePage ? got.response.headers.get('etag') : null;
      const done: RepoCursor = { since: moved ?? null, ...(etag ? { etag } : {}) };
      return finish(state, repo, done, records, stopped ? Date.parse(newest ?? '') || 0 : until);
    },
    map: (records) => mapGitHub(records, options),
  };

  /**
   * The open issues last updated before `since` (those after it come in the listing by
   * `since`), oldest update first; when they are read, the repository's listing by `since`
   * follows.
   */
  async function openIssues(
    state: GitHubCursor,
    repo: string,
    since: string,
    next: string | undefined,
    until: number,
  ): Promise<ReadResult<IssueRecord>> {
    const url =
      next ??
      `${root}/repos/${repo}/issues?state=open&sort=updated&direction=asc&per_page=${GITHUB_PAGE}`;
    const got = await get(url);
    if (got.kind !== 'json') return got;
    const page = restIssueSchema.array().safeParse(got.body);
    if (!page.success) return notDocumented(`the open issues of ${repo}`);
    const records: IssueRecord[] = [];
    const older = page.data.filter((i) => i.updated_at <= since);
    for (const issue of older) {
      if (issue.pull_request !== undefined) continue;
      const events = await timeline(repo, issue.number, until);
      if (!Array.isArray(events)) return events;
      records.push({ issue, timeline: events });
    }
    const more =
      older.length === page.data.length ? nextLink(got.response.headers.get('link')) : undefined;
    const rc: RepoCursor = more === undefined ? { since } : { since, open: true, next: more };
    return pageOf(
      records,
      { ...state, repos: { ...state.repos, [repo]: rc } },
      false,
      Date.parse(since),
    );
  }

  /** A repository read up to now: the next one, or (the last) the run is caught up. */
  function finish(
    state: GitHubCursor,
    repo: string,
    rc: RepoCursor,
    records: IssueRecord[],
    at: number,
  ) {
    const read = { ...state.repos, [repo]: rc };
    const last = state.at + 1 >= repos.length;
    return pageOf(records, { repos: read, at: last ? 0 : state.at + 1 }, last, at);
  }
}

function pageOf(records: IssueRecord[], cursor: GitHubCursor, done: boolean, cursorAt: number) {
  const tickets = [
    ...new Set(records.map((r) => `${repositoryOf(r.issue.repository_url)}#${r.issue.number}`)),
  ];
  return { kind: 'page' as const, records, tickets, next: JSON.stringify(cursor), done, cursorAt };
}

function notDocumented(what: string): Failed {
  return { kind: 'failed', message: `github: ${what} is not as documented` };
}
