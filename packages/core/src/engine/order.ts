import type { TicketEvent } from '../events/types.js';
import { IdSet } from './id-set.js';

// A Map: a type that slipped past validation ranks last instead of reading a built-in.
const RANK = new Map<string, number>([
  ['ticket.created', 0],
  ['message', 1],
  ['ticket.updated', 2],
  ['ticket.deleted', 3],
]);
const rankOf = (type: string) => RANK.get(type) ?? RANK.size;

/**
 * The order events take effect in (semantics.md section 3): by instant; at one instant
 * creation, then messages, then updates, then deletion; then by id in code-unit order.
 */
export function compareEvents(a: TicketEvent, b: TicketEvent): number {
  return a.at - b.at || rankOf(a.type) - rankOf(b.type) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether a ticket's events are in `compareEvents` order already: one pass, no sort needed. */
function inOrder(list: readonly TicketEvent[]): boolean {
  for (let i = 1; i < list.length; i++)
    if (compareEvents(list[i - 1] as TicketEvent, list[i] as TicketEvent) > 0) return false;
  return true;
}

/**
 * Groups events by ticket, dropping every event whose id was seen before (the first one
 * delivered wins, as with a unique key in the database) and those after `until`.
 * Each ticket's events come back sorted.
 *
 * Written for the common shape of a flat list (a ticket's events together, mostly in order,
 * as an export or a database read gives them): ids kept in an `IdSet`, the ticket's list
 * looked up only when the ticket changes, and a list sorted only when it is out of order.
 */
export function byTicket(
  events: Iterable<TicketEvent>,
  until = Number.POSITIVE_INFINITY,
): Map<string, TicketEvent[]> {
  const seen = new IdSet();
  const tickets = new Map<string, TicketEvent[]>();
  let ticket: string | undefined;
  let list: TicketEvent[] = [];
  for (const event of events) {
    if (!seen.add(event.id) || event.at > until) continue;
    if (event.ticket !== ticket) {
      ticket = event.ticket;
      list = tickets.get(ticket) ?? [];
      if (list.length === 0) tickets.set(ticket, list);
    }
    list.push(event);
  }
  for (const events of tickets.values()) if (!inOrder(events)) events.sort(compareEvents);
  return tickets;
}
