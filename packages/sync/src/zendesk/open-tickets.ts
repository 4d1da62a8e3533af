import type { getJson } from '../http-read.js';
import type { Failed, ReadResult } from '../platform.js';
import { openSearches, type ZendeskCursor } from './cursor.js';
import {
  auditsPageSchema,
  searchExportPageSchema,
  type ZendeskAudit,
  type ZendeskTicketEvent,
  zendeskTicketEventSchema,
} from './schema.js';

/** Tickets a search page: "Export Search Results" recommends 100 (at most 1,000). */
export const SEARCH_PAGE = 100;

/** Audits a page: the most "List Audits for a Ticket" gives with cursor pagination. */
export const AUDITS_PAGE = 100;

type Get = (url: string) => ReturnType<typeof getJson>;

/**
 * One page of a backfill's search for the tickets created before `--since` (cursor.ts),
 * each read in full from its audits (`GET /api/v2/tickets/{id}/audits`) as the export
 * would list them, leaving out audits after `until`. The cursor moves past a search page
 * only once its tickets are read: a crash reads that page again (the same ids). A `next`
 * link refused with a 400 (a search cursor expires after an hour: a run that paused, a
 * limit waited out) starts that search again, which reads its tickets again (same ids).
 */
export async function readOpenTickets(
  get: Get,
  root: string,
  state: ZendeskCursor & { open: number },
  until: number,
): Promise<ReadResult<ZendeskTicketEvent>> {
  const searches = openSearches(state.start);
  const query = encodeURIComponent(searches[state.open] ?? '');
  const got = await get(
    state.next ??
      `${root}/api/v2/search/export?query=${query}&filter%5Btype%5D=ticket&page%5Bsize%5D=${SEARCH_PAGE}`,
  );
  if (got.kind === 'failed' && state.next !== undefined && got.message.startsWith('zendesk: 400'))
    return pageOf([], { start: state.start, open: state.open }, state.start);
  if (got.kind !== 'json') return got;
  const page = searchExportPageSchema.safeParse(got.body);
  if (!page.success) return notDocumented('the search page');
  const records: ZendeskTicketEvent[] = [];
  for (const ticket of page.data.results) {
    const audits = await auditsOf(get, root, ticket.id, until);
    if (!Array.isArray(audits)) return audits;
    records.push(...audits);
  }
  const next = page.data.meta.has_more ? page.data.links.next : undefined;
  const after: ZendeskCursor = next
    ? { start: state.start, open: state.open, next }
    : state.open + 1 < searches.length
      ? { start: state.start, open: state.open + 1 }
      : { start: state.start };
  return pageOf(records, after, state.start);
}

async function auditsOf(get: Get, root: string, ticket: string | number, until: number) {
  const events: ZendeskTicketEvent[] = [];
  let url: string | null | undefined =
    `${root}/api/v2/tickets/${ticket}/audits?page%5Bsize%5D=${AUDITS_PAGE}`;
  while (url) {
    const got = await get(url);
    if (got.kind !== 'json') return got;
    const page = auditsPageSchema.safeParse(got.body);
    if (!page.success) return notDocumented(`the audits of ticket ${ticket}`);
    for (const audit of page.data.audits) {
      const event = zendeskTicketEventSchema.safeParse(asTicketEvent(audit));
      if (!event.success) return notDocumented(`audit ${audit.id}`);
      // A change after `until` waits for the export (its webhook may be on the way).
      if (event.data.timestamp * 1000 <= until) events.push(event.data);
    }
    url = page.data.meta.has_more ? page.data.links.next : undefined;
  }
  return events;
}

/**
 * An audit as the event export lists it: each `Create`/`Change` with its property under
 * its own name, so the export's mapping (and its ids: audit and child event ids) apply.
 */
export function asTicketEvent(audit: ZendeskAudit): Record<string, unknown> {
  return {
    id: audit.id,
    ticket_id: audit.ticket_id,
    timestamp: Math.floor(Date.parse(audit.created_at) / 1000),
    created_at: audit.created_at,
    updater_id: audit.author_id ?? null,
    ...(audit.via === undefined ? {} : { via: audit.via }),
    child_events: audit.events.map((e) => {
      const { type, field_name, value, ...rest } = e;
      const child = { ...rest, event_type: type };
      return field_name === undefined ? child : { ...child, [field_name]: value };
    }),
  };
}

function pageOf(records: ZendeskTicketEvent[], cursor: ZendeskCursor, since: number) {
  const tickets = [...new Set(records.map((r) => String(r.ticket_id)))];
  const next = JSON.stringify(cursor);
  return { kind: 'page' as const, records, tickets, next, done: false, cursorAt: since * 1000 };
}

function notDocumented(what: string): Failed {
  return { kind: 'failed', message: `zendesk: ${what} is not as documented` };
}
