import type { ZendeskOptions } from '@breachless/connectors/zendesk';
import { checkEvent, type TicketEvent } from '@breachless/core';
import { type Fetch, getJson } from '../http-read.js';
import type { Mapped, Platform, ReadResult } from '../platform.js';
import { readCursor } from './cursor.js';
import { mapTicketEvent } from './map.js';
import { readOpenTickets } from './open-tickets.js';
import {
  type ZendeskTicketEvent,
  zendeskEventPageSchema,
  zendeskTicketEventSchema,
} from './schema.js';

/** What reading a Zendesk account needs: an agent's email and an API token. */
export interface ZendeskCredentials {
  readonly email: string;
  readonly token: string;
}

/**
 * Zendesk through its Incremental Ticket Event Export (`GET
 * /api/v2/incremental/ticket_events?start_time=&include=comment_events`, time-based): the
 * cursor is the `start_time` in Unix seconds, each page's `end_time` the next one's, until
 * `end_of_stream`. A full page's last second is read again by the next page, as
 * documented (the page may have cut it short); the events' ids make the second reading a
 * duplicate. A backfill from a date first reads in full the tickets created before it
 * (open-tickets.ts): the export from the date would give only their later events.
 */
export function zendeskPlatform(
  baseUrl: string,
  credentials: ZendeskCredentials,
  options: ZendeskOptions,
  fetcher: Fetch = fetch,
): Platform<ZendeskTicketEvent> {
  const auth = Buffer.from(`${credentials.email}/token:${credentials.token}`).toString('base64');
  const headers = { authorization: `Basic ${auth}` };
  const root = baseUrl.replace(/\/+$/, '');
  const origin = new URL(root).origin;
  const get = (url: string): ReturnType<typeof getJson> =>
    // A `next` link is followed with the credentials: only to the account's own address.
    new URL(url).origin !== origin
      ? Promise.resolve({ kind: 'failed', message: `zendesk: a page link leads off ${origin}` })
      : getJson(fetcher, url, headers, 'zendesk');
  return {
    name: 'zendesk',
    async read(cursor, until): Promise<ReadResult<ZendeskTicketEvent>> {
      const state = readCursor(cursor);
      if (state.open !== undefined)
        return readOpenTickets(get, root, { ...state, open: state.open }, until);
      const start = state.start;
      const url = `${root}/api/v2/incremental/ticket_events.json?start_time=${start}&include=comment_events`;
      const got = await get(url);
      if (got.kind !== 'json') return got;
      const page = zendeskEventPageSchema.safeParse(got.body);
      if (!page.success)
        return { kind: 'failed', message: 'zendesk: the export page is not as documented' };
      const records: ZendeskTicketEvent[] = [];
      for (const value of page.data.ticket_events) {
        const record = zendeskTicketEventSchema.safeParse(value);
        if (!record.success)
          return { kind: 'failed', message: 'zendesk: a ticket event is not as documented' };
        // Later changes wait for the next run: their webhooks may still be on the way.
        if (record.data.timestamp * 1000 > until)
          return pageOf(records, record.data.timestamp, until);
        records.push(record.data);
      }
      const end = page.data.end_time ?? start;
      if (!page.data.end_of_stream && end <= start)
        return {
          kind: 'failed',
          message: `zendesk: more than a page of ticket events at ${start}: the export cannot move past it`,
        };
      if (!page.data.end_of_stream) return pageOf(records, end, undefined);
      // The stream's end leaves out the last minute, so its last second is complete: the
      // next run starts after it. A full page may have cut a second short: read it again.
      return pageOf(records, records.length > 0 ? end + 1 : start, until);
    },
    map: (records, stored) => mapZendesk(records, stored, options),
  };
}

/**
 * A page; `readUntil` when it is the last one for now: every change up to then has been
 * read (lag counts from there, not from the last change, which may be hours old).
 */
function pageOf(records: ZendeskTicketEvent[], next: number, readUntil: number | undefined) {
  const tickets = [...new Set(records.map((r) => String(r.ticket_id)))];
  const done = readUntil !== undefined;
  const cursorAt = readUntil ?? next * 1000;
  return {
    kind: 'page' as const,
    records,
    tickets,
    next: JSON.stringify({ start: next }),
    done,
    cursorAt,
  };
}

function mapZendesk(
  records: readonly ZendeskTicketEvent[],
  stored: readonly TicketEvent[],
  options: ZendeskOptions,
): Mapped {
  const known = new Map<string, string | null>();
  for (const e of stored)
    if ((e.type === 'ticket.created' || e.type === 'ticket.updated') && 'requester' in e.fields)
      known.set(e.ticket, e.fields.requester ?? null);
  const requesters = new Map<string, string | null>();
  const out: Mapped = { events: [], rejected: [] };
  for (const record of records) {
    const mapped = mapTicketEvent(record, options, requesters, (t) => known.get(t));
    if ('problems' in mapped) {
      out.rejected.push({ record: `audit ${record.id}`, problems: mapped.problems });
      continue;
    }
    for (const value of mapped.events) {
      const checked = checkEvent(value);
      if ('event' in checked) out.events.push(checked.event);
      else out.rejected.push({ record: `audit ${record.id}`, problems: checked.problems });
    }
  }
  return out;
}
