// The fake Zendesk's endpoints a backfill from a date reads before the event export, from
// Zendesk's Support API reference:
// - "Export Search Results", GET /api/v2/search/export: `query` (Zendesk's search syntax;
//   here `created`, `updated` with `<`/`>` and ISO times, `status` with `<`/`>`/`:`),
//   `filter[type]` required and `type:` refused in the query, `page[size]` up to 1,000,
//   results ordered by `created_at`, `links.next` and `meta.has_more`/`after_cursor`; a
//   cursor expires after one hour; 100 requests a minute.
// - "List Audits for a Ticket", GET /api/v2/tickets/{ticket_id}/audits: oldest first,
//   cursor pagination (`page[size]` up to 100, `links.next`, `meta.has_more`); each audit's
//   `events`: `Create`/`Change` with `field_name`, `value`, `previous_value`; `Comment` with
//   `author_id`, `public`, `body`.
import type { FakeAnswer } from '../fake-server.js';
import type { FakeChildEvent, FakeTicketEvent } from './fake-events.js';

const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const HOUR = 3_600_000;

interface FakeTicket {
  readonly id: number;
  readonly created: number;
  updated: number;
  status: string;
}

/** An answer of "Export Search Results" over the audits (sorted by time) up to `now`. */
export function searchExport(
  events: readonly FakeTicketEvent[],
  url: URL,
  now: number,
): FakeAnswer {
  const query = url.searchParams.get('query') ?? '';
  if (url.searchParams.get('filter[type]') !== 'ticket')
    return [400, { error: 'InvalidValue', description: 'filter[type] is required' }];
  const tests: ((t: FakeTicket) => boolean)[] = [];
  for (const term of query.split(/\s+/).filter(Boolean)) {
    const test = termTest(term);
    if (test === undefined)
      return [400, { error: 'InvalidValue', description: `the fake cannot read ${term}` }];
    tests.push(test);
  }
  const after = readAfter(url.searchParams.get('page[after]'));
  if (after !== undefined && now - after.issued > HOUR)
    return [400, { error: 'InvalidPaginationParameter', description: 'cursor expired' }];
  const size = Math.min(Number(url.searchParams.get('page[size]') ?? 100) || 100, 1000);
  const matching = tickets(events, now).filter((t) => tests.every((test) => test(t)));
  const offset = after?.offset ?? 0;
  const page = matching.slice(offset, offset + size);
  return [
    200,
    {
      results: page.map((t) => ({
        id: t.id,
        result_type: 'ticket',
        status: t.status,
        created_at: iso(t.created),
        updated_at: iso(t.updated),
      })),
      facets: null,
      ...paging(url, offset + size, matching.length, now),
    },
  ];
}

/** An answer of "List Audits for a Ticket": `ticket`'s audits up to `now`, oldest first. */
export function ticketAudits(
  events: readonly FakeTicketEvent[],
  ticket: number,
  url: URL,
  now: number,
): FakeAnswer {
  const audits = events.filter((e) => e.ticket_id === ticket && e.timestamp * 1000 <= now);
  if (audits.length === 0) return [404, { error: 'RecordNotFound', description: 'Not found' }];
  const size = Math.min(Number(url.searchParams.get('page[size]') ?? 100) || 100, 100);
  const offset = readAfter(url.searchParams.get('page[after]'))?.offset ?? 0;
  return [
    200,
    {
      audits: audits.slice(offset, offset + size).map((e) => ({
        id: e.id,
        ticket_id: e.ticket_id,
        created_at: iso(e.timestamp),
        author_id: e.updater_id,
        via: e.via ?? { channel: 'web' },
        metadata: {},
        events: e.child_events.map(auditEvent),
      })),
      ...paging(url, offset + size, audits.length, now),
    },
  ];
}

// Cursor pagination's `meta` and `links`: the cursor is the next offset and when it was given.
function paging(url: URL, offset: number, total: number, now: number) {
  const more = offset < total;
  const cursor = Buffer.from(JSON.stringify({ offset, issued: now })).toString('base64url');
  const next = new URL(url);
  next.searchParams.set('page[after]', cursor);
  return {
    meta: { has_more: more, after_cursor: more ? cursor : null, before_cursor: null },
    links: { prev: null, next: more ? next.toString() : null },
  };
}

// The export names the changed property as a key; an audit says it as `field_name`.
function auditEvent(child: FakeChildEvent) {
  const { id, event_type, previous_value, ...rest } = child;
  if (event_type === 'Comment') return { id, type: 'Comment', body: 'A comment', ...rest };
  const [field, value] = Object.entries(rest)[0] ?? [];
  return {
    id,
    type: event_type,
    ...(field === undefined ? {} : { field_name: field, value }),
    ...(event_type === 'Change' ? { previous_value } : {}),
  };
}

function tickets(events: readonly FakeTicketEvent[], now: number): FakeTicket[] {
  const byId = new Map<number, FakeTicket>();
  for (const e of events) {
    if (e.timestamp * 1000 > now) break;
    const t = byId.get(e.ticket_id) ?? {
      id: e.ticket_id,
      created: e.timestamp,
      updated: 0,
      status: 'new',
    };
    byId.set(e.ticket_id, t);
    t.updated = e.timestamp;
    for (const c of e.child_events) if (typeof c.status === 'string') t.status = c.status;
  }
  return [...byId.values()].sort((a, b) => a.created - b.created || a.id - b.id);
}

function termTest(term: string): ((t: FakeTicket) => boolean) | undefined {
  const m = /^(created|updated|status)([<>:])(.+)$/.exec(term);
  if (m === null) return undefined;
  const [, field, op, value] = m as unknown as [string, string, string, string];
  const compare = (a: number, b: number) => (op === '<' ? a < b : op === '>' ? a > b : a === b);
  if (field === 'status') {
    const rank = STATUSES.indexOf(value);
    return rank < 0 ? undefined : (t) => compare(STATUSES.indexOf(t.status), rank);
  }
  const at = Date.parse(value) / 1000;
  if (Number.isNaN(at) || op === ':') return undefined;
  return (t) => compare(field === 'created' ? t.created : t.updated, at);
}

function readAfter(value: string | null): { offset: number; issued: number } | undefined {
  if (value === null) return undefined;
  return JSON.parse(Buffer.from(value, 'base64url').toString()) as {
    offset: number;
    issued: number;
  };
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
