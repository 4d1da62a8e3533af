// A loopback fake of GitHub's REST API for issues, for tests and benchmarks. Built from
// GitHub's REST API description (github/rest-api-description, descriptions/api.github.com:
// `issues/list-for-repo`, `issues/list-events-for-timeline`) and its guides:
// - "Using pagination in the REST API": `per_page` (at most 100), `page`, the `Link` header
//   with `rel="next"` and `rel="last"`.
// - "Best practices for using the REST API" (conditional requests): `ETag` on every
//   answer, `If-None-Match` answered 304, which does not count against the rate limit.
// - "Rate limits for the REST API": `x-ratelimit-limit/-remaining/-used/-reset` (Unix
//   seconds) and `-resource`; past the primary limit 403 with remaining 0; a secondary
//   limit 403 or 429 with `retry-after`.
// - "Authenticating to the REST API": `Authorization: Bearer <token>`; a wrong one is 401
//   `{"message":"Bad credentials"}`.
// Listing `since` keeps issues updated at or after it, `state` (default open) those in that
// state, sorted by `updated_at` ascending.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FakeAnswer, FakeJsonServer } from '../fake-server.js';
import type { FakeIssue, FakeIssueChange } from './fake-history.js';

export interface FakeGitHubOptions {
  /** The fake's clock: only changes up to it are shown, and the hourly window reads it. */
  readonly clock: () => number;
  /** Requests an hour before 403 (GitHub's is 5,000 for a token); `null` turns it off. */
  readonly perHour?: number | null;
  readonly token?: string;
}

/** An issue as `GET /repos/{o}/{r}/issues` lists it (the fields sync reads and a few more). */
type ListedIssue = Record<string, unknown> & { id: number; updated_at: string; state: string };

/** The fake repositories: add issues, start it, point a connection at `url`. */
export class FakeGitHub extends FakeJsonServer {
  readonly #issues = new Map<string, FakeIssue>();
  /** Answers given before any other (a secondary limit, say), first first. */
  readonly queued: { status: number; headers: Record<string, string>; body: unknown }[] = [];
  /** 304s (counted in `requests` too), and requests refused for a rate limit. */
  notModified = 0;
  limited = 0;
  readonly #options: FakeGitHubOptions;
  #window = { hour: -1, used: 0 };
  #listed: { at: number; repo: string; list: ListedIssue[] } | undefined;

  constructor(options: FakeGitHubOptions) {
    super();
    this.#options = options;
  }

  add(...issues: FakeIssue[]): void {
    for (const i of issues) this.#issues.set(`${i.repo}#${i.number}`, i);
    this.#listed = undefined;
  }

  protected override send(req: IncomingMessage, res: ServerResponse, answer: FakeAnswer): void {
    const [status, body, headers] = answer;
    const text = JSON.stringify(body);
    const etag = `W/"${createHash('sha1').update(text).digest('hex')}"`;
    if (status === 200 && req.headers['if-none-match'] === etag) {
      // Not counted: GitHub does not charge a 304 against the limit.
      this.notModified++;
      this.#window.used--;
      res.writeHead(304, { etag, ...headers }).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', etag, ...headers }).end(text);
  }

  protected override route(req: IncomingMessage): FakeAnswer {
    if (this.down) return [503, { message: 'Service Unavailable' }];
    const queued = this.queued.shift();
    if (queued) return [queued.status, queued.body, queued.headers];
    if (req.headers.authorization !== `Bearer ${this.#options.token ?? 'github-token'}`)
      return [
        401,
        { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
      ];
    const now = this.#options.clock();
    const limit = this.#options.perHour === undefined ? 5000 : this.#options.perHour;
    const hour = Math.floor(now / 3_600_000);
    if (this.#window.hour !== hour) this.#window = { hour, used: 0 };
    const rate = (used: number): Record<string, string> =>
      limit === null
        ? {}
        : {
            'x-ratelimit-limit': String(limit),
            'x-ratelimit-remaining': String(Math.max(0, limit - used)),
            'x-ratelimit-used': String(used),
            'x-ratelimit-reset': String((hour + 1) * 3600),
            'x-ratelimit-resource': 'core',
          };
    if (limit !== null && this.#window.used >= limit) {
      this.limited++;
      return [403, { message: 'API rate limit exceeded for user ID 1.' }, rate(this.#window.used)];
    }
    this.#window.used++;
    const url = new URL(req.url ?? '/', 'http://x');
    const list = /^\/repos\/([^/]+\/[^/]+)\/issues$/.exec(url.pathname);
    const timeline = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/timeline$/.exec(url.pathname);
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    if (list?.[1]) {
      const since = url.searchParams.get('since');
      const state = url.searchParams.get('state') ?? 'open';
      const all = this.listed(list[1], Math.floor(now / 1000))
        .filter((i) => state === 'all' || i.state === state)
        .filter((i) => since === null || i.updated_at >= since);
      return this.#paged(url, all, page, perPage, rate(this.#window.used));
    }
    const issue = timeline ? this.#issues.get(`${timeline[1]}#${timeline[2]}`) : undefined;
    if (issue === undefined) return [404, { message: 'Not Found' }];
    const events = this.#until(issue, Math.floor(now / 1000)).flatMap((c) => c.timeline);
    return this.#paged(url, events, page, perPage, rate(this.#window.used));
  }

  #paged(
    url: URL,
    all: readonly unknown[],
    page: number,
    perPage: number,
    headers: Record<string, string>,
  ): FakeAnswer {
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (p: number) => {
      const u = new URL(url.toString());
      u.searchParams.set('page', String(p));
      return `<${this.url}${u.pathname}${u.search}>`;
    };
    const links: Record<string, string> =
      page < last ? { link: `${link(page + 1)}; rel="next", ${link(last)}; rel="last"` } : {};
    return [200, all.slice((page - 1) * perPage, page * perPage), { ...headers, ...links }];
  }

  #until(issue: FakeIssue, now: number): FakeIssueChange[] {
    return issue.changes.filter((c) => c.at <= now);
  }

  /** The repository's issues opened by `now`, as the listing shows them, oldest update first. */
  listed(repo: string, now: number): ListedIssue[] {
    if (this.#listed?.at === now && this.#listed.repo === repo) return this.#listed.list;
    const list: ListedIssue[] = [];
    for (const issue of this.#issues.values()) {
      if (issue.repo !== repo) continue;
      const changes = this.#until(issue, now);
      const latest = changes.at(-1);
      if (latest === undefined) continue;
      const s = latest.state;
      list.push({
        id: issue.id,
        number: issue.number,
        repository_url: `${this.url}/repos/${repo}`,
        html_url: `https://github.com/${repo}/issues/${issue.number}`,
        title: s.title,
        state: s.state,
        user: { login: issue.author, type: 'User' },
        labels: s.labels.map((name) => ({ name })),
        assignee: s.assignees[0] ? { login: s.assignees[0], type: 'User' } : null,
        assignees: s.assignees.map((login) => ({ login, type: 'User' })),
        comments: changes.filter((c) => c.timeline.some((e) => e.event === 'commented')).length,
        created_at: iso((changes[0] as FakeIssueChange).at),
        updated_at: iso(latest.at),
        closed_at: s.closedAt === null ? null : iso(s.closedAt),
      });
    }
    list.sort((a, b) =>
      a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : a.id - b.id,
    );
    this.#listed = { at: now, repo, list };
    return list;
  }
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
