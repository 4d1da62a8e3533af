// A loopback fake of Jira Cloud's REST API v3, for tests and benchmarks. Built from the
// Jira Cloud platform REST API reference:
// - "Search for issues using JQL enhanced search (GET)", `GET /rest/api/3/search/jql`:
//   `jql`, `maxResults`, `fields`, `expand=changelog`, `nextPageToken`; the answer's
//   `issues`, `nextPageToken` (absent on the last page) and `isLast`. With
//   `expand=changelog` each issue carries `changelog: {startAt, maxResults, total,
//   histories}`, cut short on issues with long histories; the `comment` field is a page
//   (`comments`, `maxResults`, `total`, `startAt`), cut short alike.
// - "Get changelogs", `GET /rest/api/3/issue/{id}/changelog` (PageBeanChangelog: `values`,
//   `startAt`, `maxResults`, `total`, `isLast`); "Get comments", `GET .../comment`
//   (PageOfComments); "Get current user", `GET /rest/api/3/myself` (`timeZone`); "Get all
//   statuses", `GET /rest/api/3/status` (each with its `statusCategory`).
// - "Rate limiting": 429 with `Retry-After` in seconds.
// - "Basic auth for REST APIs": `Authorization: Basic base64(email:api_token)`; a wrong one
//   is 401.
// The JQL it understands is the one sync sends: `[(...) AND ][statusCategory != Done AND ]
// updated >= (or <) "yyyy/MM/dd HH:mm" ORDER BY updated ASC`, dates in UTC (its `myself`
// says UTC).
import type { IncomingMessage } from 'node:http';
import { type FakeAnswer, FakeJsonServer, MinuteWindow } from '../fake-server.js';
import type { FakeJiraChange, FakeJiraIssue } from './fake-history.js';
import { type Shown, searchPage } from './fake-search.js';

export interface FakeJiraOptions {
  /** The fake's clock: only changes up to it are shown; the minute window reads it. */
  readonly clock: () => number;
  /** Requests a minute before 429; `null` turns the limit off. Default 100. */
  readonly perMinute?: number | null;
  /** Issues a search page at most (Jira gives up to 100 with fields). */
  readonly pageSize?: number;
  /** Histories and comments a search shows of an issue before cutting them short. */
  readonly inSearch?: number;
  readonly email?: string;
  readonly token?: string;
  /** The site's address in `self` links (the history's); default https://acme.atlassian.net. */
  readonly site?: string;
}

/** The fake site: add issues, start it, point a connection at `url`. */
export class FakeJira extends FakeJsonServer {
  readonly #issues = new Map<string, FakeJiraIssue>();
  /** Requests answered 429. */
  limited = 0;
  /** Paths asked for, in order (without the query). */
  readonly paths: string[] = [];
  readonly #options: FakeJiraOptions;
  readonly #window: MinuteWindow;
  #cache: { now: number; size: number; list: Shown[] } | undefined;

  constructor(options: FakeJiraOptions) {
    super();
    this.#options = options;
    this.#window = new MinuteWindow(options.perMinute === undefined ? 100 : options.perMinute);
  }

  add(...issues: FakeJiraIssue[]): void {
    for (const i of issues) this.#issues.set(i.id, i);
  }

  protected override route(req: IncomingMessage): FakeAnswer {
    if (this.down) return [503, { errorMessages: ['Service Unavailable'] }];
    const basic = Buffer.from(
      `${this.#options.email ?? 'agent@example.com'}:${this.#options.token ?? 'jira-token'}`,
    ).toString('base64');
    if (req.headers.authorization !== `Basic ${basic}`)
      return [401, { errorMessages: ['Client must be authenticated to access this resource.'] }];
    const now = this.#options.clock();
    const retry = this.#window.refuse(now);
    if (retry !== undefined) {
      this.limited++;
      return [429, { errorMessages: ['Rate limit exceeded.'] }, { 'retry-after': retry }];
    }
    const url = new URL(req.url ?? '/', 'http://x');
    this.paths.push(url.pathname);
    if (url.pathname === '/rest/api/3/myself')
      return [200, { accountId: 'sync-bot', accountType: 'atlassian', timeZone: 'UTC' }];
    if (url.pathname === '/rest/api/3/search/jql')
      return searchPage(this.#ordered(now), url, {
        pageSize: this.#options.pageSize ?? 100,
        inSearch: this.#options.inSearch ?? 40,
        site: this.#options.site ?? 'https://acme.atlassian.net',
      });
    if (url.pathname === '/rest/api/3/status') return [200, this.#statuses()];
    const m = /^\/rest\/api\/3\/issue\/([^/]+)\/(changelog|comment)$/.exec(url.pathname);
    const issue = m?.[1] ? this.#issues.get(m[1]) : undefined;
    if (issue === undefined)
      return [
        404,
        { errorMessages: ['Issue does not exist or you do not have permission to see it.'] },
      ];
    const startAt = Number(url.searchParams.get('startAt') ?? 0);
    const max = Math.min(100, Number(url.searchParams.get('maxResults') ?? 50));
    const { histories, comments } = this.#shown(issue, now);
    if (m?.[2] === 'changelog') {
      const values = histories.slice(startAt, startAt + max);
      return [
        200,
        {
          startAt,
          maxResults: max,
          total: histories.length,
          isLast: startAt + max >= histories.length,
          values,
        },
      ];
    }
    return [
      200,
      {
        startAt,
        maxResults: max,
        total: comments.length,
        comments: comments.slice(startAt, startAt + max),
      },
    ];
  }

  // Every issue as shown at `now`, least recently updated first; kept while `now` stays.
  #ordered(now: number): Shown[] {
    if (this.#cache?.now === now && this.#cache.size === this.#issues.size) return this.#cache.list;
    const list = [...this.#issues.values()]
      .map((issue) => ({ issue, shown: this.#shown(issue, now) }))
      .filter((x) => x.shown.latest !== undefined)
      .sort(
        (a, b) =>
          (a.shown.latest?.at ?? 0) - (b.shown.latest?.at ?? 0) ||
          Number(a.issue.id) - Number(b.issue.id),
      );
    this.#cache = { now, size: this.#issues.size, list };
    return list;
  }

  // "Get all statuses": every status the issues were ever in, with its category.
  #statuses() {
    const all = new Map<string, unknown>();
    for (const issue of this.#issues.values())
      for (const c of issue.changes) {
        const status = c.fields.status as { name?: string } | undefined;
        if (status?.name) all.set(status.name, status);
      }
    return [...all.values()];
  }

  #shown(issue: FakeJiraIssue, now: number) {
    const changes = issue.changes.filter((c) => c.at <= now);
    return {
      latest: changes.at(-1) as FakeJiraChange | undefined,
      histories: changes.flatMap((c) => (c.history ? [c.history] : [])),
      comments: changes.flatMap((c) => (c.comment ? [c.comment] : [])),
    };
  }
}
