// A loopback fake of Zendesk's Incremental Ticket Event Export, for tests and benchmarks.
// Built from Zendesk's published Support API reference:
// - "Incremental Ticket Event Export", GET /api/v2/incremental/ticket_events (OpenAPI
//   IncrementalTicketEvents / ExportIncrementalTicketEventsResponse): `start_time` in Unix
//   seconds, events at or after it, up to 1,000 a page, `end_time` (the next start_time),
//   `next_page`, `count`, `end_of_stream`; events within one minute of the request are
//   excluded; `include=comment_events` lists comments as `Comment` child events.
// - "Using the Incremental Exports API", Rate limits: 10 requests a minute, answered 429
//   with `Retry-After` in seconds.
// - The endpoints a backfill from a date searches first: fake-search.ts.
// - "Security and authentication": API tokens as Basic `{email}/token:{token}`; a wrong one
//   is 401 `{"error":"Couldn't authenticate you"}`.
import type { IncomingMessage } from 'node:http';
import { type FakeAnswer, FakeJsonServer, MinuteWindow } from '../fake-server.js';
import type { FakeTicketEvent } from './fake-events.js';
import { searchExport, ticketAudits } from './fake-search.js';

export type { FakeTicketEvent };

export interface FakeZendeskOptions {
  /** The fake's clock (the one-minute exclusion and the rate-limit window read it). */
  readonly clock: () => number;
  /** Requests a minute before 429; `null` turns the limit off (benchmarks). Default 10. */
  readonly perMinute?: number | null;
  /**
   * Requests a minute to the rest of the API (search, audits), the account's limit (400 on
   * Suite Growth and Professional); `perMinute: null` turns it off too.
   */
  readonly accountPerMinute?: number;
  /** Events a page; Zendesk's is 1,000. */
  readonly pageSize?: number;
  readonly email?: string;
  readonly token?: string;
}

/** The fake account: add audits, start it, point a connection at `url`. */
export class FakeZendesk extends FakeJsonServer {
  readonly events: FakeTicketEvent[] = [];
  /** Requests answered 429. */
  limited = 0;
  readonly #options: FakeZendeskOptions;
  readonly #window: MinuteWindow;
  readonly #account: MinuteWindow;
  /** "Export Search Results" has its own 100 a minute, within the account's limit. */
  readonly #search: MinuteWindow;
  #sorted = true;

  constructor(options: FakeZendeskOptions) {
    super();
    this.#options = options;
    const off = options.perMinute === null;
    this.#window = new MinuteWindow(options.perMinute === undefined ? 10 : options.perMinute);
    this.#account = new MinuteWindow(off ? null : (options.accountPerMinute ?? 400));
    this.#search = new MinuteWindow(off ? null : 100);
  }

  /** Adds audits; the export lists them by time (then id), whatever order they come in. */
  add(...events: FakeTicketEvent[]): void {
    for (const e of events) this.events.push(e);
    this.#sorted = false;
  }

  protected override route(req: IncomingMessage): FakeAnswer {
    const url = new URL(req.url ?? '/', this.url);
    if (this.down) return [503, { error: 'ServiceUnavailable' }];
    const { email = 'agent@example.com', token = 'secret-token' } = this.#options;
    const expected = `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;
    if (req.headers.authorization !== expected)
      return [401, { error: "Couldn't authenticate you" }];
    const now = this.#options.clock();
    if (url.pathname !== '/api/v2/incremental/ticket_events.json') return this.#api(url, now);
    const retry = this.#window.refuse(now);
    if (retry !== undefined) {
      this.limited++;
      return [429, { error: 'APIRateLimitExceeded' }, { 'retry-after': retry }];
    }
    const start = Number(url.searchParams.get('start_time'));
    if (!Number.isInteger(start) || start < 0)
      return [400, { error: 'InvalidValue', description: 'start_time is required' }];
    if (start * 1000 > now - 60_000)
      return [400, { error: 'InvalidValue', description: 'Too recent start_time' }];
    return [200, this.#page(start, now, url.searchParams.get('include') === 'comment_events')];
  }

  // The search and the audits, within the account's limit (the search within its own too).
  #api(url: URL, now: number): FakeAnswer {
    const search = url.pathname === '/api/v2/search/export';
    const audits = /^\/api\/v2\/tickets\/(\d+)\/audits(\.json)?$/.exec(url.pathname);
    if (!search && audits === null) return [404, { error: 'InvalidEndpoint' }];
    const retry = this.#account.refuse(now) ?? (search ? this.#search.refuse(now) : undefined);
    if (retry !== undefined) {
      this.limited++;
      return [429, { error: 'APIRateLimitExceeded' }, { 'retry-after': retry }];
    }
    const events = this.#byTime();
    return search
      ? searchExport(events, url, now)
      : ticketAudits(events, Number(audits?.[1]), url, now);
  }

  #byTime(): readonly FakeTicketEvent[] {
    if (!this.#sorted) {
      this.events.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
      this.#sorted = true;
    }
    return this.events;
  }

  #page(start: number, now: number, comments: boolean) {
    this.#byTime();
    const size = this.#options.pageSize ?? 1000;
    const page: unknown[] = [];
    let i = firstAtOrAfter(this.events, start);
    const latest = Math.floor((now - 60_000) / 1000);
    for (; i < this.events.length && page.length < size; i++) {
      const e = this.events[i] as FakeTicketEvent;
      if (e.timestamp > latest) break;
      page.push(exported(e, comments));
    }
    const last = page.at(-1) as { timestamp: number } | undefined;
    const end = last?.timestamp ?? start;
    return {
      ticket_events: page,
      next_page: `${this.url}/api/v2/incremental/ticket_events.json?start_time=${end}`,
      count: page.length,
      end_time: end,
      end_of_stream: page.length < size,
    };
  }
}

function firstAtOrAfter(events: readonly FakeTicketEvent[], start: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((events[mid] as FakeTicketEvent).timestamp < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Without the sideload, a comment is only `comment_present` and `comment_public` flags.
function exported(e: FakeTicketEvent, comments: boolean) {
  const child_events = e.child_events.map((c) =>
    c.event_type === 'Comment' && !comments
      ? { id: c.id, event_type: 'Comment', comment_present: true, comment_public: c.public }
      : c,
  );
  return {
    ...e,
    created_at: new Date(e.timestamp * 1000).toISOString().replace('.000Z', 'Z'),
    event_type: 'Audit',
    child_events,
  };
}
